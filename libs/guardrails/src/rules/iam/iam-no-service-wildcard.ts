import { quoted, statementProblems, type Statement } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { IDENTITY_POLICY_RESOURCE_TYPES, KEY_POLICY_RESOURCE_TYPES } from './iam-policy-kinds';

const ACCOUNT_ROOT = /^arn:aws[a-z-]*:iam::\d{12}:root$/;

/**
 * AWS's default key policy gives kms:* to the account root: that hands the key to IAM, whose policies
 * then decide (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
 */
function isKeyDelegatedToIam(statement: Statement, wildcards: readonly string[]): boolean {
  return (
    wildcards.every((action) => action.toLowerCase() === 'kms:*') &&
    statement.principals.length > 0 &&
    statement.principals.every((principal) => principal.type === 'AWS' && ACCOUNT_ROOT.test(principal.value))
  );
}

export const iamNoServiceWildcard: ResourceRule = {
  id: 'iam-no-service-wildcard',
  title: 'No identity or key policy allows every action of a service ("service:*")',
  severity: 'error',
  sources: ['IAM.21'],
  rationale:
    '"service:*" grants the destructive and administrative actions of the service too, including ones AWS adds ' +
    'later (for SageMaker: deleting notebooks, changing their network, reading every model). In a key policy only ' +
    'kms:* to the account root is expected: it hands the key to IAM.',
  fix:
    'Name the actions (e.g. sagemaker:CreatePresignedNotebookInstanceUrl, sagemaker:DescribeNotebookInstance); ' +
    'notebook access scope "all" is an explicit opt-in that needs a suppression with its reason.',
  scope: 'resource',
  resourceTypes: [...IDENTITY_POLICY_RESOURCE_TYPES, ...KEY_POLICY_RESOURCE_TYPES],
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['identity', 'key'], (statement, kind) => {
        const wildcards = statement.effect === 'Allow' ? statement.actions.filter((action) => /^[a-z0-9-]+:\*$/i.test(action)) : [];
        if (wildcards.length === 0 || (kind === 'key' && isKeyDelegatedToIam(statement, wildcards))) return undefined;
        return `allows ${quoted(wildcards)}`;
      }),
    ),
};
