import { blocks, strings, type Json, type JsonObject, type SynthResource } from '../../synth-json';

/** One security group rule, wherever it is written: an inline block or a rule resource. */
export interface SgRuleEntry {
  /** `ingress[0]` for an inline block; empty for a rule resource. */
  readonly where: string;
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly fromPort: Json | undefined;
  readonly toPort: Json | undefined;
  readonly cidrs: readonly string[];
  /** The attributes that can name the peer (source of ingress, destination of egress) in this rule form. */
  readonly peerAttributes: readonly string[];
  /** Those of peerAttributes that are set: a non-empty string or list, or `self = true`. */
  readonly peersSet: readonly string[];
  readonly description: Json | undefined;
  /** For rule resources: the group the rule belongs to. */
  readonly securityGroupId?: Json;
}

export const SG_TYPES_WITH_RULES = [
  'aws_security_group',
  'aws_default_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
];

/** Peer attributes per rule form (aws provider 5.x argument references). */
const INLINE_PEERS = ['cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids', 'security_groups', 'self'];
const CLASSIC_RULE_PEERS = ['cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids', 'source_security_group_id', 'self'];
/** aws_vpc_security_group_*_rule takes exactly one of these. */
export const VPC_RULE_PEERS = ['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id', 'referenced_security_group_id'];

function peers(attributes: JsonObject, names: readonly string[]): Pick<SgRuleEntry, 'peerAttributes' | 'peersSet'> {
  const set = (value: Json | undefined) =>
    value === true || (typeof value === 'string' && value.trim() !== '') || (Array.isArray(value) && value.length > 0);
  return { peerAttributes: names, peersSet: names.filter((name) => set(attributes[name])) };
}

export function sgRuleEntries(resource: SynthResource): SgRuleEntry[] {
  const a = resource.attributes;
  switch (resource.type) {
    case 'aws_security_group':
    case 'aws_default_security_group':
      return (['ingress', 'egress'] as const).flatMap((direction) =>
        blocks(a[direction]).map((block, i) => ({
          where: `${direction}[${i}]`,
          direction,
          protocol: String(block['protocol']),
          fromPort: block['from_port'],
          toPort: block['to_port'],
          cidrs: [...strings(block['cidr_blocks']), ...strings(block['ipv6_cidr_blocks'])],
          ...peers(block, INLINE_PEERS),
          description: block['description'],
        })),
      );
    case 'aws_security_group_rule':
      return [
        {
          where: '',
          direction: a['type'] === 'egress' ? 'egress' : 'ingress',
          protocol: String(a['protocol']),
          fromPort: a['from_port'],
          toPort: a['to_port'],
          cidrs: [...strings(a['cidr_blocks']), ...strings(a['ipv6_cidr_blocks'])],
          ...peers(a, CLASSIC_RULE_PEERS),
          description: a['description'],
          securityGroupId: a['security_group_id'],
        },
      ];
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule':
      return [
        {
          where: '',
          direction: resource.type === 'aws_vpc_security_group_egress_rule' ? 'egress' : 'ingress',
          protocol: String(a['ip_protocol']),
          fromPort: a['from_port'],
          toPort: a['to_port'],
          cidrs: [...strings(a['cidr_ipv4']), ...strings(a['cidr_ipv6'])],
          ...peers(a, VPC_RULE_PEERS),
          description: a['description'],
          securityGroupId: a['security_group_id'],
        },
      ];
    default:
      return [];
  }
}

/**
 * The traffic a rule admits, for messages. `-1` is every protocol and port, whatever from_port and
 * to_port say: on aws_vpc_security_group_*_rule the ports are not even set (scanners that look at
 * the ports miss it).
 */
export function describeTraffic(entry: SgRuleEntry): string {
  if (entry.protocol === '-1' || entry.protocol.toLowerCase() === 'all') return 'all protocols and ports';
  const ports = entry.fromPort === entry.toPort ? `${entry.fromPort}` : `${entry.fromPort}-${entry.toPort}`;
  return `${entry.protocol} ${ports}`;
}

export const prefixed = (entry: SgRuleEntry, text: string) => (entry.where ? `${entry.where} ${text}` : text);
