import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { blocks } from '../../synth-json';

export const route53ZonePrivate: ResourceRule = {
  id: 'route53-zone-private',
  title: 'A hosted zone is private to the VPC',
  severity: 'error',
  sources: ['CKV2_AWS_38', 'CKV2_AWS_39'],
  rationale:
    'The zone names the PrivateLink endpoints; a public zone publishes the internal names to the internet (and then ' +
    'needs DNSSEC signing and query logging). A zone created public cannot be made private later.',
  fix: 'Give the aws_route53_zone a vpc { vpc_id = <vpc>.id } block (EndpointZone does this).',
  scope: 'resource',
  resourceTypes: ['aws_route53_zone'],
  check: ({ attributes }) =>
    blocks(attributes['vpc']).some((vpc) => typeof vpc['vpc_id'] === 'string' && vpc['vpc_id'] !== '')
      ? COMPLIANT
      : nonCompliant('has no vpc block, so it is a public zone'),
};
