import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SCP_MAX_CHARACTERS } from '@privatelink/policies';
import { App } from 'cdktf';
import { addOrganizationStack } from './index';
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
  synthOrganization,
  synthSagemaker,
  testTarget,
  testTargets,
  type SynthesizedStack,
} from './testing';

const prodTargetsDefault = prodTargets();
const prod = synthOrganization(prodTargetsDefault);

const SCP_SETTINGS = {
  managementAccountId: MANAGEMENT_ACCOUNT_ID,
  managementRoleArn: MANAGEMENT_ROLE_ARN,
  breakGlassPrincipalArns: [BREAK_GLASS_ARN],
};

const scpContent = (json: SynthesizedStack) => parsePolicy(onlyResource(json, OrganizationsPolicy).attributes['content']);
const us = (output: string) => networkOutput(output, 'network-us-west-2');
const eu = (output: string) => networkOutput(output, 'network-eu-west-1');

describe('OrganizationStack: off unless enabled', () => {
  test.each([
    ['dev (no scp section)', [testTarget()]],
    ['staging-like', [stagingTarget()]],
    ['no notebooks', [noNotebooksTarget()]],
    ['enabled: false', prodTargets({ scp: { enabled: false } })],
    ['an scp section without enabled (it defaults to false)', [testTarget({ sagemaker: { notebooks: [], scp: SCP_SETTINGS } })]],
  ])('%s: no organization stack', (_name, targets) => {
    expect(addOrganizationStack(new App(), targets)).toBeUndefined();
  });

  test('no SageMaker stack carries the SCP or a second provider, even where it is enabled', () => {
    for (const target of prodTargetsDefault) {
      const { json } = synthSagemaker(target);
      expect(resourceTypes(json).filter((type) => type.startsWith('aws_organizations_'))).toEqual([]);
      expect(json.provider?.['aws']?.map((provider) => provider['alias'])).toEqual([undefined]);
    }
  });
});

describe('OrganizationStack: enabled', () => {
  test('is one stack per environment, sagemaker-<env>-organization', () => {
    expect(prod.stack.node.id).toBe('sagemaker-prod-organization');
  });

  test("its one provider works in the management account through the configured role, in the environment's first region", () => {
    expect(prod.json.provider?.['aws']).toHaveLength(1);
    expect(prod.text).toHaveProviderWithProperties(AwsProvider, {
      region: 'us-west-2',
      allowed_account_ids: [MANAGEMENT_ACCOUNT_ID],
      assume_role: [{ role_arn: MANAGEMENT_ROLE_ARN, session_name: 'sagemaker-privatelink-scp' }],
      default_tags: [
        { tags: { 'cost-center': 'ml-platform', project: 'sagemaker-privatelink', environment: 'prod', 'managed-by': 'cdktf' } },
      ],
    });
    expect(JSON.stringify(prod.json.provider)).not.toContain(PROD_ACCOUNT_ID);
  });

  test('the SCP is a service control policy named for the environment', () => {
    expect(onlyResource(prod.json, OrganizationsPolicy).attributes).toEqual({
      name: 'sagemaker-privatelink-prod-notebook-guard',
      description: expect.stringMatching(/PrivateLink/),
      type: 'SERVICE_CONTROL_POLICY',
      content: expect.any(String),
    });
  });

  test('it reads one network state per region, and records each read so the stack deploys after every network stack', () => {
    expect(prod.json.data?.['terraform_remote_state']).toEqual({
      'network-us-west-2': { backend: 'local', config: { path: '../../../terraform.network-prod-us-west-2.tfstate' } },
      'network-eu-west-1': { backend: 'local', config: { path: '../../../terraform.network-prod-eu-west-1.tfstate' } },
    });
    expect(prod.stack.stateReads).toEqual(['network-prod-us-west-2', 'network-prod-eu-west-1']);
  });

  test('it denies the presigned URL outside the API and notebook endpoints of every region of the environment', () => {
    expect(statement(scpContent(prod.json), 'DenyPresignedNotebookUrlOutsideEndpoints')).toEqual({
      Sid: 'DenyPresignedNotebookUrlOutsideEndpoints',
      Effect: 'Deny',
      Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
      Resource: '*',
      Condition: {
        StringNotEquals: {
          'aws:SourceVpce': [us('api_endpoint_id'), us('notebook_endpoint_id'), eu('api_endpoint_id'), eu('notebook_endpoint_id')],
        },
        ArnNotEquals: { 'aws:PrincipalArn': [BREAK_GLASS_ARN] },
      },
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

  test("it is attached to the environment's account by default", () => {
    expect(entriesOf(prod.json, OrganizationsPolicyAttachment).map(([, a]) => a)).toEqual([
      { policy_id: ref(OrganizationsPolicy, onlyResource(prod.json, OrganizationsPolicy).id), target_id: PROD_ACCOUNT_ID },
    ]);
  });

  test.each([['ou-ab12-cdef3456'], ['r-ab12'], ['444444444444']])('targetId %s is where it is attached', (targetId) => {
    expect(onlyResource(synthOrganization(prodTargets({ scp: { targetId } })).json, OrganizationsPolicyAttachment).attributes['target_id']).toBe(
      targetId,
    );
  });

  test('several break-glass roles are all exempt, and all protected', () => {
    const roles = [BREAK_GLASS_ARN, 'arn:aws:iam::333333333333:role/ops/OrgBreakGlass'];
    const content = scpContent(synthOrganization(prodTargets({ scp: { breakGlassPrincipalArns: roles } })).json);
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

  test('the allowed lifecycle ARNs are those the SageMaker stack creates, names lower-cased', () => {
    const targets = testTargets({
      sagemaker: {
        notebooks: [{ name: 'Research-Dev', idleStopMinutes: 30 }, { name: 'always-on' }],
        access: { identityCenterPermissionSets: ['MLEngineer'] },
        scp: { enabled: true, ...SCP_SETTINGS },
      },
    });
    const created = entriesOf(synthSagemaker(targets[0]).json, 'aws_sagemaker_notebook_instance_lifecycle_configuration').map(([, c]) => c['name']);
    expect(created).toEqual(['Research-Dev-idle-stop']);
    expect(
      statement(scpContent(synthOrganization(targets).json), 'DenyForeignLifecycleConfig').Condition?.['ForAnyValue:ArnNotEquals']?.[
        'sagemaker:NotebookInstanceLifecycleConfigArns'
      ],
    ).toEqual(['arn:aws:sagemaker:us-west-2:111111111111:notebook-instance-lifecycle-config/research-dev-idle-stop']);
  });

  test('the VPC egress guard is on by default and off when the config says so', () => {
    expect(scpContent(prod.json).Statement.map((s) => s.Sid)).toContain('DenyWaysOutOfTheVpc');
    const off = synthOrganization(prodTargets({ scp: { enableVpcEgressGuard: false } }));
    expect(scpContent(off.json).Statement.map((s) => s.Sid)).not.toContain('DenyWaysOutOfTheVpc');
  });

  test('it does not need notebooks in the environment', () => {
    const targets = testTargets({ sagemaker: { scp: { enabled: true, ...SCP_SETTINGS } } });
    expect(entriesOf(synthOrganization(targets).json, OrganizationsPolicy)).toHaveLength(1);
  });

  test('the provider region and the endpoint order follow the config order of the regions, not the alphabet', () => {
    const targets = testTargets({
      environmentName: 'prod',
      environment: { accountId: PROD_ACCOUNT_ID },
      sagemaker: { scp: { enabled: true, ...SCP_SETTINGS } },
      regions: { 'eu-west-1': EU_REGION, 'us-west-2': { vpcCidr: '10.10.0.0/16', availabilityZones: ['us-west-2a', 'us-west-2b'] } },
    });
    const { json } = synthOrganization(targets);
    expect(json.provider?.['aws']?.[0]?.['region']).toBe('eu-west-1');
    const ids = asList(statement(scpContent(json), 'DenyPresignedNotebookUrlOutsideEndpoints').Condition?.['StringNotEquals']?.['aws:SourceVpce']);
    expect(ids).toEqual([eu('api_endpoint_id'), eu('notebook_endpoint_id'), us('api_endpoint_id'), us('notebook_endpoint_id')]);
  });
});

describe('OrganizationStack: Terraform Cloud', () => {
  const cloud = synthOrganization(prodTargets({ processEnv: { TFC_ORGANIZATION: 'acme-ml' } }));

  test("reads each region's handoff from that region's network workspace", () => {
    const remote = (workspace: string) => ({
      backend: 'remote',
      config: { hostname: 'app.terraform.io', organization: 'acme-ml', workspaces: { name: workspace } },
    });
    expect(cloud.json.data?.['terraform_remote_state']).toEqual({
      'network-us-west-2': remote('smpl-network-prod-us-west-2'),
      'network-eu-west-1': remote('smpl-network-prod-eu-west-1'),
    });
  });

  test('runs in a workspace of its own', () => {
    expect(cloud.json.terraform['cloud']).toMatchObject({ organization: 'acme-ml', workspaces: { name: 'smpl-sagemaker-prod-organization' } });
  });
});
