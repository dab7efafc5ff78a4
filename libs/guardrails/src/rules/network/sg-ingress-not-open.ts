import { isWholeInternet } from '../../cidr';
import { fromProblems, type ResourceRule } from '../../rule';
import { describeTraffic, prefixed, sgRuleEntries, SG_TYPES_WITH_RULES } from './sg-rule-entries';

export const sgIngressNotOpen: ResourceRule = {
  id: 'sg-ingress-not-open',
  title: 'No security group admits traffic from 0.0.0.0/0 or ::/0',
  severity: 'error',
  sources: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277', 'EC2.18', 'EC2.19', 'AWS-0107'],
  rationale:
    'An ingress rule from anywhere, on any port, exposes whatever the group protects as soon as a route appears. ' +
    'ip_protocol "-1" counts as every port even where from_port and to_port are not set.',
  fix: 'Admit only the VPC CIDR, the on-premises CIDRs or a security group (cidr_ipv4 / referenced_security_group_id), never 0.0.0.0/0 or ::/0.',
  scope: 'resource',
  resourceTypes: SG_TYPES_WITH_RULES,
  check: (resource) =>
    fromProblems(
      sgRuleEntries(resource)
        .filter((entry) => entry.direction === 'ingress')
        .flatMap((entry) =>
          entry.cidrs.filter(isWholeInternet).map((cidr) => prefixed(entry, `admits ${describeTraffic(entry)} from ${cidr}`)),
        ),
    ),
};
