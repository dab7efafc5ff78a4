import { catalogueAction, expandAction, onlyGrantableOnAll } from '@privatelink/policies';
import { actionMatches, statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { IDENTITY_POLICY_RESOURCE_TYPES } from './iam-policy-kinds';
import { listSome } from './iam-scoped-resources';

/** Actions that hand out credentials (Checkov CKV_AWS_287, after cloudsplaining). */
export const CREDENTIALS_EXPOSURE_ACTIONS = [
  'chime:CreateApiKey',
  'codepipeline:PollForJobs',
  'cognito-identity:GetOpenIdToken',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
  'cognito-identity:GetCredentialsForIdentity',
  'connect:GetFederationToken',
  'connect:GetFederationTokens',
  'ec2:GetPasswordData',
  'ecr:GetAuthorizationToken',
  'gamelift:RequestUploadCredentials',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UpdateAccessKey',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'rds-db:Connect',
  'redshift:GetClusterCredentials',
  'sso:GetRoleCredentials',
  'mediapackage:RotateChannelCredentials',
  'mediapackage:RotateIngestEndpointCredentials',
  'sts:AssumeRole',
  'sts:AssumeRoleWithSaml',
  'sts:AssumeRoleWithWebIdentity',
  'sts:GetFederationToken',
  'sts:GetSessionToken',
];

/** Actions that read data out (Checkov CKV_AWS_288). */
export const DATA_EXFILTRATION_ACTIONS = [
  's3:GetObject',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
];

type Category = 'write' | 'permissions management' | 'credentials exposure' | 'data exfiltration';

/** A listed action the catalogue knows to be grantable on "*" only; one it does not know is judged scopable. */
const grantableOnAllOnly = (action: string) => {
  const entry = catalogueAction(action);
  return entry !== undefined && onlyGrantableOnAll(entry);
};

/** The risky actions a pattern grants on "*" that a Resource could have narrowed, by category. */
function categoriesOf(pattern: string): Map<Category, string[]> {
  const found = new Map<Category, string[]>();
  const add = (category: Category, action: string) => found.set(category, [...(found.get(category) ?? []), action]);
  if (pattern === '*') {
    for (const category of ['write', 'permissions management', 'credentials exposure', 'data exfiltration'] as const) add(category, '*');
    return found;
  }
  for (const action of expandAction(pattern).filter((candidate) => !onlyGrantableOnAll(candidate))) {
    if (action.accessLevel.includes('Permissions management')) add('permissions management', action.action);
    else if (/Write|Tagging/.test(action.accessLevel)) add('write', action.action);
  }
  const listed = (actions: readonly string[]) => actions.filter((action) => actionMatches(pattern, action) && !grantableOnAllOnly(action));
  for (const action of listed(CREDENTIALS_EXPOSURE_ACTIONS)) add('credentials exposure', action);
  for (const action of listed(DATA_EXFILTRATION_ACTIONS)) add('data exfiltration', action);
  return found;
}

export const iamNoRiskyActionsOnAll: ResourceRule = {
  id: 'iam-no-risky-actions-on-all',
  title: 'No identity policy allows write, permissions-management, credential or exfiltration actions on Resource "*"',
  severity: 'error',
  sources: ['CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_288', 'CKV_AWS_289', 'CKV_AWS_290'],
  rationale:
    'On "*" these actions escalate privilege, expose credentials, read data out or change any resource of the ' +
    'account, with no resource boundary left to contain a stolen session. An action the IAM catalogue lists with no ' +
    'resource type (ecr:GetAuthorizationToken, xray:PutTraceSegments) can only be granted on "*": there is no ' +
    'narrower Resource to ask for, so "*" is not a missing boundary (iam-scoped-resources accepts it for the same ' +
    'reason) and whether a principal may hold it at all is a question for the actions it is given. A wildcard such ' +
    'as "iam:*" is still judged by the scopable actions it expands to.',
  fix: 'Scope the statement to the resource ARNs it needs (notebook, key, log group, bucket prefix); keep only list and read-metadata actions on "*".',
  scope: 'resource',
  resourceTypes: IDENTITY_POLICY_RESOURCE_TYPES,
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['identity'], (statement) => {
        if (statement.effect !== 'Allow' || !(statement.resources.includes('*') || statement.notResources !== undefined)) return undefined;
        const merged = new Map<Category, string[]>();
        for (const pattern of statement.notActions ? ['*'] : statement.actions) {
          for (const [category, actions] of categoriesOf(pattern)) merged.set(category, [...(merged.get(category) ?? []), ...actions]);
        }
        if (merged.size === 0) return undefined;
        return `allows on "*" ${[...merged].map(([category, actions]) => `${category} (${listSome([...new Set(actions)])})`).join(', ')}`;
      }),
    ),
};
