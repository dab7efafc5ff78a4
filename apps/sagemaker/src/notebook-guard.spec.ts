import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SCP_MAX_CHARACTERS } from '@privatelink/policies';
import {
  asList,
  BREAK_GLASS_ARN,
  entriesOf,
  EU_REGION,
  MANAGEMENT_ACCOUNT_ID,
  MANAGEMENT_ROLE_ARN,
  networkOutput,
  noNotebooksTarget,
  onlyResource,
  parsePolicy,
  PROD_ACCOUNT_ID,
  prodTargets,
  ref,
  resourceTypes,
  stagingTarget,
  statement,
  synthSagemaker,
  testTarget,
  testTargets,
  type SynthesizedStack,
} from './testing';

const [prodPrimaryTarget, prodSecondTarget] = prodTargets();
const prod = synthSagemaker(prodPrimaryTarget);
const prodEu = synthSagemaker(prodSecondTarget);

const SCP_SETTINGS = {
  managementAccountId: MANAGEMENT_ACCOUNT_ID,
  managementRoleArn: MANAGEMENT_ROLE_ARN,
  breakGlassPrincipalArns: [BREAK_GLASS_ARN],
};

const scpContent = (json: SynthesizedStack) => parsePolicy(onlyResource(json, OrganizationsPolicy).attributes['content']);

function hasNoGuard(json: SynthesizedStack): void {
  expect(resourceTypes(json).filter((type) => type.startsWith('aws_organizations_'))).toEqual([]);
  expect(json.provider?.['aws']?.map((provider) => provider['alias'])).toEqual([undefined]);
}

describe('NotebookGuard: off unless enabled', () => {
  test.each([
    ['dev (no scp section)', testTarget()],
    ['staging-like', stagingTarget()],
    ['no notebooks', noNotebooksTarget()],
  ])('%s: no SCP, no organization provider', (_name, target) => {
    hasNoGuard(synthSagemaker(target).json);
  });

  test('an scp section with enabled: false creates nothing', () => {
    const [primary] = prodTargets({ scp: { enabled: false } });
    hasNoGuard(synthSagemaker(primary).json);
  });

  test('an scp section without enabled creates nothing (enabled defaults to false)', () => {
    const target = testTarget({ sagemaker: { notebooks: [], scp: SCP_SETTINGS } });
    expect(target.environment.sagemaker.scp?.enabled).toBe(false);
    hasNoGuard(synthSagemaker(target).json);
  });
});

describe("NotebookGuard: enabled, in the environment's first region", () => {
  test('a second AWS provider, aliased organization, assumes the role in the management account', () => {
    const providers = prod.json.provider?.['aws'] ?? [];
    expect(providers).toHaveLength(2);
    expect(providers.find((provider) => provider['alias'] === undefined)?.['allowed_account_ids']).toEqual([PROD_ACCOUNT_ID]);
    expect(prod.text).toHaveProviderWithProperties(AwsProvider, {
      alias: 'organization',
      region: 'us-west-2',
      allowed_account_ids: [MANAGEMENT_ACCOUNT_ID],
      assume_role: [{ role_arn: MANAGEMENT_ROLE_ARN, session_name: 'sagemaker-privatelink-scp' }],
      default_tags: [
        { tags: { 'cost-center': 'ml-platform', project: 'sagemaker-privatelink', environment: 'prod', 'managed-by': 'cdktf' } },
      ],
    });
  });

  test('the SCP is a service control policy of the environment, managed through that provider', () => {
    expect(onlyResource(prod.json, OrganizationsPolicy).attributes).toEqual({
      provider: 'aws.organization',
      name: 'sagemaker-privatelink-prod-notebook-guard',
      description: expect.stringMatching(/PrivateLink/),
      type: 'SERVICE_CONTROL_POLICY',
      content: expect.any(String),
    });
  });

  test('it denies the presigned URL outside the API and notebook endpoints of every region of the environment', () => {
    expect(statement(scpContent(prod.json), 'DenyPresignedNotebookUrlOutsideEndpoints')).toEqual({
      Sid: 'DenyPresignedNotebookUrlOutsideEndpoints',
      Effect: 'Deny',
      Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
      Resource: '*',
      Condition: {
        StringNotEquals: {
          'aws:SourceVpce': [
            networkOutput('api_endpoint_id'),
            networkOutput('notebook_endpoint_id'),
            networkOutput('api_endpoint_id', 'network-eu-west-1'),
            networkOutput('notebook_endpoint_id', 'network-eu-west-1'),
          ],
        },
        ArnNotEquals: { 'aws:PrincipalArn': [BREAK_GLASS_ARN] },
      },
    });
  });

  test('it reads one network state per region of the environment', () => {
    expect(prod.json.data?.['terraform_remote_state']).toEqual({
      network: { backend: 'local', config: { path: '../../../terraform.network-prod-us-west-2.tfstate' } },
      'network-eu-west-1': { backend: 'local', config: { path: '../../../terraform.network-prod-eu-west-1.tfstate' } },
    });
  });

  test('every statement is a Deny that exempts the break-glass principals, and the document fits the quota', () => {
    const content = scpContent(prod.json);
    expect(content.Statement.map((s) => s.Sid)).toEqual([
      'DenyPresignedNotebookUrlOutsideEndpoints',
      'DenyNotebookWithDirectInternetAccess',
      'DenyNotebookWithRootAccess',
      'DenyEnablingNotebookRootAccess',
      'DenyNotebookOutsideVpc',
      'DenyNotebookWithImdsV1',
      'DenyDowngradingNotebookImds',
      'DenyNotebookWithoutVolumeKey',
      'DenyForeignLifecycleConfig',
      'ProtectBreakGlassRoles',
      'DenyWaysOutOfTheVpc',
    ]);
    for (const candidate of content.Statement) {
      expect([candidate.Sid, candidate.Effect, candidate.Condition?.['ArnNotEquals']]).toEqual([
        candidate.Sid,
        'Deny',
        { 'aws:PrincipalArn': [BREAK_GLASS_ARN] },
      ]);
    }
    expect(String(onlyResource(prod.json, OrganizationsPolicy).attributes['content']).length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
  });

  test('it forbids notebooks with internet, with root, with IMDSv1, without a volume key or outside a VPC', () => {
    const content = scpContent(prod.json);
    expect(statement(content, 'DenyNotebookWithDirectInternetAccess').Condition?.['StringNotEquals']).toEqual({
      'sagemaker:DirectInternetAccess': 'Disabled',
    });
    expect(statement(content, 'DenyNotebookWithRootAccess').Condition?.['StringNotEquals']).toEqual({ 'sagemaker:RootAccess': 'Disabled' });
    expect(statement(content, 'DenyNotebookOutsideVpc').Condition?.['Null']).toEqual({ 'sagemaker:VpcSubnets': 'true' });
    expect(statement(content, 'DenyNotebookWithImdsV1').Condition?.['StringNotEquals']).toEqual({
      'sagemaker:MinimumInstanceMetadataServiceVersion': '2',
    });
    expect(statement(content, 'DenyNotebookWithoutVolumeKey').Condition?.['Null']).toEqual({ 'sagemaker:VolumeKmsKeyArn': 'true' });
  });

  test("it is attached, through the same provider, to the environment's account by default", () => {
    expect(entriesOf(prod.json, OrganizationsPolicyAttachment).map(([, a]) => a)).toEqual([
      {
        provider: 'aws.organization',
        policy_id: ref(OrganizationsPolicy, onlyResource(prod.json, OrganizationsPolicy).id),
        target_id: PROD_ACCOUNT_ID,
      },
    ]);
  });

  test.each([['ou-ab12-cdef3456'], ['r-ab12'], ['444444444444']])('targetId %s is where it is attached', (targetId) => {
    const [primary] = prodTargets({ scp: { targetId } });
    expect(onlyResource(synthSagemaker(primary).json, OrganizationsPolicyAttachment).attributes['target_id']).toBe(targetId);
  });

  test('several break-glass roles are all exempt, and all protected', () => {
    const roles = [BREAK_GLASS_ARN, 'arn:aws:iam::333333333333:role/ops/OrgBreakGlass'];
    const [primary] = prodTargets({ scp: { breakGlassPrincipalArns: roles } });
    const content = scpContent(synthSagemaker(primary).json);
    for (const candidate of content.Statement) {
      expect(candidate.Condition?.['ArnNotEquals']).toEqual({ 'aws:PrincipalArn': roles });
    }
    expect(statement(content, 'ProtectBreakGlassRoles').Resource).toEqual(roles);
  });

  test('the config refuses a break-glass role pattern', () => {
    expect(() => prodTargets({ scp: { breakGlassPrincipalArns: ['arn:aws:iam::*:role/OrgBreakGlass*'] } })).toThrow(
      'breakGlassPrincipalArns[0]: must be the exact ARN of an IAM role (arn:aws:iam::<12-digit account>:role/<name>), without wildcards',
    );
  });

  test('it allows the idle-stop lifecycle configurations of every region of the environment, and no other', () => {
    const lifecycle = (region: string) =>
      `arn:aws:sagemaker:${region}:${PROD_ACCOUNT_ID}:notebook-instance-lifecycle-config/analytics-prod-idle-stop`;
    expect(statement(scpContent(prod.json), 'DenyForeignLifecycleConfig')).toEqual({
      Sid: 'DenyForeignLifecycleConfig',
      Effect: 'Deny',
      Action: ['sagemaker:CreateNotebookInstance', 'sagemaker:UpdateNotebookInstance'],
      Resource: '*',
      Condition: {
        'ForAnyValue:ArnNotEquals': {
          'sagemaker:NotebookInstanceLifecycleConfigArns': [lifecycle('us-west-2'), lifecycle('eu-west-1')],
        },
        ArnNotEquals: { 'aws:PrincipalArn': [BREAK_GLASS_ARN] },
      },
    });
  });

  test('the allowed lifecycle ARNs are those the fleet creates, names lower-cased', () => {
    const [primary] = testTargets({
      sagemaker: {
        notebooks: [{ name: 'Research-Dev', idleStopMinutes: 30 }, { name: 'always-on' }],
        access: { identityCenterPermissionSets: ['MLEngineer'] },
        scp: { enabled: true, ...SCP_SETTINGS },
      },
    });
    const synthesized = synthSagemaker(primary);
    const created = entriesOf(synthesized.json, 'aws_sagemaker_notebook_instance_lifecycle_configuration').map(([, c]) => c['name']);
    expect(created).toEqual(['Research-Dev-idle-stop']);
    expect(
      statement(scpContent(synthesized.json), 'DenyForeignLifecycleConfig').Condition?.['ForAnyValue:ArnNotEquals']?.[
        'sagemaker:NotebookInstanceLifecycleConfigArns'
      ],
    ).toEqual(['arn:aws:sagemaker:us-west-2:111111111111:notebook-instance-lifecycle-config/research-dev-idle-stop']);
  });

  test('the VPC egress guard is on by default and off when the config says so', () => {
    expect(scpContent(prod.json).Statement.map((s) => s.Sid)).toContain('DenyWaysOutOfTheVpc');
    const [primary] = prodTargets({ scp: { enableVpcEgressGuard: false } });
    expect(scpContent(synthSagemaker(primary).json).Statement.map((s) => s.Sid)).not.toContain('DenyWaysOutOfTheVpc');
  });

  test('the guard does not depend on notebooks in the stack', () => {
    const [primary] = testTargets({ sagemaker: { scp: { enabled: true, ...SCP_SETTINGS } } });
    expect(entriesOf(synthSagemaker(primary).json, OrganizationsPolicy)).toHaveLength(1);
  });
});

describe('NotebookGuard: other regions of the environment', () => {
  test('the second region carries no SCP, no organization provider and reads only its own network', () => {
    hasNoGuard(prodEu.json);
    expect(Object.keys(prodEu.json.data?.['terraform_remote_state'] ?? {})).toEqual(['network']);
  });

  test('"first" is the first region in config order, not alphabetical', () => {
    const [euFirst, usSecond] = testTargets({
      environmentName: 'prod',
      environment: { accountId: PROD_ACCOUNT_ID },
      sagemaker: { scp: { enabled: true, ...SCP_SETTINGS } },
      regions: { 'eu-west-1': EU_REGION, 'us-west-2': { vpcCidr: '10.10.0.0/16', availabilityZones: ['us-west-2a', 'us-west-2b'] } },
    });
    expect([euFirst.region.region, usSecond.region.region]).toEqual(['eu-west-1', 'us-west-2']);
    const guarded = synthSagemaker(euFirst).json;
    hasNoGuard(synthSagemaker(usSecond).json);
    expect(entriesOf(guarded, OrganizationsPolicy)).toHaveLength(1);
    const ids = asList(statement(scpContent(guarded), 'DenyPresignedNotebookUrlOutsideEndpoints').Condition?.['StringNotEquals']?.['aws:SourceVpce']);
    expect(ids).toEqual([
      networkOutput('api_endpoint_id'),
      networkOutput('notebook_endpoint_id'),
      networkOutput('api_endpoint_id', 'network-us-west-2'),
      networkOutput('notebook_endpoint_id', 'network-us-west-2'),
    ]);
  });

  test('a one-region environment lists the endpoints of that region only', () => {
    const [only] = testTargets({ sagemaker: { scp: { enabled: true, ...SCP_SETTINGS } } });
    const ids = statement(scpContent(synthSagemaker(only).json), 'DenyPresignedNotebookUrlOutsideEndpoints').Condition?.['StringNotEquals']?.[
      'aws:SourceVpce'
    ];
    expect(ids).toEqual([networkOutput('api_endpoint_id'), networkOutput('notebook_endpoint_id')]);
  });
});

describe('NotebookGuard: Terraform Cloud', () => {
  test("each region's handoff is read from that region's network workspace", () => {
    const [primary] = prodTargets({ processEnv: { TFC_ORGANIZATION: 'acme-ml' } });
    const remote = (workspace: string) => ({
      backend: 'remote',
      config: { hostname: 'app.terraform.io', organization: 'acme-ml', workspaces: { name: workspace } },
    });
    expect(synthSagemaker(primary).json.data?.['terraform_remote_state']).toEqual({
      network: remote('smpl-network-prod-us-west-2'),
      'network-eu-west-1': remote('smpl-network-prod-eu-west-1'),
    });
  });
});
