import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { checkStack, evaluateRule, iamTrustNarrow, synthStack, type JsonObject } from '@privatelink/guardrails';
import {
  asList,
  DEV_ROLE_ARN,
  entriesOf,
  networkOutput,
  onlyResource,
  parsePolicy,
  prodTargets,
  ref,
  resourceWhere,
  STAGING_SAML_PROVIDER_ARN,
  stagingTarget,
  statement,
  synthSagemaker,
  synthToFiles,
  testTarget,
  type RenderedPolicy,
  type SynthesizedStack,
} from './testing';

const PRESIGNED_URL = 'sagemaker:CreatePresignedNotebookInstanceUrl';
const DESCRIBE = 'sagemaker:DescribeNotebookInstance';
const LIST = 'sagemaker:ListNotebookInstances';
const START_STOP = ['sagemaker:StartNotebookInstance', 'sagemaker:StopNotebookInstance'];
const ENDPOINT_IDS = [networkOutput('notebook_endpoint_id'), networkOutput('api_endpoint_id')];

const dev = synthSagemaker(testTarget());
const staging = synthSagemaker(stagingTarget());
const [prodPrimaryTarget, prodSecondTarget] = prodTargets();
const prodEu = synthSagemaker(prodSecondTarget);

const accessPolicy = (json: SynthesizedStack): RenderedPolicy => parsePolicy(onlyResource(json, IamPolicy).attributes['policy']);

function userRole(json: SynthesizedStack) {
  const [found, ...others] = entriesOf(json, IamRole).filter(([, role]) => String(role['name']).endsWith('-notebook-user'));
  if (!found || others.length > 0) throw new Error('expected one notebook-user role');
  return { id: found[0], attributes: found[1] };
}

const userTrust = (json: SynthesizedStack): RenderedPolicy => parsePolicy(userRole(json).attributes['assume_role_policy']);

function withAccess(access: Record<string, unknown>) {
  return synthSagemaker(testTarget({ sagemaker: { notebooks: [{ name: 'research-dev' }], access } }));
}

describe('NotebookAccess: managed policy, sourceVpce mode (default)', () => {
  const policy = accessPolicy(dev.json);
  const notebookArns = ['arn:aws:sagemaker:us-west-2:111111111111:notebook-instance/research-dev'];

  test('is named after the stack and described', () => {
    expect(onlyResource(dev.json, IamPolicy).attributes).toMatchObject({
      name: 'sagemaker-privatelink-dev-us-west-2-notebook-access',
      description: expect.stringMatching(/VPC endpoints/),
    });
  });

  test('allows opening, describing, starting and stopping the notebooks only through the notebook and API endpoints of the handoff', () => {
    expect(statement(policy, 'OpenNotebooksThroughEndpoints')).toEqual({
      Sid: 'OpenNotebooksThroughEndpoints',
      Effect: 'Allow',
      Action: [PRESIGNED_URL, DESCRIBE, ...START_STOP],
      Resource: notebookArns,
      Condition: { StringEquals: { 'aws:SourceVpce': ENDPOINT_IDS } },
    });
  });

  test('denies Start and Stop outside those endpoints, with no exemption (the idle stop must not lock users out)', () => {
    expect(statement(policy, 'DenyStartStopOutsideEndpoints')).toEqual({
      Sid: 'DenyStartStopOutsideEndpoints',
      Effect: 'Deny',
      Action: START_STOP,
      Resource: notebookArns,
      Condition: { StringNotEquals: { 'aws:SourceVpce': ENDPOINT_IDS } },
    });
  });

  test('keeps the list-only action in a statement of its own, under the same condition', () => {
    expect(statement(policy, 'ListNotebooksThroughEndpoints')).toEqual({
      Sid: 'ListNotebooksThroughEndpoints',
      Effect: 'Allow',
      Action: LIST,
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceVpce': ENDPOINT_IDS } },
    });
  });

  test('denies the presigned URL explicitly from anywhere but the two endpoints', () => {
    expect(statement(policy, 'DenyPresignedUrlOutsideEndpoints')).toEqual({
      Sid: 'DenyPresignedUrlOutsideEndpoints',
      Effect: 'Deny',
      Action: PRESIGNED_URL,
      Resource: notebookArns,
      Condition: { StringNotEquals: { 'aws:SourceVpce': ENDPOINT_IDS } },
    });
  });

  test('denies describe and list outside the endpoints too, except when an AWS service calls for the user', () => {
    for (const sid of ['DenyNotebookActionsOutsideEndpoints', 'DenyListNotebooksOutsideEndpoints']) {
      expect(statement(policy, sid)).toMatchObject({
        Effect: 'Deny',
        Condition: { StringNotEquals: { 'aws:SourceVpce': ENDPOINT_IDS }, BoolIfExists: { 'aws:ViaAWSService': 'false' } },
      });
    }
  });

  test('every Allow is conditioned on the endpoints, and only the list action stands on "*"', () => {
    for (const allow of policy.Statement.filter((candidate) => candidate.Effect === 'Allow')) {
      expect([allow.Sid, Object.keys(allow.Condition ?? {})]).toEqual([allow.Sid, ['StringEquals']]);
      if (asList(allow.Resource).includes('*')) expect([allow.Sid, asList(allow.Action)]).toEqual([allow.Sid, [LIST]]);
    }
  });

  test('names the notebooks of the stack region, lower-cased, every one of them', () => {
    expect(statement(accessPolicy(prodEu.json), 'OpenNotebooksThroughEndpoints').Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:333333333333:notebook-instance/analytics-prod',
      'arn:aws:sagemaker:eu-west-1:333333333333:notebook-instance/analytics-prod-gpu',
    ]);
    const mixed = synthSagemaker(testTarget({ sagemaker: { notebooks: [{ name: 'Research-Dev' }], access: { assumeRoleArns: [DEV_ROLE_ARN] } } }));
    expect(statement(accessPolicy(mixed.json), 'OpenNotebooksThroughEndpoints').Resource).toEqual(notebookArns);
    expect(statement(accessPolicy(mixed.json), 'DenyPresignedUrlOutsideEndpoints').Resource).toEqual(notebookArns);
  });

  test('mode: sourceVpce written out is the default', () => {
    expect(withAccess({ mode: 'sourceVpce', assumeRoleArns: [DEV_ROLE_ARN] }).text).toBe(withAccess({ assumeRoleArns: [DEV_ROLE_ARN] }).text);
  });
});

describe('NotebookAccess: managed policy, sourceVpc mode', () => {
  const policy = accessPolicy(staging.json);

  test('conditions the Allows on the VPC of the handoff, and the Deny on leaving it', () => {
    expect(statement(policy, 'OpenNotebooksThroughEndpoints').Condition).toEqual({ StringEquals: { 'aws:SourceVpc': [networkOutput('vpc_id')] } });
    expect(statement(policy, 'ListNotebooksThroughEndpoints')).toMatchObject({
      Action: LIST,
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceVpc': [networkOutput('vpc_id')] } },
    });
    expect(statement(policy, 'DenyPresignedUrlOutsideEndpoints')).toMatchObject({
      Effect: 'Deny',
      Action: PRESIGNED_URL,
      Condition: { StringNotEquals: { 'aws:SourceVpc': [networkOutput('vpc_id')] } },
    });
  });

  test('does not speak of endpoint ids at all', () => {
    const text = onlyResource(staging.json, IamPolicy).attributes['policy'];
    expect(text).not.toContain('aws:SourceVpce');
    expect(text).not.toContain('endpoint_id');
  });
});

describe('NotebookAccess: scope all', () => {
  const policy = accessPolicy(withAccess({ scope: 'all', assumeRoleArns: [DEV_ROLE_ARN] }).json);

  test('allows every SageMaker action on the notebooks, only through the endpoints, and denies it elsewhere', () => {
    expect(statement(policy, 'AllSageMakerOnNotebooksThroughEndpoints')).toEqual({
      Sid: 'AllSageMakerOnNotebooksThroughEndpoints',
      Effect: 'Allow',
      Action: ['sagemaker:*'],
      Resource: ['arn:aws:sagemaker:us-west-2:111111111111:notebook-instance/research-dev'],
      Condition: { StringEquals: { 'aws:SourceVpce': ENDPOINT_IDS } },
    });
    expect(statement(policy, 'DenyNotebookActionsOutsideEndpoints')).toMatchObject({ Effect: 'Deny', Action: ['sagemaker:*'] });
    expect(statement(policy, 'DenyPresignedUrlOutsideEndpoints')).toMatchObject({ Effect: 'Deny', Action: PRESIGNED_URL });
  });

  test('the default scope names the notebook actions only', () => {
    expect(accessPolicy(dev.json).Statement.flatMap((s) => asList(s.Action))).not.toContain('sagemaker:*');
  });
});

describe('NotebookAccess: group and role', () => {
  test('the group and the role both carry the policy, and only it', () => {
    const policyArn = ref(IamPolicy, onlyResource(dev.json, IamPolicy).id, 'arn');
    const group = onlyResource(dev.json, IamGroup);
    const role = userRole(dev.json);
    expect(group.attributes['name']).toBe('sagemaker-privatelink-dev-us-west-2-notebook-users');
    expect(entriesOf(dev.json, IamGroupPolicyAttachment).map(([, a]) => a)).toEqual([
      { group: ref(IamGroup, group.id, 'name'), policy_arn: policyArn },
    ]);
    expect(entriesOf(dev.json, IamRolePolicyAttachment).map(([, a]) => a)).toEqual([{ role: ref(IamRole, role.id, 'name'), policy_arn: policyArn }]);
    expect(entriesOf(dev.json, 'aws_iam_group_policy')).toEqual([]);
  });

  test('the role is named after the stack, described, with one-hour sessions', () => {
    expect(userRole(dev.json).attributes).toMatchObject({
      name: 'sagemaker-privatelink-dev-us-west-2-notebook-user',
      description: expect.stringMatching(/PrivateLink/),
      max_session_duration: 3600,
    });
  });

  test('its trust names exactly the configured roles', () => {
    expect(userTrust(dev.json).Statement).toEqual([
      { Sid: 'NamedRolesAssume', Effect: 'Allow', Principal: { AWS: [DEV_ROLE_ARN] }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('its trust names exactly the configured SAML providers, for AWS sign-in only', () => {
    expect(userTrust(staging.json).Statement).toEqual([
      {
        Sid: 'SamlUsersAssumeThroughAwsSignIn',
        Effect: 'Allow',
        Principal: { Federated: [STAGING_SAML_PROVIDER_ARN] },
        Action: 'sts:AssumeRoleWithSAML',
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      },
    ]);
  });

  test('roles and SAML providers together: one statement each, in config order', () => {
    const roles = [DEV_ROLE_ARN, 'arn:aws:iam::111111111111:role/DataScientist'];
    const providers = ['arn:aws:iam::111111111111:saml-provider/corp-idp', 'arn:aws:iam::111111111111:saml-provider/partner.idp'];
    const trust = userTrust(withAccess({ assumeRoleArns: roles, samlProviderArns: providers }).json);
    expect(trust.Statement.map((s) => s.Principal)).toEqual([{ AWS: roles }, { Federated: providers }]);
  });

  test.each([
    ['the whole account by root ARN', 'arn:aws:iam::111111111111:root', 'must be an IAM role ARN'],
    ['a wildcard', '*', 'must be an IAM role ARN'],
    ['a role pattern', 'arn:aws:iam::111111111111:role/*', 'must be an IAM role ARN'],
  ])('the config refuses %s as a role that may assume it', (_name, arn, message) => {
    expect(() => withAccess({ assumeRoleArns: [arn] })).toThrow(message);
  });

  test('the config refuses notebooks that nobody may open', () => {
    expect(() => withAccess({})).toThrow(
      'names nobody who may open the notebooks; list assumeRoleArns, identityCenterPermissionSets or samlProviderArns',
    );
  });

  test('Identity Center permission sets: the account root, narrowed to their roles by ArnLike aws:PrincipalArn', () => {
    const access = withAccess({ identityCenterPermissionSets: ['MLEngineer'] });
    const sso = 'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com';
    expect(userTrust(access.json).Statement).toEqual([
      {
        Sid: 'IdentityCenterPermissionSetsAssume',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'sts:AssumeRole',
        Condition: { ArnLike: { 'aws:PrincipalArn': [`${sso}/*/AWSReservedSSO_MLEngineer_*`, `${sso}/AWSReservedSSO_MLEngineer_*`] } },
      },
    ]);
  });

  test('a permission-set trust passes the rule pack with no suppression: iam-trust-narrow judges the root + aws:PrincipalArn form', () => {
    const target = testTarget({ sagemaker: { notebooks: [{ name: 'research-dev' }], access: { identityCenterPermissionSets: ['MLEngineer'] } } });
    const stack = synthStack('sagemaker-dev-us-west-2', JSON.parse(synthToFiles([target], 'sagemaker-dev-us-west-2').stackJson) as JsonObject);
    const report = checkStack(stack, [iamTrustNarrow]);
    expect(report.findings).toEqual([]);
    expect(report.suppressions).toEqual([]);
    expect(evaluateRule(iamTrustNarrow, stack).map((verdict) => [verdict.address, verdict.result.status])).toContainEqual([
      expect.stringMatching(/^aws_iam_role\.access_role_/),
      'compliant',
    ]);
  });

  test('the trust never names *, an account or an account root, whatever the fixture', () => {
    for (const { json } of [dev, staging, prodEu, synthSagemaker(prodPrimaryTarget)]) {
      const principals = userTrust(json).Statement.flatMap((s) => Object.values(s.Principal as Record<string, unknown>).flatMap(asList));
      expect(principals.length).toBeGreaterThan(0);
      expect(principals.filter((p) => p === '*' || /^(\d{12}|arn:aws:iam::\d{12}:root)$/.test(String(p)))).toEqual([]);
    }
  });

  test('the access resources are per region: the second region has its own names', () => {
    expect(userRole(prodEu.json).attributes['name']).toBe('sagemaker-privatelink-prod-eu-west-1-notebook-user');
    expect(resourceWhere(prodEu.json, IamGroup, 'name', 'sagemaker-privatelink-prod-eu-west-1-notebook-users')).toBeDefined();
  });
});
