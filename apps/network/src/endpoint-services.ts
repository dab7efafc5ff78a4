import type { EndpointName } from '@privatelink/config';

/** One interface endpoint: a stable key (construct id, DNS label) and its service name. */
export interface EndpointService {
  readonly key: string;
  readonly serviceName: string;
}

const aws = (service: string) => (region: string) => `com.amazonaws.${region}.${service}`;
const sagemakerAws = (service: string) => (region: string) => `aws.sagemaker.${region}.${service}`;

/**
 * Service names per configurable endpoint. The notebook and Studio services use the `aws.sagemaker.`
 * prefix, not `com.amazonaws.` (a common mistake).
 */
const SERVICES: Readonly<Record<EndpointName, readonly (readonly [string, (region: string) => string])[]>> = {
  'sagemaker-api': [['sagemaker-api', aws('sagemaker.api')]],
  notebook: [['notebook', sagemakerAws('notebook')]],
  'sagemaker-runtime': [['sagemaker-runtime', aws('sagemaker.runtime')]],
  sts: [['sts', aws('sts')]],
  logs: [['logs', aws('logs')]],
  ec2: [['ec2', aws('ec2')]],
  monitoring: [['monitoring', aws('monitoring')]],
  kms: [['kms', aws('kms')]],
  ssm: [
    ['ssm', aws('ssm')],
    ['ssmmessages', aws('ssmmessages')],
    ['ec2messages', aws('ec2messages')],
  ],
  ecr: [
    ['ecr-api', aws('ecr.api')],
    ['ecr-dkr', aws('ecr.dkr')],
  ],
  studio: [['studio', sagemakerAws('studio')]],
  codecommit: [
    ['codecommit', aws('codecommit')],
    ['git-codecommit', aws('git-codecommit')],
  ],
};

export function endpointServices(names: readonly EndpointName[], region: string): EndpointService[] {
  return names.flatMap((name) => SERVICES[name].map(([key, serviceName]) => ({ key, serviceName: serviceName(region) })));
}

export function s3GatewayServiceName(region: string): string {
  return `com.amazonaws.${region}.s3`;
}
