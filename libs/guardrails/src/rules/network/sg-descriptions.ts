import { fromProblems, type ResourceRule } from '../../rule';
import type { Json } from '../../synth-json';
import { prefixed, sgRuleEntries, SG_TYPES_WITH_RULES } from './sg-rule-entries';

const TERRAFORM_DEFAULT = 'Managed by Terraform';

function descriptionProblem(value: Json | undefined): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'has no description';
  if (value.trim() === TERRAFORM_DEFAULT) return `has the placeholder description "${TERRAFORM_DEFAULT}"`;
  return undefined;
}

export const sgDescriptions: ResourceRule = {
  id: 'sg-descriptions',
  title: 'Every security group and security group rule says what it is for',
  severity: 'error',
  sources: ['CKV_AWS_23', 'AWS-0099', 'AWS-0124'],
  rationale:
    'A reviewer (and an incident responder) can only judge a rule whose purpose is written down; the group ' +
    'description cannot be changed without replacing the group.',
  fix: 'Set description on the security group and on each rule (inline block or rule resource), saying who may reach what.',
  scope: 'resource',
  resourceTypes: SG_TYPES_WITH_RULES,
  check: (resource) => {
    const problems: string[] = [];
    if (resource.type === 'aws_security_group') {
      const problem = descriptionProblem(resource.attributes['description'] ?? TERRAFORM_DEFAULT);
      if (problem) problems.push(problem);
    }
    for (const entry of sgRuleEntries(resource)) {
      const problem = descriptionProblem(entry.description);
      if (problem) problems.push(prefixed(entry, problem));
    }
    return fromProblems(problems);
  },
};
