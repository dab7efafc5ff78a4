import { documentProblems, embeddedPolicies, POLICY_RESOURCE_TYPES } from '../../policy-json';
import { fromProblems, NOT_APPLICABLE, type ResourceRule } from '../../rule';

export const policyLiteralJson: ResourceRule = {
  id: 'policy-literal-json',
  title: 'Every policy is a literal JSON policy document that AWS accepts',
  severity: 'error',
  sources: [],
  rationale:
    'Scanners, these rules and reviewers can only read what is literally there: a policy built by a Terraform ' +
    'expression (a data source, jsonencode) is silently passed by every scanner. A document AWS refuses (a ' +
    'Principal that is a bare list, a Principal in an identity policy or an SCP, an SCP over its size quota) fails ' +
    'only at apply, and a scanner that misreads it passes it.',
  fix: 'Build the policy with a typed builder of @privatelink/policies and pass renderPolicy(document) as the attribute.',
  scope: 'resource',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check: (resource) => {
    const policies = embeddedPolicies(resource);
    if (policies.length === 0) return NOT_APPLICABLE;
    return fromProblems(policies.flatMap((policy) => documentProblems(policy).map((problem) => `${policy.attribute} ${problem}`)));
  },
};
