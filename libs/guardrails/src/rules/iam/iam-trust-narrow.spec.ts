import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { notebookUserTrustPolicy, policyDocument, renderPolicy, type PolicyStatement } from '@privatelink/policies';
import { ACCOUNT_ID, compliantCount, expectedMessage, messagesOf, synthTestStack } from '../../testing';
import { iamTrustNarrow } from './iam-trust-narrow';

/** A stack with one role trusting these statements. */
const withTrust = (...statements: PolicyStatement[]) =>
  synthTestStack((scope) => new IamRole(scope, 'role', { assumeRolePolicy: renderPolicy(policyDocument(...statements)) }));
const ROLE = 'aws_iam_role.role';

const GITHUB = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;
const TFC = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/app.terraform.io`;
const SAML = `arn:aws:iam::${ACCOUNT_ID}:saml-provider/CorporateIdP`;
const ROOT = `arn:aws:iam::${ACCOUNT_ID}:root`;
const TFC_SUB = 'organization:acme-ml:project:sagemaker-privatelink:workspace:smpl-network-dev-us-west-2:run_phase';

const web = (Sid: string, provider: string, Condition?: PolicyStatement['Condition']): PolicyStatement => ({
  Sid,
  Effect: 'Allow',
  Principal: { Federated: provider },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(Condition ? { Condition } : {}),
});
const githubAud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
const tfcAud = { 'app.terraform.io:aud': 'aws.workload.identity' };

/** Identity Center permission-set roles, matched as AWS recommends (the suffix changes on reprovisioning). */
const PERMISSION_SET_ROLES = [
  `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_NotebookUsers_*`,
  `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_NotebookUsers_*`,
];
const rootWhere = (Sid: string, Condition?: PolicyStatement['Condition']): PolicyStatement => ({
  Sid,
  Effect: 'Allow',
  Principal: { AWS: ROOT },
  Action: 'sts:AssumeRole',
  ...(Condition ? { Condition } : {}),
});

describe('iam-trust-narrow accepts the narrow federated and Identity Center trusts', () => {
  test.each<[string, PolicyStatement]>([
    [
      'a GitHub repository and branch (StringEquals), with the STS audience',
      web('Branch', GITHUB, { StringEquals: { ...githubAud, 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } }),
    ],
    [
      'every workflow of one GitHub repository (StringLike)',
      web('Repo', GITHUB, { StringEquals: githubAud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } }),
    ],
    [
      "one GitHub organization's repositories (owner named before the wildcard)",
      web('Org', GITHUB, { StringEquals: githubAud, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:octo-org/*'] } }),
    ],
    [
      'a GitHub Enterprise issuer with its own path',
      web('Enterprise', `${GITHUB}/octo-enterprise`, {
        StringEquals: {
          'token.actions.githubusercontent.com/octo-enterprise:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com/octo-enterprise:sub': 'repo:octo-org/octo-repo:environment:prod',
        },
      }),
    ],
    [
      'a Terraform Cloud workspace, any run phase',
      web('Workspace', TFC, { StringEquals: tfcAud, StringLike: { 'app.terraform.io:sub': `${TFC_SUB}:*` } }),
    ],
    [
      'a Terraform Cloud workspace, the apply phase only',
      web('Apply', TFC, { StringEquals: { ...tfcAud, 'app.terraform.io:sub': `${TFC_SUB}:apply` } }),
    ],
    [
      'an OIDC provider ARN only known at apply, judged by the keys it names',
      web('Reference', '${aws_iam_openid_connect_provider.tfc.arn}', { StringEquals: tfcAud, StringLike: { 'app.terraform.io:sub': `${TFC_SUB}:*` } }),
    ],
    [
      'a SAML provider ARN only known at apply',
      {
        Sid: 'SamlReference',
        Effect: 'Allow',
        Principal: { Federated: '${aws_iam_saml_provider.corp.arn}' },
        Action: 'sts:AssumeRoleWithSAML',
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      },
    ],
    [
      'Identity Center permission-set roles through the account root and ArnLike aws:PrincipalArn',
      rootWhere('IdentityCenter', { ArnLike: { 'aws:PrincipalArn': PERMISSION_SET_ROLES } }),
    ],
    [
      'the account root narrowed to one named role by StringEquals',
      rootWhere('OneRole', { StringEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_ID}:role/platform-admin` } }),
    ],
  ])('%s', (_case, statement) => {
    const stack = withTrust(statement);
    expect(messagesOf(iamTrustNarrow, stack)).toEqual([]);
    expect(compliantCount(iamTrustNarrow, stack)).toBe(1);
  });

  test('the SAML trust notebookUserTrustPolicy builds (SAML:aud is AWS sign-in)', () => {
    const stack = synthTestStack(
      (scope) =>
        new IamRole(scope, 'role', {
          assumeRolePolicy: renderPolicy(
            notebookUserTrustPolicy({
              roleArns: [`arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ML_0123456789abcdef`],
              samlProviderArns: [SAML],
            }),
          ),
        }),
    );
    expect(messagesOf(iamTrustNarrow, stack)).toEqual([]);
    expect(compliantCount(iamTrustNarrow, stack)).toBe(1);
  });
});

describe('iam-trust-narrow refuses a federated principal its conditions leave open', () => {
  const gh = `"${GITHUB}"`;
  test.each<[string, PolicyStatement, string]>([
    ['GitHub with no condition at all', web('Open', GITHUB), `Open trusts ${gh} for any subject (no StringEquals or StringLike token.actions.githubusercontent.com:sub) and for any audience (no StringEquals or StringLike token.actions.githubusercontent.com:aud)`],
    [
      'GitHub with sub "*"',
      web('Star', GITHUB, { StringEquals: githubAud, StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }),
      `Star trusts ${gh} for subjects of any owner (token.actions.githubusercontent.com:sub "*")`,
    ],
    [
      'GitHub with sub "repo:*"',
      web('AnyRepo', GITHUB, { StringEquals: githubAud, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:octo-org/octo-repo:*', 'repo:*'] } }),
      `AnyRepo trusts ${gh} for subjects of any owner (token.actions.githubusercontent.com:sub "repo:*")`,
    ],
    [
      'GitHub with an owner prefix that other organizations share ("repo:octo-org*")',
      web('Prefix', GITHUB, { StringEquals: githubAud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org*' } }),
      `Prefix trusts ${gh} for subjects of any owner (token.actions.githubusercontent.com:sub "repo:octo-org*")`,
    ],
    [
      'GitHub with a sub any repository can claim (a custom template starting with workflow)',
      web('Workflow', GITHUB, { StringEquals: { ...githubAud, 'token.actions.githubusercontent.com:sub': 'workflow:deploy' } }),
      `Workflow trusts ${gh} for subjects of any owner (token.actions.githubusercontent.com:sub "workflow:deploy")`,
    ],
    [
      'GitHub with sub only under ForAnyValue:StringLike',
      web('SetOperator', GITHUB, { StringEquals: githubAud, 'ForAnyValue:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } }),
      `SetOperator trusts ${gh} for any subject (no StringEquals or StringLike token.actions.githubusercontent.com:sub)`,
    ],
    [
      'GitHub with a narrow sub but no audience',
      web('NoAudience', GITHUB, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } }),
      `NoAudience trusts ${gh} for any audience (no StringEquals or StringLike token.actions.githubusercontent.com:aud)`,
    ],
    [
      'Terraform Cloud with sub "organization:*"',
      web('AnyOrg', TFC, { StringEquals: tfcAud, StringLike: { 'app.terraform.io:sub': 'organization:*' } }),
      `AnyOrg trusts "${TFC}" for subjects of any owner (app.terraform.io:sub "organization:*")`,
    ],
    [
      'Terraform Cloud with an audience wildcard',
      web('AnyAudience', TFC, { StringLike: { 'app.terraform.io:aud': '*', 'app.terraform.io:sub': `${TFC_SUB}:*` } }),
      `AnyAudience trusts "${TFC}" for any audience (app.terraform.io:aud "*")`,
    ],
    [
      'an OIDC provider ARN only known at apply, with no subject condition',
      web('OpenReference', '${aws_iam_openid_connect_provider.github.arn}', { StringEquals: githubAud }),
      'OpenReference trusts "${aws_iam_openid_connect_provider.github.arn}" for any subject (no StringEquals or StringLike token.actions.githubusercontent.com:sub)',
    ],
    [
      'SAML without SAML:aud',
      { Sid: 'Saml', Effect: 'Allow', Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWithSAML' },
      `Saml trusts "${SAML}" for any audience (no StringEquals or StringLike SAML:aud)`,
    ],
  ])('%s', (_case, statement, detail) => {
    expect(messagesOf(iamTrustNarrow, withTrust(statement))).toEqual([expectedMessage(iamTrustNarrow, ROLE, `assume_role_policy ${detail}`)]);
  });
});

describe('iam-trust-narrow refuses an account root that aws:PrincipalArn does not narrow to named roles of that account', () => {
  const narrowed = (conditions: string) => `trusts "${ROOT}" and no aws:PrincipalArn condition narrows it to named roles of account ${ACCOUNT_ID} (${conditions})`;
  test.each<[string, PolicyStatement, string]>([
    ['every role of the account', rootWhere('AnyRole', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_ID}:role/*` } }), narrowed(`ArnLike "arn:aws:iam::${ACCOUNT_ID}:role/*"`)],
    [
      'every reserved role (Identity Center, service-linked)',
      rootWhere('AnyReserved', { ArnLike: { 'aws:PrincipalArn': [PERMISSION_SET_ROLES[0], `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/*`] } }),
      narrowed(`ArnLike "${PERMISSION_SET_ROLES[0]}", "arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/*"`),
    ],
    [
      'a role of another account',
      rootWhere('OtherAccount', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_NotebookUsers_*' } }),
      narrowed('ArnLike "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_NotebookUsers_*"'),
    ],
    [
      'a user rather than a role',
      rootWhere('User', { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_ID}:user/alice` } }),
      narrowed(`ArnEquals "arn:aws:iam::${ACCOUNT_ID}:user/alice"`),
    ],
    [
      'ForAnyValue:ArnLike',
      rootWhere('SetOperator', { 'ForAnyValue:ArnLike': { 'aws:PrincipalArn': PERMISSION_SET_ROLES } }),
      narrowed(`ForAnyValue:ArnLike ${PERMISSION_SET_ROLES.map((arn) => `"${arn}"`).join(', ')}`),
    ],
    [
      'ArnLikeIfExists (an absent key passes)',
      rootWhere('IfExists', { ArnLikeIfExists: { 'aws:PrincipalArn': PERMISSION_SET_ROLES } }),
      narrowed(`ArnLikeIfExists ${PERMISSION_SET_ROLES.map((arn) => `"${arn}"`).join(', ')}`),
    ],
  ])('%s', (_case, statement, detail) => {
    expect(messagesOf(iamTrustNarrow, withTrust(statement))).toEqual([
      expectedMessage(iamTrustNarrow, ROLE, `assume_role_policy ${statement.Sid} ${detail}`),
    ]);
  });

  test('refuses a root whose account is only known at apply, and a root without any condition', () => {
    const tokenRoot = 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root';
    const stack = withTrust(
      { Sid: 'Token', Effect: 'Allow', Principal: { AWS: tokenRoot }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:PrincipalArn': PERMISSION_SET_ROLES } } },
      rootWhere('Bare'),
    );
    expect(messagesOf(iamTrustNarrow, stack)).toEqual([
      expectedMessage(iamTrustNarrow, ROLE, `assume_role_policy Token trusts "${tokenRoot}"; assume_role_policy Bare trusts "${ROOT}"`),
    ]);
  });
});
