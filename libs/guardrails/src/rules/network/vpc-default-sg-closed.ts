import { fromProblems, nonCompliant, type StackRule, type Verdict } from '../../rule';
import { blocks, refersTo, resourcesOfType } from '../../synth-json';
import { SG_RULE_TYPES } from './sg-rule-types';

export const vpcDefaultSgClosed: StackRule = {
  id: 'vpc-default-sg-closed',
  title: "A VPC's default security group is adopted and allows nothing",
  severity: 'error',
  sources: ['CKV2_AWS_12', 'EC2.2'],
  rationale:
    'Anything launched without a security group lands in the default one, which AWS creates allowing all traffic ' +
    'between its members and all egress. Adopting it with no rules closes that fallback.',
  fix:
    'Declare aws_default_security_group { vpc_id = <vpc>.id, ingress = [], egress = [] } and attach no rule ' +
    'resources to it (PrivateVpc does this).',
  scope: 'stack',
  check: (stack) => {
    const defaults = resourcesOfType(stack, 'aws_default_security_group');
    const rules = resourcesOfType(stack, ...SG_RULE_TYPES);
    const vpcs: Verdict[] = resourcesOfType(stack, 'aws_vpc').map((vpc) => ({
      address: vpc.address,
      result: defaults.some((group) => refersTo(group.attributes['vpc_id'], vpc))
        ? fromProblems([])
        : nonCompliant('no aws_default_security_group adopts its default security group, which keeps allowing traffic'),
    }));
    const groups: Verdict[] = defaults.map((group) => {
      const problems = ['ingress', 'egress'].flatMap((direction) => {
        const count = blocks(group.attributes[direction]).length;
        return count > 0 ? [`has ${count} inline ${direction} rule(s)`] : [];
      });
      for (const rule of rules.filter((candidate) => refersTo(candidate.attributes['security_group_id'], group))) {
        problems.push(`${rule.address} adds a rule to it`);
      }
      return { address: group.address, result: fromProblems(problems) };
    });
    return [...vpcs, ...groups];
  },
};
