import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { notebookUserTrustPolicy, policyDocument, renderPolicy, type PolicyStatement } from '@privatelink/policies';
import {
  accessPolicy,
  ACCOUNT_ID,
  compliantCount,
  expectedMessage,
  guardScp,
  messagesOf,
  privateNetwork,
  REGION,
  secureNotebook,
  synthTestStack,
} from '../../testing';
import { iamKmsDecryptOnKeys } from './iam-kms-decrypt-on-keys';
import { iamNoAdminManagedPolicy } from './iam-no-admin-managed-policy';
import { iamNoAdminStatement } from './iam-no-admin-statement';
import { iamNoRiskyActionsOnAll } from './iam-no-risky-actions-on-all';
import { iamNoServiceWildcard } from './iam-no-service-wildcard';
import { iamNoWildcardAction } from './iam-no-wildcard-action';
import { iamPassroleScoped } from './iam-passrole-scoped';
import { iamScopedResources } from './iam-scoped-resources';
import { iamTrustNarrow } from './iam-trust-narrow';
import { policyLiteralJson } from './policy-literal-json';

// GIVEN every policy the stacks attach: execution role, flow-logs role, access policy, user role, SCP, key policies
const secure = synthTestStack((stack) => {
  privateNetwork(stack);
  secureNotebook(stack);
  accessPolicy(stack);
  new IamRole(stack, 'user-role', {
    description: 'Opens the notebooks',
    assumeRolePolicy: renderPolicy(
      notebookUserTrustPolicy({
        roleArns: [`arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ML_0123456789abcdef`],
        samlProviderArns: [`arn:aws:iam::${ACCOUNT_ID}:saml-provider/corp-idp`],
      }),
    ),
  });
  guardScp(stack);
});

const rules = [
  policyLiteralJson,
  iamNoAdminStatement,
  iamNoWildcardAction,
  iamNoServiceWildcard,
  iamScopedResources,
  iamNoRiskyActionsOnAll,
  iamKmsDecryptOnKeys,
  iamTrustNarrow,
  iamNoAdminManagedPolicy,
  iamPassroleScoped,
];

test.each(rules.map((rule) => [rule.id, rule]))('%s: every policy the stacks build complies', (_id, rule) => {
  expect(messagesOf(rule, secure)).toEqual([]);
  expect(compliantCount(rule, secure)).toBeGreaterThan(0);
});

/** A stack with one customer-managed policy of these statements. */
const withPolicy = (...statements: PolicyStatement[]) =>
  synthTestStack((scope) => new IamPolicy(scope, 'bad', { policy: renderPolicy(policyDocument(...statements)) }));
const policy = 'aws_iam_policy.bad';
/** A stack with one role trusting these statements. */
const withTrust = (...statements: PolicyStatement[]) =>
  synthTestStack((scope) => new IamRole(scope, 'bad', { assumeRolePolicy: renderPolicy(policyDocument(...statements)) }));
const role = 'aws_iam_role.bad';
/** A stack with one key whose policy has these statements (and a second key with them as aws_kms_key_policy). */
const withKeyPolicy = (...statements: PolicyStatement[]) =>
  synthTestStack((scope) => {
    new KmsKey(scope, 'bad', { enableKeyRotation: true, policy: renderPolicy(policyDocument(...statements)) });
    const separate = new KmsKey(scope, 'separate', { enableKeyRotation: true });
    new KmsKeyPolicy(scope, 'separate-policy', { keyId: separate.keyId, policy: renderPolicy(policyDocument(...statements)) });
  });
const ROOT = `arn:aws:iam::${ACCOUNT_ID}:root`;

describe('policy-literal-json', () => {
  test('refuses a policy rendered by a Terraform data source (scanners silently pass it)', () => {
    const stack = synthTestStack((scope) => {
      const document = new DataAwsIamPolicyDocument(scope, 'doc', {
        statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }],
      });
      new IamPolicy(scope, 'bad', { policy: document.json });
    });
    expect(messagesOf(policyLiteralJson, stack)).toEqual([
      expectedMessage(
        policyLiteralJson,
        policy,
        'policy is not literal JSON (is a Terraform expression): ${data.aws_iam_policy_document.doc.json}',
      ),
    ]);
  });

  test('refuses broken JSON, an old Version and a statement without Effect, wherever the policy sits', () => {
    const stack = synthTestStack((scope) => {
      new IamRole(scope, 'old', {
        assumeRolePolicy: JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }),
      });
      new OrganizationsPolicy(scope, 'broken', { name: 'x', content: '{"Version": "2012-10-17", "Statement": [' });
      new IamPolicy(scope, 'no-effect', { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'X', Action: 's3:GetObject' }] }) });
    });
    expect(messagesOf(policyLiteralJson, stack)).toEqual([
      expectedMessage(policyLiteralJson, 'aws_iam_policy.no-effect', 'policy X has Effect null, not Allow or Deny'),
      expectedMessage(
        policyLiteralJson,
        'aws_iam_role.old',
        'assume_role_policy has Version "2008-10-17"; policy variables and newer grammar need "2012-10-17"',
      ),
      expect.stringContaining(`aws_organizations_policy.broken policy-literal-json: ${policyLiteralJson.title} (content is not literal JSON (`),
    ]);
  });
});

describe('iam-no-admin-statement', () => {
  test('refuses Allow "*" on "*", in identity policies and SCPs', () => {
    expect(messagesOf(iamNoAdminStatement, withPolicy({ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }))).toEqual([
      expectedMessage(iamNoAdminStatement, policy, 'Admin allows "*" on "*"'),
    ]);
    const scp = synthTestStack(
      (scope) =>
        new OrganizationsPolicy(scope, 'full', {
          name: 'full',
          content: renderPolicy(policyDocument({ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' })),
        }),
    );
    expect(messagesOf(iamNoAdminStatement, scp)).toEqual([
      expectedMessage(iamNoAdminStatement, 'aws_organizations_policy.full', 'content FullAWSAccess allows "*" on "*"'),
    ]);
  });
});

describe('iam-no-wildcard-action', () => {
  test('refuses "*" and "iam:*" on any resource, and an Allow with NotAction', () => {
    const stack = withPolicy(
      { Sid: 'Iam', Effect: 'Allow', Action: ['iam:*', 'sts:GetCallerIdentity'], Resource: `arn:aws:iam::${ACCOUNT_ID}:role/x` },
      { Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::bucket/*' },
      { Sid: 'DenyIsFine', Effect: 'Deny', Action: '*', Resource: '*' },
    );
    expect(messagesOf(iamNoWildcardAction, stack)).toEqual([
      expectedMessage(iamNoWildcardAction, policy, 'Iam allows "iam:*"; AllButIam allows NotAction (every other action)'),
    ]);
  });

  test('reads key policies too', () => {
    const stack = withKeyPolicy(
      { Sid: 'Everything', Effect: 'Allow', Principal: { AWS: ROOT }, Action: '*', Resource: '*' },
      { Sid: 'AllButDelete', Effect: 'Allow', Principal: { AWS: ROOT }, NotAction: 'kms:ScheduleKeyDeletion', Resource: '*' },
    );
    const detail = 'Everything allows "*"; AllButDelete allows NotAction (every other action)';
    expect(messagesOf(iamNoWildcardAction, stack)).toEqual([
      expectedMessage(iamNoWildcardAction, 'aws_kms_key.bad', detail),
      expectedMessage(iamNoWildcardAction, 'aws_kms_key_policy.separate-policy', detail),
    ]);
  });

  test('reads trust policies too', () => {
    const stack = withTrust({ Sid: 'Any', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: '*' });
    expect(messagesOf(iamNoWildcardAction, stack)).toEqual([
      expectedMessage(iamNoWildcardAction, role, 'assume_role_policy Any allows "*"'),
    ]);
  });
});

describe('iam-no-service-wildcard', () => {
  test('refuses "service:*" in a key policy, but for kms:* to the account root (which hands the key to IAM)', () => {
    const stack = withKeyPolicy(
      { Sid: 'AccountAdministersKeyThroughIam', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
      { Sid: 'RoleAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/ops` }, Action: 'kms:*', Resource: '*' },
    );
    const detail = 'RoleAdministersKey allows "kms:*"';
    expect(messagesOf(iamNoServiceWildcard, stack)).toEqual([
      expectedMessage(iamNoServiceWildcard, 'aws_kms_key.bad', detail),
      expectedMessage(iamNoServiceWildcard, 'aws_kms_key_policy.separate-policy', detail),
    ]);
  });

  test('refuses the access policy in scope "all" (sagemaker:*): an opt-in that needs a suppression with its reason', () => {
    const stack = synthTestStack((scope) => accessPolicy(scope, 'bad', 'all'));
    expect(messagesOf(iamNoServiceWildcard, stack)).toEqual([
      expectedMessage(iamNoServiceWildcard, policy, 'AllSageMakerOnNotebooksThroughEndpoints allows "sagemaker:*"'),
    ]);
  });
});

describe('iam-scoped-resources', () => {
  test('refuses scopable actions on "*", and actions the catalogue does not know', () => {
    const stack = withPolicy(
      { Sid: 'Describe', Effect: 'Allow', Action: ['sagemaker:ListNotebookInstances', 'sagemaker:DescribeNotebookInstance'], Resource: '*' },
      { Sid: 'Typo', Effect: 'Allow', Action: 'sagemaker:ListNoteBooks', Resource: '*' },
      { Sid: 'Everything', Effect: 'Allow', NotAction: 's3:*', NotResource: 'arn:aws:s3:::b' },
    );
    expect(messagesOf(iamScopedResources, stack)).toEqual([
      expectedMessage(
        iamScopedResources,
        policy,
        'Describe allows on "*" actions that support resource scoping: sagemaker:DescribeNotebookInstance; ' +
          'Typo allows on "*" actions the IAM catalogue does not know: sagemaker:ListNoteBooks; ' +
          'Everything allows on NotResource (every other resource)',
      ),
    ]);
  });

  test('accepts list-only actions alone on "*"', () => {
    const stack = withPolicy({ Sid: 'List', Effect: 'Allow', Action: 'sagemaker:ListNotebookInstances', Resource: '*' });
    expect(messagesOf(iamScopedResources, stack)).toEqual([]);
    expect(compliantCount(iamScopedResources, stack)).toBe(1);
  });
});

describe('iam-no-risky-actions-on-all', () => {
  test('accepts risky actions that can only be granted on "*" (nothing narrower exists; iam-scoped-resources agrees)', () => {
    const stack = withPolicy(
      { Sid: 'PullImages', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Sid: 'Traces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      { Sid: 'MakeKeys', Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*' },
    );
    expect(messagesOf(iamNoRiskyActionsOnAll, stack)).toEqual([]);
    expect(messagesOf(iamScopedResources, stack)).toEqual([]);
    expect(compliantCount(iamNoRiskyActionsOnAll, stack)).toBe(1);
  });

  test('refuses scopable write, permissions-management, credential and data actions on "*", and patterns that expand to them', () => {
    const stack = withPolicy(
      { Sid: 'DeleteKeys', Effect: 'Allow', Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
      { Sid: 'Escalate', Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*' },
      { Sid: 'AssumeAnything', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
      { Sid: 'Objects', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'Ecr', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:Put*'], Resource: '*' },
      { Sid: 'ListIsFine', Effect: 'Allow', Action: 'sagemaker:ListNotebookInstances', Resource: '*' },
    );
    expect(messagesOf(iamNoRiskyActionsOnAll, stack)).toEqual([
      expectedMessage(
        iamNoRiskyActionsOnAll,
        policy,
        'DeleteKeys allows on "*" write (kms:ScheduleKeyDeletion); ' +
          'Escalate allows on "*" permissions management (iam:AttachRolePolicy); ' +
          'AssumeAnything allows on "*" write (sts:AssumeRole), credentials exposure (sts:AssumeRole); ' +
          'Objects allows on "*" data exfiltration (s3:GetObject); ' +
          // ecr:GetAuthorizationToken and the registry-wide ecr:Put* actions (no resource type) are left out
          'Ecr allows on "*" write (ecr:PutImage, ecr:PutImageScanningConfiguration, ecr:PutImageTagMutability and 1 more)',
      ),
    ]);
  });

  test('still refuses "iam:*" and "*" on "*": they expand to scopable risky actions', () => {
    const stack = withPolicy(
      { Sid: 'AllIam', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      { Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' },
    );
    expect(messagesOf(iamNoRiskyActionsOnAll, stack)).toEqual([
      expectedMessage(
        iamNoRiskyActionsOnAll,
        policy,
        'AllIam allows on "*" write (iam:PassRole, iam:AcceptDelegationRequest, iam:AddClientIDToOpenIDConnectProvider and 70 more), ' +
          'permissions management (iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:AttachUserPolicy and 19 more), ' +
          'credentials exposure (iam:CreateAccessKey, iam:CreateLoginProfile, iam:CreateServiceSpecificCredential and 2 more); ' +
          'Everything allows on "*" write (*), permissions management (*), credentials exposure (*), data exfiltration (*)',
      ),
    ]);
  });
});

describe('iam-kms-decrypt-on-keys', () => {
  test('refuses kms:Decrypt and kms:ReEncryptFrom on "*" or a wildcard key ARN', () => {
    const stack = withPolicy(
      { Sid: 'Decrypt', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
      { Sid: 'ReEncrypt', Effect: 'Allow', Action: 'kms:ReEncrypt*', Resource: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/*` },
      { Sid: 'OwnKey', Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['${aws_kms_key.key.arn}', `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`] },
    );
    expect(messagesOf(iamKmsDecryptOnKeys, stack)).toEqual([
      expectedMessage(
        iamKmsDecryptOnKeys,
        policy,
        `Decrypt allows kms:Decrypt on "*"; ReEncrypt allows kms:ReEncryptFrom on "arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/*"`,
      ),
    ]);
  });
});

describe('iam-trust-narrow', () => {
  test('refuses "*", a whole account and a service without aws:SourceAccount', () => {
    const stack = withTrust(
      { Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      { Sid: 'Account', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT_ID}:root`, '444455556666'] }, Action: 'sts:AssumeRole' },
      { Sid: 'Service', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
    );
    expect(messagesOf(iamTrustNarrow, stack)).toEqual([
      expectedMessage(
        iamTrustNarrow,
        role,
        'assume_role_policy Anyone trusts "*"; ' +
          `assume_role_policy Account trusts "arn:aws:iam::${ACCOUNT_ID}:root", "444455556666"; ` +
          'assume_role_policy Service trusts sagemaker.amazonaws.com without aws:SourceAccount',
      ),
    ]);
  });
});

describe('iam-no-admin-managed-policy', () => {
  test('refuses AdministratorAccess and IAMFullAccess on roles and groups', () => {
    const stack = synthTestStack((scope) => {
      new IamRolePolicyAttachment(scope, 'admin', { role: 'notebook-exec', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
      new IamGroupPolicyAttachment(scope, 'iam', { group: 'notebook-users', policyArn: 'arn:aws:iam::aws:policy/IAMFullAccess' });
      new IamRolePolicyAttachment(scope, 'read-only', { role: 'notebook-exec', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    });
    expect(messagesOf(iamNoAdminManagedPolicy, stack)).toEqual([
      expectedMessage(iamNoAdminManagedPolicy, 'aws_iam_group_policy_attachment.iam', 'attaches arn:aws:iam::aws:policy/IAMFullAccess'),
      expectedMessage(iamNoAdminManagedPolicy, 'aws_iam_role_policy_attachment.admin', 'attaches arn:aws:iam::aws:policy/AdministratorAccess'),
    ]);
  });
});

describe('iam-passrole-scoped', () => {
  test('refuses iam:PassRole without iam:PassedToService; accepts it with the condition', () => {
    const role = `arn:aws:iam::${ACCOUNT_ID}:role/notebook-exec`;
    const stack = withPolicy(
      { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: role },
      {
        Sid: 'PassToSageMaker',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: role,
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      },
    );
    expect(messagesOf(iamPassroleScoped, stack)).toEqual([
      expectedMessage(iamPassroleScoped, policy, 'Pass allows iam:PassRole without iam:PassedToService'),
    ]);
  });
});
