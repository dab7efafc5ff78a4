import { statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { EVERY_IAM_POLICY, IAM_POLICY_RESOURCE_TYPES } from './iam-policy-kinds';

export const iamNoAdminStatement: ResourceRule = {
  id: 'iam-no-admin-statement',
  title: 'No policy allows action "*" on resource "*"',
  severity: 'error',
  sources: ['CKV_AWS_62', 'IAM.1'],
  rationale: 'Allow "*" on "*" is full administrator access: every guard of this project can then be undone.',
  fix: 'Name the actions and the resources the principal needs (see notebookExecutionPolicy for the pattern).',
  scope: 'resource',
  resourceTypes: IAM_POLICY_RESOURCE_TYPES,
  check: (resource) =>
    fromProblems(
      statementProblems(resource, EVERY_IAM_POLICY, (statement) =>
        statement.effect === 'Allow' && statement.actions.includes('*') && statement.resources.includes('*')
          ? 'allows "*" on "*"'
          : undefined,
      ),
    ),
};
