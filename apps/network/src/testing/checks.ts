import {
  asList,
  entriesOf,
  parsePolicy,
  unconditionedWildcardAllows,
  type Attributes,
  type SynthesizedStack,
} from '@privatelink/stack-kit/testing';

/**
 * Whole-stack checks of the security rules no scanner applies the way this project wants
 * (docs: /work/shared/reference/security-rules.md). Each returns the violations it found, one line
 * each, so a failing test names the resource; an empty list means compliant.
 */

const WORLD = ['0.0.0.0/0', '::/0'];
const TERRAFORM_DEFAULT_DESCRIPTION = 'Managed by Terraform';

function describedBadly(description: unknown): boolean {
  return typeof description !== 'string' || description.trim() === '' || description === TERRAFORM_DEFAULT_DESCRIPTION;
}

/** One rule in any of the four forms Terraform has, normalised. */
interface Rule {
  readonly where: string;
  readonly direction: 'ingress' | 'egress';
  readonly description: unknown;
  readonly protocol: unknown;
  readonly cidrs: unknown[];
}

function inlineRules(where: string, attributes: Attributes): Rule[] {
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    asList(attributes[direction]).map((rule, i) => {
      const inline = rule as Attributes;
      return {
        where: `${where}.${direction}[${i}]`,
        direction,
        description: inline['description'],
        protocol: inline['protocol'],
        cidrs: [...asList(inline['cidr_blocks']), ...asList(inline['ipv6_cidr_blocks'])],
      };
    }),
  );
}

function allRules(json: SynthesizedStack): Rule[] {
  return [
    ...entriesOf(json, 'aws_security_group').flatMap(([id, sg]) => inlineRules(`aws_security_group.${id}`, sg)),
    ...entriesOf(json, 'aws_default_security_group').flatMap(([id, sg]) =>
      inlineRules(`aws_default_security_group.${id}`, sg),
    ),
    ...entriesOf(json, 'aws_security_group_rule').map(
      ([id, rule]): Rule => ({
        where: `aws_security_group_rule.${id}`,
        direction: rule['type'] === 'egress' ? 'egress' : 'ingress',
        description: rule['description'],
        protocol: rule['protocol'],
        cidrs: [...asList(rule['cidr_blocks']), ...asList(rule['ipv6_cidr_blocks'])],
      }),
    ),
    ...(['ingress', 'egress'] as const).flatMap((direction) =>
      entriesOf(json, `aws_vpc_security_group_${direction}_rule`).map(
        ([id, rule]): Rule => ({
          where: `aws_vpc_security_group_${direction}_rule.${id}`,
          direction,
          description: rule['description'],
          protocol: rule['ip_protocol'],
          cidrs: [...asList(rule['cidr_ipv4']), ...asList(rule['cidr_ipv6'])],
        }),
      ),
    ),
  ];
}

/**
 * Security groups and every rule form: a real description, no world-open CIDR, no all-protocols
 * rule, no egress at all (the endpoints only answer), and a default security group with no rules.
 */
export function securityGroupViolations(json: SynthesizedStack): string[] {
  const violations: string[] = [];
  for (const [id, sg] of entriesOf(json, 'aws_security_group')) {
    if (describedBadly(sg['description']))
      violations.push(`aws_security_group.${id}: description ${JSON.stringify(sg['description'])}`);
  }
  for (const [id, sg] of entriesOf(json, 'aws_default_security_group')) {
    for (const direction of ['ingress', 'egress']) {
      if (!Array.isArray(sg[direction]) || sg[direction].length > 0) {
        violations.push(
          `aws_default_security_group.${id}: ${direction} must be an empty list, is ${JSON.stringify(sg[direction])}`,
        );
      }
    }
  }
  for (const rule of allRules(json)) {
    if (rule.direction === 'egress') violations.push(`${rule.where}: egress rule`);
    if (describedBadly(rule.description))
      violations.push(`${rule.where}: description ${JSON.stringify(rule.description)}`);
    if (rule.protocol === '-1' || rule.protocol === -1 || rule.protocol === 'all') {
      violations.push(`${rule.where}: all protocols (${JSON.stringify(rule.protocol)})`);
    }
    for (const cidr of rule.cidrs) {
      if (typeof cidr === 'string' && WORLD.includes(cidr)) violations.push(`${rule.where}: open to ${cidr}`);
    }
  }
  return violations;
}

/** Every KMS key: rotation on, not disabled, a policy set, no unconditioned wildcard Allow. */
export function kmsKeyViolations(json: SynthesizedStack): string[] {
  return entriesOf(json, 'aws_kms_key').flatMap(([id, key]) => {
    const where = `aws_kms_key.${id}`;
    const violations: string[] = [];
    if (key['enable_key_rotation'] !== true)
      violations.push(`${where}: enable_key_rotation is ${JSON.stringify(key['enable_key_rotation'])}`);
    if (key['is_enabled'] === false) violations.push(`${where}: is_enabled is false`);
    if (typeof key['policy'] !== 'string' || key['policy'] === '') return [...violations, `${where}: no policy`];
    return [...violations, ...unconditionedWildcardAllows(parsePolicy(key['policy'])).map((v) => `${where}: ${v}`)];
  });
}
