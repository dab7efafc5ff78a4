import { isPrivateCidr } from '../../cidr';
import { fromProblems, type StackRule, type Verdict } from '../../rule';
import { refersTo, resourcesOfType, type SynthResource, type SynthStack } from '../../synth-json';
import { describeTraffic, prefixed, sgRuleEntries, type SgRuleEntry } from './sg-rule-entries';
import { SG_RULE_TYPES } from './sg-rule-types';

/** Where the guarded groups are attached: the PrivateLink endpoints, the DNS endpoints, the notebooks. */
const GUARDED_ATTACHMENTS: readonly [string, string][] = [
  ['aws_vpc_endpoint', 'security_group_ids'],
  ['aws_route53_resolver_endpoint', 'security_group_ids'],
  ['aws_sagemaker_notebook_instance', 'security_groups'],
];

export const sgInternetClosed: StackRule = {
  id: 'sg-internet-closed',
  title: 'Endpoint and notebook security groups name private networks only',
  severity: 'error',
  sources: [],
  rationale:
    'The endpoints and notebooks are meant to be reachable from the VPC and on-premises only. Scanners flag ' +
    '0.0.0.0/0 alone; any public block (or a CIDR only known at apply) in these groups opens them to part of the ' +
    'internet as soon as a route exists.',
  fix:
    'In groups attached to endpoints and notebooks, use only RFC 1918 / 100.64.0.0/10 (IPv6: fc00::/7) literal CIDRs, ' +
    'security group references or prefix lists; keep onPremCidrs private.',
  scope: 'stack',
  check: (stack) => guardedGroups(stack).flatMap((group) => groupVerdicts(stack, group)),
};

function guardedGroups(stack: SynthStack): SynthResource[] {
  const attachments = GUARDED_ATTACHMENTS.flatMap(([type, attribute]) =>
    resourcesOfType(stack, type).map((resource) => resource.attributes[attribute]),
  );
  return resourcesOfType(stack, 'aws_security_group').filter((group) =>
    attachments.some((attachment) => refersTo(attachment, group)),
  );
}

function groupVerdicts(stack: SynthStack, group: SynthResource): Verdict[] {
  const holders = [
    group,
    ...resourcesOfType(stack, ...SG_RULE_TYPES).filter((rule) => refersTo(rule.attributes['security_group_id'], group)),
  ];
  return holders.map((holder) => ({
    address: holder.address,
    result: fromProblems(
      sgRuleEntries(holder).flatMap((entry) =>
        entry.cidrs.filter((cidr) => !isPrivateCidr(cidr)).map((cidr) => prefixed(entry, problem(entry, cidr))),
      ),
    ),
  }));
}

function problem(entry: SgRuleEntry, cidr: string): string {
  const traffic = entry.direction === 'ingress' ? `admits ${describeTraffic(entry)} from` : `sends ${describeTraffic(entry)} to`;
  const why = cidr.includes('${') ? 'which is only known at apply' : 'which is not a private network';
  return `${traffic} ${cidr}, ${why}`;
}
