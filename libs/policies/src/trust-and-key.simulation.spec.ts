/** Trust and key policies through the real IAM evaluator: who may become the roles and use the key. */
import { notebookExecutionTrustPolicy } from './notebook-execution-role';
import { notebookKeyPolicy } from './notebook-key-policy';
import { notebookUserTrustPolicy } from './notebook-user-trust-policy';
import { policyDocument } from './policy-document';
import {
  ACCOUNT_ID,
  ADMINISTRATOR_ACCESS,
  ADMIN_ROLE_ARN,
  EXECUTION_ROLE_ARN,
  IDENTITY_CENTER_ROLE_ARN,
  KMS_KEY_ARN,
  NOTEBOOK_USER_ROLE_ARN,
  REGION,
  SAML_PROVIDER_ARN,
} from './testing/fixtures';
import { simulate } from './simulate';

const FOREIGN_ACCOUNT = '444455556666';
const FOREIGN_ROLE_ARN = `arn:aws:iam::${FOREIGN_ACCOUNT}:role/admin`;

describe('notebookUserTrustPolicy', () => {
  const trust = notebookUserTrustPolicy({
    roleArns: [IDENTITY_CENTER_ROLE_ARN],
    samlProviderArns: [SAML_PROVIDER_ARN],
  });
  const assume = (principal: string, identity = [ADMINISTRATOR_ACCESS]) =>
    simulate({
      principal,
      action: 'sts:AssumeRole',
      resource: NOTEBOOK_USER_ROLE_ARN,
      resourcePolicy: trust,
      identityPolicies: identity,
    });

  it('lets the named Identity Center role assume the notebook-user role', async () => {
    expect(await assume(IDENTITY_CENTER_ROLE_ARN)).toBe('Allowed');
  });

  it('keeps out an administrator of the same account it does not name', async () => {
    expect(await assume(ADMIN_ROLE_ARN)).toBe('ImplicitlyDenied');
  });

  it('would let that administrator in had it trusted the account root (why the builder refuses it)', async () => {
    const rootTrust = policyDocument({
      Sid: 'AccountRoot',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` },
      Action: 'sts:AssumeRole',
    });
    expect(
      await simulate({
        principal: ADMIN_ROLE_ARN,
        action: 'sts:AssumeRole',
        resource: NOTEBOOK_USER_ROLE_ARN,
        resourcePolicy: rootTrust,
        identityPolicies: [ADMINISTRATOR_ACCESS],
      }),
    ).toBe('Allowed');
  });

  it('lets SAML users in only with the AWS sign-in audience', async () => {
    const withSaml = (audience: string) =>
      simulate({
        principal: SAML_PROVIDER_ARN,
        action: 'sts:AssumeRoleWithSAML',
        resource: NOTEBOOK_USER_ROLE_ARN,
        resourcePolicy: trust,
        context: { 'SAML:aud': audience },
      });
    expect(await withSaml('https://signin.aws.amazon.com/saml')).toBe('Allowed');
    expect(await withSaml('https://idp.example.com/saml')).toBe('ImplicitlyDenied');
  });
});

describe('notebookUserTrustPolicy with Identity Center permission sets', () => {
  const trust = notebookUserTrustPolicy({ identityCenterPermissionSets: ['MLEngineer'], accountId: ACCOUNT_ID });
  const sso = `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com`;
  const assume = (principal: string) =>
    simulate({
      principal,
      action: 'sts:AssumeRole',
      resource: NOTEBOOK_USER_ROLE_ARN,
      resourcePolicy: trust,
      identityPolicies: [ADMINISTRATOR_ACCESS],
    });

  it.each([
    ['the role as provisioned today', `${sso}/eu-west-1/AWSReservedSSO_MLEngineer_0123456789abcdef`],
    ['the role after a reprovisioning (new suffix), Identity Center in another region', `${sso}/ap-southeast-2/AWSReservedSSO_MLEngineer_fedcba9876543210`],
    ['the role with Identity Center in us-east-1 (no region in the path)', `${sso}/AWSReservedSSO_MLEngineer_a1b2c3d4e5f60718`],
  ])('lets %s assume the notebook-user role', async (_case, principal) => {
    expect(await assume(principal)).toBe('Allowed');
  });

  it.each([
    ['an administrator role of the account', ADMIN_ROLE_ARN],
    ['another permission set\'s role', `${sso}/eu-west-1/AWSReservedSSO_AdministratorAccess_0123456789abcdef`],
    ['a role named like a permission-set role outside the Identity Center path', `arn:aws:iam::${ACCOUNT_ID}:role/AWSReservedSSO_MLEngineer_0123456789abcdef`],
    ['the permission-set role of another account', `arn:aws:iam::${FOREIGN_ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_MLEngineer_0123456789abcdef`],
  ])('keeps %s out', async (_case, principal) => {
    expect(await assume(principal)).toBe('ImplicitlyDenied');
  });
});

describe('notebookExecutionTrustPolicy', () => {
  const trust = notebookExecutionTrustPolicy({ accountId: ACCOUNT_ID });
  const assumeFor = (sourceAccount: string) =>
    simulate({
      principal: 'sagemaker.amazonaws.com',
      action: 'sts:AssumeRole',
      resource: EXECUTION_ROLE_ARN,
      resourcePolicy: trust,
      context: { 'aws:SourceAccount': sourceAccount },
    });

  it('lets SageMaker assume the role for this account', async () => {
    expect(await assumeFor(ACCOUNT_ID)).toBe('Allowed');
  });

  it('refuses SageMaker acting for another account (confused deputy)', async () => {
    expect(await assumeFor('444455556666')).toBe('ImplicitlyDenied');
  });
});

describe('notebookKeyPolicy', () => {
  const key = notebookKeyPolicy({ accountId: ACCOUNT_ID, region: REGION, executionRoleArn: EXECUTION_ROLE_ARN });
  const onKey = (
    principal: string,
    action: string,
    context = {},
    identityPolicies = [] as (typeof ADMINISTRATOR_ACCESS)[],
  ) => simulate({ principal, action, resource: KMS_KEY_ARN, resourcePolicy: key, context, identityPolicies });
  const throughSageMaker = {
    'kms:ViaService': `sagemaker.${REGION}.amazonaws.com`,
    'kms:CallerAccount': ACCOUNT_ID,
    'kms:GrantIsForAWSResource': 'true',
  };

  it('lets the execution role decrypt without any identity policy', async () => {
    expect(await onKey(EXECUTION_ROLE_ARN, 'kms:Decrypt')).toBe('Allowed');
  });

  it('lets an account principal create a grant only through SageMaker, for an AWS resource', async () => {
    expect(await onKey(ADMIN_ROLE_ARN, 'kms:CreateGrant', throughSageMaker)).toBe('Allowed');
    expect(
      await onKey(ADMIN_ROLE_ARN, 'kms:CreateGrant', { ...throughSageMaker, 'kms:GrantIsForAWSResource': 'false' }),
    ).toBe('ImplicitlyDenied');
    expect(
      await onKey(ADMIN_ROLE_ARN, 'kms:CreateGrant', {
        ...throughSageMaker,
        'kms:ViaService': `ec2.${REGION}.amazonaws.com`,
      }),
    ).toBe('ImplicitlyDenied');
  });

  it('gives other principals of the account nothing beyond what IAM gives them', async () => {
    expect(await onKey(ADMIN_ROLE_ARN, 'kms:Decrypt')).toBe('ImplicitlyDenied');
    expect(await onKey(ADMIN_ROLE_ARN, 'kms:Decrypt', {}, [ADMINISTRATOR_ACCESS])).toBe('Allowed');
  });

  it('gives another account nothing, even its administrators through SageMaker', async () => {
    expect(await onKey(FOREIGN_ROLE_ARN, 'kms:Decrypt', {}, [ADMINISTRATOR_ACCESS])).toBe('ImplicitlyDenied');
    expect(
      await onKey(FOREIGN_ROLE_ARN, 'kms:CreateGrant', { ...throughSageMaker, 'kms:CallerAccount': '444455556666' }, [
        ADMINISTRATOR_ACCESS,
      ]),
    ).toBe('ImplicitlyDenied');
  });
});
