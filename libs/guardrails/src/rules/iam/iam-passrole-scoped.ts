import { grants, hasConditionKey, statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { IDENTITY_POLICY_RESOURCE_TYPES } from './iam-policy-kinds';

export const iamPassroleScoped: ResourceRule = {
  id: 'iam-passrole-scoped',
  title: 'An identity policy allows iam:PassRole only with an iam:PassedToService condition',
  severity: 'error',
  sources: ['AWS-0342'],
  rationale: 'Passing a role to any service lets the holder run code (a notebook, a function) with that role: privilege escalation.',
  fix: 'Add Condition StringEquals iam:PassedToService = "sagemaker.amazonaws.com" (the one service that needs the role), and name the role ARN.',
  scope: 'resource',
  resourceTypes: IDENTITY_POLICY_RESOURCE_TYPES,
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['identity'], (statement) =>
        statement.effect === 'Allow' && grants(statement, 'iam:PassRole') && !hasConditionKey(statement, 'iam:PassedToService')
          ? 'allows iam:PassRole without iam:PassedToService'
          : undefined,
      ),
    ),
};
