import { isWholeInternet } from '../../cidr';
import { fromProblems, type ResourceRule } from '../../rule';
import { describeTraffic, prefixed, sgRuleEntries, SG_TYPES_WITH_RULES } from './sg-rule-entries';

export const sgEgressNotOpen: ResourceRule = {
  id: 'sg-egress-not-open',
  title: 'No security group sends traffic to 0.0.0.0/0 or ::/0',
  severity: 'error',
  sources: ['CKV_AWS_382', 'AWS-0104'],
  rationale: 'Egress to anywhere is the exfiltration path; the notebooks need HTTPS to the endpoints and S3 only.',
  fix: 'Send only to the endpoint security group or the S3 prefix list (referenced_security_group_id / prefix_list_id), never 0.0.0.0/0 or ::/0.',
  scope: 'resource',
  resourceTypes: SG_TYPES_WITH_RULES,
  check: (resource) =>
    fromProblems(
      sgRuleEntries(resource)
        .filter((entry) => entry.direction === 'egress')
        .flatMap((entry) =>
          entry.cidrs.filter(isWholeInternet).map((cidr) => prefixed(entry, `sends ${describeTraffic(entry)} to ${cidr}`)),
        ),
    ),
};
