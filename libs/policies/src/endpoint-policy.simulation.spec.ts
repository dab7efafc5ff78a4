/**
 * Endpoint policies through the real IAM evaluator: who may use the environment's PrivateLink path,
 * and to which resources. A request passes an endpoint only when the endpoint policy allows it, on
 * top of the identity and resource policies.
 */
import { accountRootArn } from './arns';
import { endpointPolicy, stsEndpointPolicy } from './endpoint-policy';
import { notebookUserTrustPolicy } from './notebook-user-trust-policy';
import { policyDocument, type PolicyDocument } from './policy-document';
import { s3GatewayPolicy } from './s3-gateway-policy';
import {
  ACCOUNT_ID,
  ADMINISTRATOR_ACCESS,
  EXECUTION_ROLE_ARN,
  FOREIGN_ROLE_ARN,
  FOREIGN_SAML_PROVIDER_ARN,
  NOTEBOOK_ARN,
  NOTEBOOK_USER_ROLE_ARN,
  OIDC_PROVIDER_ARN,
  ORGANIZATION_ID,
  OTHER_ACCOUNT_ID,
  REGION,
  SAML_PROVIDER_ARN,
} from './testing/fixtures';
import { ANONYMOUS, simulate, type PolicyInput, type RequestContext } from './simulate';

/** An AWS-owned account (Amazon Linux repositories, ECR layers): neither ours nor the other one. */
const AWS_OWNED_ACCOUNT = '999988887777';
const OTHER_ORGANIZATION_ID = 'o-z9y8x7w6v5';

/** A bucket policy of another account inviting ours to write: only the endpoint policy stands in the way. */
const invitingBucketPolicy = (bucket: string): PolicyDocument =>
  policyDocument({
    Sid: 'InviteTheEnvironmentAccount',
    Effect: 'Allow',
    Principal: { AWS: accountRootArn(ACCOUNT_ID) },
    Action: 's3:PutObject',
    Resource: `arn:aws:s3:::${bucket}/*`,
  });

/** A public bucket's policy: anyone may read. */
const publicReadPolicy = (bucket: string): PolicyDocument =>
  policyDocument({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` });

function putObject(
  bucket: string,
  bucketAccount: string,
  endpointPolicies: readonly PolicyInput[],
  context: RequestContext = {},
) {
  return simulate({
    principal: EXECUTION_ROLE_ARN,
    action: 's3:PutObject',
    resource: `arn:aws:s3:::${bucket}/export.csv`,
    resourceAccount: bucketAccount,
    identityPolicies: [ADMINISTRATOR_ACCESS],
    ...(bucketAccount === ACCOUNT_ID ? {} : { resourcePolicy: invitingBucketPolicy(bucket) }),
    endpointPolicies,
    context,
  });
}

function anonymousRead(bucket: string, endpointPolicies: readonly PolicyInput[], action = 's3:GetObject') {
  return simulate({
    principal: ANONYMOUS,
    action,
    resource: `arn:aws:s3:::${bucket}/repodata/repomd.xml`,
    resourceAccount: AWS_OWNED_ACCOUNT,
    resourcePolicy: publicReadPolicy(bucket),
    endpointPolicies,
  });
}

describe('s3GatewayPolicy: the resource perimeter', () => {
  const gateway = s3GatewayPolicy({ accountId: ACCOUNT_ID, region: REGION });

  it('would let own credentials write to any bucket that invites them had it checked the principal only', async () => {
    const principalOnly = policyDocument({
      Sid: 'OwnAccountPrincipalsOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT_ID } },
    });
    expect(await putObject('exfiltration-target', OTHER_ACCOUNT_ID, [principalOnly])).toBe('Allowed');
  });

  it('keeps own credentials writing to the buckets of their own account', async () => {
    expect(await putObject('example-notebook-data', ACCOUNT_ID, [gateway])).toBe('Allowed');
  });

  it('refuses own credentials writing to a bucket of another account, even one whose policy invites them', async () => {
    expect(await putObject('exfiltration-target', OTHER_ACCOUNT_ID, [])).toBe('Allowed');
    expect(await putObject('exfiltration-target', OTHER_ACCOUNT_ID, [gateway])).toBe('ImplicitlyDenied');
  });

  it('refuses credentials of another account, even on their own bucket', async () => {
    const outcome = await simulate({
      principal: FOREIGN_ROLE_ARN,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::their-bucket/export.csv',
      resourceAccount: OTHER_ACCOUNT_ID,
      identityPolicies: [ADMINISTRATOR_ACCESS],
      endpointPolicies: [gateway],
    });
    expect(outcome).toBe('ImplicitlyDenied');
  });

  it('reads Amazon Linux 2 and AL2023 packages anonymously from the region\'s AWS-owned repositories', async () => {
    for (const bucket of [
      `amazonlinux-2-repos-${REGION}`,
      `amazonlinux.${REGION}.amazonaws.com`,
      `packages.${REGION}.amazonaws.com`,
      `repo.${REGION}.amazonaws.com`,
      `al2023-repos-${REGION}-de612dc2`,
      `al2023-${REGION}`,
    ]) {
      expect([bucket, await anonymousRead(bucket, [gateway])]).toEqual([bucket, 'Allowed']);
    }
  });

  it('reads no other public bucket, no repository of another region, and writes to none', async () => {
    expect(await anonymousRead('public-dump', [gateway])).toBe('ImplicitlyDenied');
    expect(await anonymousRead('amazonlinux-2-repos-us-east-1', [gateway])).toBe('ImplicitlyDenied');
    expect(await anonymousRead(`amazonlinux-2-repos-${REGION}`, [gateway], 's3:PutObject')).toBe('ImplicitlyDenied');
  });

  it('with ECR, lets through layer downloads that an ECR principal of another account presigned', async () => {
    const layer = (policy: PolicyDocument) =>
      simulate({
        principal: `arn:aws:iam::${AWS_OWNED_ACCOUNT}:user/ecr-layer-signer`,
        action: 's3:GetObject',
        resource: `arn:aws:s3:::prod-${REGION}-starport-layer-bucket/layer.tar.gz`,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        endpointPolicies: [policy],
      });
    expect(await layer(gateway)).toBe('ImplicitlyDenied');
    expect(await layer(s3GatewayPolicy({ accountId: ACCOUNT_ID, region: REGION, allowEcrLayers: true }))).toBe('Allowed');
  });

  describe('with an organization id', () => {
    const orgGateway = s3GatewayPolicy({ accountId: ACCOUNT_ID, region: REGION, organizationId: ORGANIZATION_ID });

    it('lets own credentials write to buckets of the organization, and to no other', async () => {
      const inOrg = { 'aws:ResourceOrgID': ORGANIZATION_ID };
      expect(await putObject('example-notebook-data', ACCOUNT_ID, [orgGateway], inOrg)).toBe('Allowed');
      expect(await putObject('shared-data', OTHER_ACCOUNT_ID, [orgGateway], inOrg)).toBe('Allowed');
      expect(
        await putObject('exfiltration-target', OTHER_ACCOUNT_ID, [orgGateway], { 'aws:ResourceOrgID': OTHER_ORGANIZATION_ID }),
      ).toBe('ImplicitlyDenied');
      expect(await putObject('exfiltration-target', OTHER_ACCOUNT_ID, [orgGateway])).toBe('ImplicitlyDenied');
    });
  });
});

describe('endpointPolicy: own principals to own resources', () => {
  const endpoint = endpointPolicy({ accountId: ACCOUNT_ID });

  it('lets own principals reach own resources', async () => {
    const outcome = await simulate({
      principal: NOTEBOOK_USER_ROLE_ARN,
      action: 'sagemaker:DescribeNotebookInstance',
      resource: NOTEBOOK_ARN,
      identityPolicies: [ADMINISTRATOR_ACCESS],
      endpointPolicies: [endpoint],
    });
    expect(outcome).toBe('Allowed');
  });

  it('refuses own principals reaching a resource of another account, even one whose policy invites them', async () => {
    const foreignKey = `arn:aws:kms:${REGION}:${OTHER_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const decrypt = (endpointPolicies: readonly PolicyInput[]) =>
      simulate({
        principal: NOTEBOOK_USER_ROLE_ARN,
        action: 'kms:Decrypt',
        resource: foreignKey,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        resourcePolicy: policyDocument({
          Sid: 'InviteTheEnvironmentAccount',
          Effect: 'Allow',
          Principal: { AWS: accountRootArn(ACCOUNT_ID) },
          Action: 'kms:Decrypt',
          Resource: '*',
        }),
        endpointPolicies,
      });
    expect(await decrypt([])).toBe('Allowed');
    expect(await decrypt([endpoint])).toBe('ImplicitlyDenied');
  });

  it('refuses principals of another account', async () => {
    const outcome = await simulate({
      principal: FOREIGN_ROLE_ARN,
      action: 'sagemaker:DescribeNotebookInstance',
      resource: `arn:aws:sagemaker:${REGION}:${OTHER_ACCOUNT_ID}:notebook-instance/theirs`,
      identityPolicies: [ADMINISTRATOR_ACCESS],
      endpointPolicies: [endpoint],
    });
    expect(outcome).toBe('ImplicitlyDenied');
  });
});

describe('stsEndpointPolicy: federated sign-in to roles of the account', () => {
  const sts = stsEndpointPolicy({ accountId: ACCOUNT_ID });
  const samlTrust = (provider: string) => notebookUserTrustPolicy({ samlProviderArns: [provider] });
  const samlSignIn = (provider: string, role: string, endpointPolicies: readonly PolicyInput[], context: RequestContext = {}) =>
    simulate({
      principal: provider,
      action: 'sts:AssumeRoleWithSAML',
      resource: role,
      resourcePolicy: samlTrust(provider),
      endpointPolicies,
      context: { 'SAML:aud': 'https://signin.aws.amazon.com/saml', ...context },
    });
  const foreignRole = `arn:aws:iam::${OTHER_ACCOUNT_ID}:role/their-notebook-user`;

  it('lets a SAML user assume a role of the account through the endpoint', async () => {
    expect(await samlSignIn(SAML_PROVIDER_ARN, NOTEBOOK_USER_ROLE_ARN, [sts])).toBe('Allowed');
  });

  it('where the own-account endpoint policy refuses it: the unsigned call has no aws:PrincipalAccount', async () => {
    expect(await samlSignIn(SAML_PROVIDER_ARN, NOTEBOOK_USER_ROLE_ARN, [endpointPolicy({ accountId: ACCOUNT_ID })])).toBe(
      'ImplicitlyDenied',
    );
  });

  it('refuses a SAML sign-in to a role of another account through the endpoint', async () => {
    expect(await samlSignIn(FOREIGN_SAML_PROVIDER_ARN, foreignRole, [])).toBe('Allowed');
    expect(await samlSignIn(FOREIGN_SAML_PROVIDER_ARN, foreignRole, [sts])).toBe('ImplicitlyDenied');
  });

  it('lets an OIDC web identity assume a role of the account, and none of another account', async () => {
    const webIdentity = (role: string) =>
      simulate({
        principal: OIDC_PROVIDER_ARN,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: role,
        resourcePolicy: policyDocument({
          Sid: 'TrustTheProvider',
          Effect: 'Allow',
          Principal: { Federated: OIDC_PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
        }),
        endpointPolicies: [sts],
      });
    expect(await webIdentity(NOTEBOOK_USER_ROLE_ARN)).toBe('Allowed');
    expect(await webIdentity(foreignRole)).toBe('ImplicitlyDenied');
  });

  it('lets own principals assume roles of the account, and none of another account', async () => {
    const assume = (role: string) =>
      simulate({
        principal: EXECUTION_ROLE_ARN,
        action: 'sts:AssumeRole',
        resource: role,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        resourcePolicy: policyDocument({
          Sid: 'TrustTheEnvironmentAccount',
          Effect: 'Allow',
          Principal: { AWS: accountRootArn(ACCOUNT_ID) },
          Action: 'sts:AssumeRole',
        }),
        endpointPolicies: [sts],
      });
    expect(await assume(NOTEBOOK_USER_ROLE_ARN)).toBe('Allowed');
    expect(await assume(FOREIGN_ROLE_ARN)).toBe('ImplicitlyDenied');
  });

  it('with an organization id, admits sign-in to roles of the organization only', async () => {
    const orgSts = stsEndpointPolicy({ accountId: ACCOUNT_ID, organizationId: ORGANIZATION_ID });
    expect(
      await samlSignIn(FOREIGN_SAML_PROVIDER_ARN, foreignRole, [orgSts], { 'aws:ResourceOrgID': ORGANIZATION_ID }),
    ).toBe('Allowed');
    expect(
      await samlSignIn(FOREIGN_SAML_PROVIDER_ARN, foreignRole, [orgSts], { 'aws:ResourceOrgID': OTHER_ORGANIZATION_ID }),
    ).toBe('ImplicitlyDenied');
  });
});
