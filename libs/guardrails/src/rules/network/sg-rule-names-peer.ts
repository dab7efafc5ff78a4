import { fromProblems, NOT_APPLICABLE, type ResourceRule } from '../../rule';
import { prefixed, sgRuleEntries, SG_TYPES_WITH_RULES, VPC_RULE_PEERS, type SgRuleEntry } from './sg-rule-entries';

const either = (names: readonly string[]) => `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

function peerProblem(entry: SgRuleEntry): string | undefined {
  const peer = entry.direction === 'ingress' ? 'source' : 'destination';
  if (entry.peersSet.length === 0) return `names no ${peer} (${either(entry.peerAttributes)})`;
  if (entry.peerAttributes === VPC_RULE_PEERS && entry.peersSet.length > 1) {
    return `sets ${entry.peersSet.join(' and ')}, but takes exactly one of ${either(VPC_RULE_PEERS)}`;
  }
  return undefined;
}

/**
 * Every other security group rule reads the peers that are set; a rule that sets none passes them all.
 * terraform validate with aws provider 5.100.0 refuses aws_security_group_rule and
 * aws_vpc_security_group_*_rule without a peer (and the latter with more than one,
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_security_group_ingress_rule),
 * but passes an inline ingress or egress block without one.
 */
export const sgRuleNamesPeer: ResourceRule = {
  id: 'sg-rule-names-peer',
  title: 'Every security group rule names its source (ingress) or destination (egress)',
  severity: 'error',
  sources: [],
  rationale:
    'The open-to-the-internet and private-networks-only checks read the CIDRs, prefix lists and groups a rule names; ' +
    'a rule that names none passes them all while its description promises a peer. terraform validate refuses such ' +
    'rule resources only when Terraform runs, and passes an inline ingress or egress block without a peer; ' +
    'aws_vpc_security_group_*_rule takes exactly one peer.',
  fix:
    'Name the peer: cidr_ipv4 / cidr_ipv6 / prefix_list_id / referenced_security_group_id (exactly one) on ' +
    'aws_vpc_security_group_*_rule; cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, a security group or self on the ' +
    'older forms.',
  scope: 'resource',
  resourceTypes: SG_TYPES_WITH_RULES,
  check: (resource) => {
    const entries = sgRuleEntries(resource);
    if (entries.length === 0) return NOT_APPLICABLE;
    return fromProblems(
      entries.flatMap((entry) => {
        const problem = peerProblem(entry);
        return problem === undefined ? [] : [prefixed(entry, problem)];
      }),
    );
  },
};
