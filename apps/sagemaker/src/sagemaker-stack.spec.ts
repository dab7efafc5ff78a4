import { posix, resolve } from 'node:path';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SagemakerNotebookInstance } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { deploymentTargets, loadConfig, type DeploymentTarget } from '@privatelink/config';
import {
  absolutePathsIn,
  DEV_ROLE_ARN,
  entriesOf,
  noNotebooksTarget,
  onlyResource,
  prodTargets,
  ref,
  resourceTypes,
  resourceWhere,
  stagingTarget,
  synthSagemaker,
  synthToFiles,
  testTarget,
  testTargets,
  packFindings,
} from './testing';

const dev = synthSagemaker(testTarget());
const staging = synthSagemaker(stagingTarget());
const [prodPrimaryTarget, prodSecondTarget] = prodTargets();
const prod = synthSagemaker(prodPrimaryTarget);
const prodEu = synthSagemaker(prodSecondTarget);
const empty = synthSagemaker(noNotebooksTarget());

/** The stacks main.ts builds from the real config file, read by absolute path so a leak would show. */
const configuredTargets = deploymentTargets(loadConfig(resolve(__dirname, '../../../config/environments.yaml')));

const fixtures: [string, DeploymentTarget][] = [
  ['dev', testTarget()],
  ['staging-like', stagingTarget()],
  ['prod-like us-west-2', prodPrimaryTarget],
  ['prod-like eu-west-1', prodSecondTarget],
  ['no notebooks', noNotebooksTarget()],
  ...configuredTargets.map((target): [string, DeploymentTarget] => [
    `config/environments.yaml ${target.environment.name}/${target.region.region}`,
    target,
  ]),
];

describe('SagemakerStack: identity, provider and backend', () => {
  test.each([
    [testTarget(), 'sagemaker-dev-us-west-2'],
    [stagingTarget(), 'sagemaker-staging-us-west-2'],
    [prodSecondTarget, 'sagemaker-prod-eu-west-1'],
  ])('stack id is sagemaker-<env>-<region>: %#', (target, id) => {
    expect(synthSagemaker(target).stack.node.id).toBe(id);
  });

  test('one AWS provider pinned to the region and the environment account, with the default tags', () => {
    expect(dev.json.provider?.['aws']).toEqual([
      {
        region: 'us-west-2',
        allowed_account_ids: ['111111111111'],
        default_tags: [
          { tags: { 'cost-center': 'ml-platform', project: 'sagemaker-privatelink', environment: 'dev', 'managed-by': 'cdktf' } },
        ],
      },
    ]);
  });

  test("the second region's provider is pinned to that region and the same account", () => {
    expect(prodEu.text).toHaveProviderWithProperties(AwsProvider, {
      region: 'eu-west-1',
      allowed_account_ids: ['333333333333'],
      default_tags: [
        { tags: { 'cost-center': 'ml-platform', project: 'sagemaker-privatelink', environment: 'prod', 'managed-by': 'cdktf' } },
      ],
    });
    expect(prodEu.json.provider?.['aws']).toHaveLength(1);
  });

  test('the backend is local, at a path relative to the stack folder, with no Terraform Cloud block', () => {
    expect(dev.json.terraform.backend).toEqual({ local: { path: '../../../terraform.sagemaker-dev-us-west-2.tfstate' } });
    expect(prodEu.json.terraform.backend).toEqual({ local: { path: '../../../terraform.sagemaker-prod-eu-west-1.tfstate' } });
    expect(dev.json.terraform.cloud).toBeUndefined();
  });

  test("the network handoff is read from the network stack's local state, by a relative path", () => {
    expect(dev.json.data?.['terraform_remote_state']).toEqual({
      network: { backend: 'local', config: { path: '../../../terraform.network-dev-us-west-2.tfstate' } },
    });
    expect(prodEu.json.data?.['terraform_remote_state']).toEqual({
      network: { backend: 'local', config: { path: '../../../terraform.network-prod-eu-west-1.tfstate' } },
    });
  });

  test('from the stack working directory in the manifest, both state files sit at the repository root', () => {
    const { manifest } = synthToFiles([testTarget()], 'sagemaker-dev-us-west-2');
    const { workingDirectory } = (JSON.parse(manifest) as { stacks: Record<string, { workingDirectory: string }> }).stacks[
      'sagemaker-dev-us-west-2'
    ];
    const atRoot = (path: unknown) => posix.normalize(posix.join('cdktf.out', workingDirectory, String(path)));
    expect(atRoot(dev.json.terraform.backend?.['local']?.['path'])).toBe('terraform.sagemaker-dev-us-west-2.tfstate');
    expect(atRoot(dev.json.data?.['terraform_remote_state']?.['network']?.['config']?.['path' as never])).toBe(
      'terraform.network-dev-us-west-2.tfstate',
    );
  });

  test('everything the stack knows of the network comes through the handoff, never as a literal id', () => {
    const references = dev.text.match(/data\.terraform_remote_state\.[\w-]+/g) ?? [];
    expect(new Set(references)).toEqual(new Set(['data.terraform_remote_state.network']));
    expect(dev.text).not.toMatch(/"(vpc|subnet|sg|vpce|pl)-[0-9a-f]{8,}"/);
  });
});

describe('SagemakerStack: Terraform Cloud', () => {
  const tfc = synthSagemaker(testTarget({ processEnv: { TFC_ORGANIZATION: 'acme-ml' } }));

  test('TFC_ORGANIZATION puts the stack in its own workspace of the project, with no local backend', () => {
    expect(tfc.json.terraform.cloud).toEqual({
      hostname: 'app.terraform.io',
      organization: 'acme-ml',
      workspaces: { name: 'smpl-sagemaker-dev-us-west-2', project: 'sagemaker-privatelink' },
    });
    expect(tfc.json.terraform.backend).toBeUndefined();
    expect(tfc.text).not.toContain('.tfstate');
  });

  test("the handoff is read from the network stack's workspace", () => {
    expect(tfc.json.data?.['terraform_remote_state']).toEqual({
      network: {
        backend: 'remote',
        config: { hostname: 'app.terraform.io', organization: 'acme-ml', workspaces: { name: 'smpl-network-dev-us-west-2' } },
      },
    });
  });

  test('the host, project and workspace prefix of the file are used for both workspaces', () => {
    const custom = synthSagemaker(
      testTarget({
        terraformCloud: { organization: 'acme-ml', hostname: 'tfe.example.com', project: 'ML Platform', workspacePrefix: 'ml' },
      }),
    );
    expect(custom.json.terraform.cloud).toEqual({
      hostname: 'tfe.example.com',
      organization: 'acme-ml',
      workspaces: { name: 'ml-sagemaker-dev-us-west-2', project: 'ML Platform' },
    });
    expect(custom.json.data?.['terraform_remote_state']?.['network']).toEqual({
      backend: 'remote',
      config: { hostname: 'tfe.example.com', organization: 'acme-ml', workspaces: { name: 'ml-network-dev-us-west-2' } },
    });
  });

  test('TFC_ORGANIZATION overrides the organization of the file', () => {
    const [target] = testTargets({ terraformCloud: { organization: 'from-file' }, processEnv: { TFC_ORGANIZATION: 'acme-ml' } });
    expect(synthSagemaker(target).json.terraform.cloud?.['organization']).toBe('acme-ml');
  });
});

describe('SagemakerStack: outputs', () => {
  test('a stack with notebooks has exactly the documented outputs', () => {
    const outputs = dev.json.output ?? {};
    expect(Object.keys(outputs).sort()).toEqual([
      'notebook_access_policy_arn',
      'notebook_arns',
      'notebook_names',
      'notebook_user_role_arn',
      'notebook_users_group_name',
      'presigned_url_commands',
    ]);
  });

  test.each(fixtures)('%s: every output has a description', (_name, target) => {
    for (const [name, output] of Object.entries(synthSagemaker(target).json.output ?? {})) {
      expect([name, typeof output.description === 'string' && output.description.trim().length > 10]).toEqual([name, true]);
    }
  });

  test('notebook_names lists the configured names, in config order', () => {
    expect(dev.json.output?.['notebook_names']?.value).toEqual(['research-dev']);
    expect(prod.json.output?.['notebook_names']?.value).toEqual(['analytics-prod', 'analytics-prod-gpu']);
    expect(prodEu.json.output?.['notebook_names']?.value).toEqual(['analytics-prod', 'analytics-prod-gpu']);
  });

  test('notebook_arns are regional ARNs of the account, with the names lower-cased', () => {
    const mixedCase = synthSagemaker(
      testTarget({ sagemaker: { notebooks: [{ name: 'Research-Dev' }, { name: 'ML2' }], access: { assumeRoleArns: [DEV_ROLE_ARN] } } }),
    );
    expect(mixedCase.json.output?.['notebook_names']?.value).toEqual(['Research-Dev', 'ML2']);
    expect(mixedCase.json.output?.['notebook_arns']?.value).toEqual([
      'arn:aws:sagemaker:us-west-2:111111111111:notebook-instance/research-dev',
      'arn:aws:sagemaker:us-west-2:111111111111:notebook-instance/ml2',
    ]);
    expect(prodEu.json.output?.['notebook_arns']?.value).toEqual([
      'arn:aws:sagemaker:eu-west-1:333333333333:notebook-instance/analytics-prod',
      'arn:aws:sagemaker:eu-west-1:333333333333:notebook-instance/analytics-prod-gpu',
    ]);
  });

  test.each([
    ['dev', dev, 'us-west-2', ['research-dev']],
    ['prod-like eu-west-1', prodEu, 'eu-west-1', ['analytics-prod', 'analytics-prod-gpu']],
  ])('%s: presigned_url_commands holds, per notebook, the CLI call through the API endpoint', (_name, { json }, region, names) => {
    const commands = json.output?.['presigned_url_commands']?.value as Record<string, string>;
    expect(Object.keys(commands)).toEqual(names);
    for (const name of names) {
      expect(commands[name]).toContain(
        `aws sagemaker create-presigned-notebook-instance-url --notebook-instance-name ${name} --region ${region} --endpoint-url https://`,
      );
      expect(commands[name]).toContain('data.terraform_remote_state.network.outputs.api_endpoint_dns_name');
    }
  });

  test('presigned_url_commands renders to the full command once Terraform joins the DNS name in', () => {
    const command = (dev.json.output?.['presigned_url_commands']?.value as Record<string, string>)['research-dev'];
    expect(command).toBe(
      '${join("", ["aws sagemaker create-presigned-notebook-instance-url --notebook-instance-name research-dev --region us-west-2 --endpoint-url https://", data.terraform_remote_state.network.outputs.api_endpoint_dns_name])}',
    );
  });

  test('notebook_user_role_arn, notebook_users_group_name and notebook_access_policy_arn point at the access resources', () => {
    const role = resourceWhere(dev.json, IamRole, 'name', 'sagemaker-privatelink-dev-us-west-2-notebook-user');
    expect(dev.json.output?.['notebook_user_role_arn']).toEqual({
      value: ref(IamRole, role.id, 'arn'),
      description: 'Role the configured principals assume to open the notebooks.',
    });
    expect(dev.json.output?.['notebook_users_group_name']?.value).toBe(ref(IamGroup, onlyResource(dev.json, IamGroup).id, 'name'));
    expect(dev.json.output?.['notebook_access_policy_arn']?.value).toBe(ref(IamPolicy, onlyResource(dev.json, IamPolicy).id, 'arn'));
  });
});

describe('SagemakerStack: no notebooks configured', () => {
  test('creates no resource at all', () => {
    expect(resourceTypes(empty.json)).toEqual([]);
    expect(entriesOf(empty.json, SagemakerNotebookInstance)).toEqual([]);
    expect(entriesOf(empty.json, IamRole)).toEqual([]);
  });

  test('still publishes the notebook outputs, empty, and no access outputs', () => {
    expect(empty.json.output).toEqual({
      notebook_names: { value: [], description: 'Names of the notebook instances in this region.' },
      notebook_arns: { value: [], description: 'ARNs of the notebook instances in this region.' },
      presigned_url_commands: {
        value: {},
        description: 'Per notebook, the AWS CLI command that gets a presigned URL through the SageMaker API endpoint.',
      },
    });
  });

  test('an empty notebooks list is the same as no sagemaker section', () => {
    const emptyList = synthSagemaker(testTarget({ sagemaker: { notebooks: [] } }));
    expect(emptyList.text).toBe(empty.text);
  });

  test('a protected environment without notebooks synthesizes too (nothing to protect)', () => {
    const bare = synthSagemaker(testTarget({ sagemaker: null, environment: { protected: true } }));
    expect(entriesOf(bare.json, KmsKey)).toEqual([]);
    expect(bare.text).not.toContain('prevent_destroy');
  });
});

describe('SagemakerStack: whole-stack rules', () => {
  test('the real config yields the stacks main.ts builds', () => {
    expect(configuredTargets.map(({ environment, region }) => `${environment.name}/${region.region}`)).toEqual([
      'dev/us-west-2',
      'staging/us-west-2',
      'prod/us-west-2',
      'prod/eu-west-1',
    ]);
  });

  test.each(fixtures)('%s: 0.0.0.0/0 and ::/0 appear nowhere', (_name, target) => {
    const { text } = synthSagemaker(target);
    expect(text).not.toContain('0.0.0.0/0');
    expect(text).not.toContain('::/0');
  });

  test.each(fixtures)('%s: the rule pack synth runs finds nothing (policies, keys, log groups, trust, attachments, groups)', (_name, target) => {
    const synthesized = synthSagemaker(target);
    expect(packFindings(synthesized)).toEqual([]);
    // With notebooks, the pack had keys and roles to judge.
    const judged = entriesOf(synthesized.json, KmsKey).length + entriesOf(synthesized.json, IamRole).length;
    expect(judged > 0).toBe(target.environment.sagemaker.notebooks.length > 0);
  });

  test.each(fixtures)('%s: security groups and egress rules are described; there is no ingress rule', (_name, target) => {
    const { json } = synthSagemaker(target);
    for (const [id, group] of entriesOf(json, SecurityGroup)) {
      expect([id, group['description']]).toEqual([id, expect.stringMatching(/\S/)]);
      expect([id, group['ingress'], group['egress']]).toEqual([id, undefined, undefined]);
    }
    for (const [id, rule] of entriesOf(json, 'aws_vpc_security_group_egress_rule')) {
      expect([id, rule['description']]).toEqual([id, expect.stringMatching(/\S/)]);
    }
    expect(entriesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(entriesOf(json, 'aws_security_group_rule')).toEqual([]);
  });

  test.each(fixtures)('%s: the synthesized JSON holds no absolute path', (_name, target) => {
    expect(absolutePathsIn(synthSagemaker(target).text)).toEqual([]);
  });

  test.each([
    ['dev', [testTarget()], 'sagemaker-dev-us-west-2'],
    ['prod-like, with the SCP', prodTargets(), 'sagemaker-prod-us-west-2'],
  ])('%s: the files a real synth writes hold no absolute path and are byte-identical when synthesized twice', (_name, targets, id) => {
    const first = synthToFiles(targets, id);
    const second = synthToFiles(targets, id);
    expect(absolutePathsIn(first.stackJson)).toEqual([]);
    expect(absolutePathsIn(first.manifest)).toEqual([]);
    expect(Buffer.from(second.stackJson).equals(Buffer.from(first.stackJson))).toBe(true);
    expect(second.stackJson).toBe(first.stackJson);
  });

  test("a stack names only its own environment, account and region, never another one's", () => {
    expect(staging.text).toContain('sagemaker-privatelink-staging-us-west-2');
    expect(staging.text).not.toMatch(/-dev-|-prod-|111111111111|333333333333/);
    expect(prodEu.text).toContain('sagemaker-privatelink-prod-eu-west-1');
    expect(prodEu.text).not.toMatch(/-dev-|-staging-|us-west-2/);
  });
});

describe('SagemakerStack: dev snapshot', () => {
  // The single intentional snapshot of the app. Update it on purpose (`jest -u`) and review the diff.
  test('the whole dev stack', () => {
    expect(dev.text).toMatchSnapshot();
  });
});
