import type { EndpointName } from '@privatelink/config';

/**
 * The interface endpoints the specs expect, by DNS label, written out from the AWS documentation
 * (docs: /work/shared/reference/aws-facts.md) rather than derived from the code under test.
 */
export type ExpectedServices = Readonly<Record<string, string>>;

/** Every stack gets these. */
export function defaultInterfaceServices(region: string): ExpectedServices {
  return {
    'sagemaker-api': `com.amazonaws.${region}.sagemaker.api`,
    notebook: `aws.sagemaker.${region}.notebook`,
    'sagemaker-runtime': `com.amazonaws.${region}.sagemaker.runtime`,
    sts: `com.amazonaws.${region}.sts`,
    logs: `com.amazonaws.${region}.logs`,
    ec2: `com.amazonaws.${region}.ec2`,
  };
}

type OptionalEndpointName = Exclude<
  EndpointName,
  'sagemaker-api' | 'notebook' | 'sagemaker-runtime' | 'sts' | 'logs' | 'ec2'
>;

/** What each optional `endpoints.extra` entry adds. */
export function extraInterfaceServices(region: string): Readonly<Record<OptionalEndpointName, ExpectedServices>> {
  return {
    monitoring: { monitoring: `com.amazonaws.${region}.monitoring` },
    kms: { kms: `com.amazonaws.${region}.kms` },
    ssm: {
      ssm: `com.amazonaws.${region}.ssm`,
      ssmmessages: `com.amazonaws.${region}.ssmmessages`,
      ec2messages: `com.amazonaws.${region}.ec2messages`,
    },
    ecr: { 'ecr-api': `com.amazonaws.${region}.ecr.api`, 'ecr-dkr': `com.amazonaws.${region}.ecr.dkr` },
    studio: { studio: `aws.sagemaker.${region}.studio` },
    codecommit: {
      codecommit: `com.amazonaws.${region}.codecommit`,
      'git-codecommit': `com.amazonaws.${region}.git-codecommit`,
    },
  };
}
