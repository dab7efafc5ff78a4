import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type ResourceRule } from '../../rule';
import { show } from '../../synth-json';

export const endpointPrivateDns: ResourceRule = {
  id: 'endpoint-private-dns',
  title: 'An interface endpoint has private DNS enabled',
  severity: 'error',
  sources: [],
  rationale:
    'Without private DNS, api.sagemaker.<region>.amazonaws.com and *.notebook.<region>.sagemaker.aws resolve to ' +
    'public addresses: the SDK, the CLI and the presigned URL then leave the PrivateLink path (and the aws:SourceVpce ' +
    'guard denies them, or worse, another policy allows them).',
  fix: 'Set private_dns_enabled = true on every interface endpoint (privateDnsEnabled: true).',
  scope: 'resource',
  resourceTypes: ['aws_vpc_endpoint'],
  check: ({ attributes }) => {
    if (attributes['vpc_endpoint_type'] !== 'Interface') return NOT_APPLICABLE;
    return attributes['private_dns_enabled'] === true
      ? COMPLIANT
      : nonCompliant(`private_dns_enabled is ${show(attributes['private_dns_enabled'])}`);
  },
};
