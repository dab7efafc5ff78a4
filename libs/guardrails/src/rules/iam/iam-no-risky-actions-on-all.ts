import { expandAction } from '@privatelink/policies';
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

function categoriesOf(pattern: string): Map<Category, string[]> {
  const found = new Map<Category, string[]>();
  const add = (category: Category, action: string) => found.set(category, [...(found.get(category) ?? []), action]);
  if (pattern === '*') {
    for (const category of ['write', 'permissions management', 'credentials exposure', 'data exfiltration'] as const) add(category, '*');
    return found;
  }
  for (const action of expandAction(pattern)) {
    if (action.accessLevel.includes('Permissions management')) add('permissions management', action.action);
    else if (/Write|Tagging/.test(action.accessLevel)) add('write', action.action);
  }
  for (const action of CREDENTIALS_EXPOSURE_ACTIONS) if (actionMatches(pattern, action)) add('credentials exposure', action);
  for (const action of DATA_EXFILTRATION_ACTIONS) if (actionMatches(pattern, action)) add('data exfiltration', action);
  return found;
}

export const iamNoRiskyActionsOnAll: ResourceRule = {
  id: 'iam-no-risky-actions-on-all',
  title: 'No identity policy allows write, permissions-management, credential or exfiltration actions on Resource "*"',
  severity: 'error',
  sources: ['CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_288', 'CKV_AWS_289', 'CKV_AWS_290'],
  rationale:
    'On "*" these actions escalate privilege, expose credentials, read data out or change any resource of the ' +
    'account, with no resource boundary left to contain a stolen session.',
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
