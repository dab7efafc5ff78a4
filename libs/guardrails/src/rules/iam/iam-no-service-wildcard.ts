import { quoted, statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { IDENTITY_POLICY_RESOURCE_TYPES } from './iam-policy-kinds';

export const iamNoServiceWildcard: ResourceRule = {
  id: 'iam-no-service-wildcard',
  title: 'No identity policy allows every action of a service ("service:*")',
  severity: 'error',
  sources: ['IAM.21'],
  rationale:
    '"service:*" grants the destructive and administrative actions of the service too, including ones AWS adds ' +
    'later (for SageMaker: deleting notebooks, changing their network, reading every model).',
  fix:
    'Name the actions (e.g. sagemaker:CreatePresignedNotebookInstanceUrl, sagemaker:DescribeNotebookInstance); ' +
    'notebook access scope "all" is an explicit opt-in that needs a suppression with its reason.',
  scope: 'resource',
  resourceTypes: IDENTITY_POLICY_RESOURCE_TYPES,
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['identity'], (statement) => {
        const wildcards = statement.effect === 'Allow' ? statement.actions.filter((action) => /^[a-z0-9-]+:\*$/i.test(action)) : [];
        return wildcards.length > 0 ? `allows ${quoted(wildcards)}` : undefined;
      }),
    ),
};
