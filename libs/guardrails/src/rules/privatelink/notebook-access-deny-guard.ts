import { actionMatches, grants, parsedPolicies, type Statement } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { IDENTITY_POLICY_RESOURCE_TYPES } from '../iam/iam-policy-kinds';
import { deniesPresignedUrl, isSourceCondition, NOT_EQUALS, PRESIGNED_URL_ACTION } from './presigned-url';

export const notebookAccessDenyGuard: ResourceRule = {
  id: 'notebook-access-deny-guard',
  title: 'Every Allow of the presigned notebook URL is conditioned on the endpoints and paired with its Deny guard',
  severity: 'error',
  sources: [],
  rationale:
    'An Allow with an aws:SourceVpce condition restricts nothing when the same principal holds another, ' +
    'unconditioned Allow (AdministratorAccess, say). Only a Deny of the call outside the same endpoints, on the same ' +
    'notebooks and with no other condition to narrow it, keeps the URL on the PrivateLink path.',
  fix:
    'Build the policy with notebookAccessPolicy: its DenyPresignedUrlOutsideEndpoints statement denies ' +
    'sagemaker:CreatePresignedNotebookInstanceUrl on the same notebooks with StringNotEquals on the same ' +
    'aws:SourceVpce (or aws:SourceVpc) values as the Allow.',
  scope: 'resource',
  resourceTypes: IDENTITY_POLICY_RESOURCE_TYPES,
  check: (resource) =>
    fromProblems(
      parsedPolicies(resource, ['identity']).flatMap(({ statements }) =>
        statements
          .filter((statement) => statement.effect === 'Allow' && grants(statement, PRESIGNED_URL_ACTION))
          .flatMap((allow) => allowProblems(allow, statements)),
      ),
    ),
};

function allowProblems(allow: Statement, statements: readonly Statement[]): string[] {
  const through = allow.conditions.find((condition) => isSourceCondition(condition, ['StringEquals']));
  if (!through) {
    return [`${allow.label} allows ${PRESIGNED_URL_ACTION} without a StringEquals aws:SourceVpce or aws:SourceVpc condition`];
  }
  const guarded = statements.some(
    (deny) =>
      deniesPresignedUrl(deny) &&
      coversResources(deny, allow) &&
      deny.conditions.length === 1 &&
      isSourceCondition(deny.conditions[0], NOT_EQUALS) &&
      deny.conditions[0].key.toLowerCase() === through.key.toLowerCase() &&
      deny.conditions[0].values.every((value) => through.values.includes(value)),
  );
  return guarded
    ? []
    : [
        `${allow.label} allows ${PRESIGNED_URL_ACTION} through ${through.key} but no Deny of it with only ` +
          `StringNotEquals ${through.key} on the same values and notebooks guards it`,
      ];
}

function coversResources(deny: Statement, allow: Statement): boolean {
  if (deny.notResources !== undefined) return false;
  return allow.resources.every((resource) => deny.resources.some((pattern) => pattern === resource || actionMatches(pattern, resource)));
}
