import { embeddedPolicies, parsePolicy, POLICY_RESOURCE_TYPES } from '../../policy-json';
import { fromProblems, NOT_APPLICABLE, type ResourceRule } from '../../rule';

export const policyLiteralJson: ResourceRule = {
  id: 'policy-literal-json',
  title: 'Every policy is a literal JSON policy document',
  severity: 'error',
  sources: [],
  rationale:
    'Scanners, these rules and reviewers can only read what is literally there: a policy built by a Terraform ' +
    'expression (a data source, jsonencode) is silently passed by every scanner.',
  fix: 'Build the policy with a typed builder of @privatelink/policies and pass renderPolicy(document) as the attribute.',
  scope: 'resource',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check: (resource) => {
    const policies = embeddedPolicies(resource);
    if (policies.length === 0) return NOT_APPLICABLE;
    return fromProblems(
      policies.flatMap((policy) => {
        const parsed = parsePolicy(policy.value);
        return parsed.ok ? [] : [`${policy.attribute} ${parsed.problem}`];
      }),
    );
  },
};
