import { COMPLIANT, nonCompliant, type StackRule } from '../../rule';
import { refersTo, resourcesOfType } from '../../synth-json';
import { SG_RULE_TYPES } from './sg-rule-types';

export const sgAttached: StackRule = {
  id: 'sg-attached',
  title: 'A security group is attached to something',
  // Advisory: an unattached group admits nothing, and a group attached only from another stack
  // (through an output) looks unattached here. It flags leftovers, not exposure.
  severity: 'warning',
  sources: ['CKV2_AWS_5'],
  rationale: 'An unattached group is a leftover: it grants nothing today and surprises whoever attaches it later.',
  fix: 'Attach the group (security_group_ids of an endpoint, security_groups of a notebook) or remove it.',
  scope: 'stack',
  check: (stack) => {
    const attachers = stack.resources.filter(
      (resource) => resource.type !== 'aws_security_group' && !SG_RULE_TYPES.includes(resource.type),
    );
    return resourcesOfType(stack, 'aws_security_group').map((group) => ({
      address: group.address,
      result: attachers.some((resource) =>
        Object.entries(resource.attributes).some(([key, value]) => key !== '//' && refersTo(value, group)),
      )
        ? COMPLIANT
        : nonCompliant('no resource of this stack attaches it'),
    }));
  },
};
