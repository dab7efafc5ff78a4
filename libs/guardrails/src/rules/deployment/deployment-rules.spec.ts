import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  LocalBackend,
  NamedCloudWorkspace,
  TerraformStack,
  type App,
} from 'cdktf';
import { flowLogsTrustPolicy, policyDocument, renderPolicy } from '@privatelink/policies';
import { stateReads } from '../../state-reads';
import { expectedStackMessage, synthMessagesOf, synthTestApp } from '../../testing';
import { accountWideNamesUnique } from './account-wide-names-unique';
import { remoteStateDependency } from './remote-state-dependency';

const ACCOUNT = '111122223333';
const trust = renderPolicy(flowLogsTrustPolicy({ accountId: ACCOUNT, region: 'us-west-2' }));
const policy = renderPolicy(policyDocument({ Sid: 'Describe', Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }));

/** A stack with the project's provider shape: one region, one allowed account, local state at the repository root. */
function stack(app: App, name: string, region: string, account: string | null = ACCOUNT): TerraformStack {
  const created = new TerraformStack(app, name);
  new AwsProvider(created, 'aws', { region, ...(account ? { allowedAccountIds: [account] } : {}) });
  new LocalBackend(created, { path: `../../../terraform.${name}.tfstate` });
  return created;
}

describe('account-wide-names-unique', () => {
  const role = (scope: TerraformStack, name: string) => new IamRole(scope, 'role', { name, assumeRolePolicy: trust });

  test('two regions of one account creating one IAM role name: both stacks, both addresses, per account across regions', () => {
    const stacks = synthTestApp((app) => {
      role(stack(app, 'network-prod-us-west-2', 'us-west-2'), 'privatelink-prod-flow-logs');
      role(stack(app, 'network-prod-eu-west-1', 'eu-west-1'), 'privatelink-prod-flow-logs');
    });
    const detail = (other: string) =>
      `IAM role name "privatelink-prod-flow-logs" in account ${ACCOUNT} is also created by ${other} aws_iam_role.role; ` +
      'AWS keeps it unique per account, across regions';
    expect(synthMessagesOf(accountWideNamesUnique, stacks)).toEqual([
      expectedStackMessage(accountWideNamesUnique, 'network-prod-eu-west-1', 'aws_iam_role.role', detail('network-prod-us-west-2')),
      expectedStackMessage(accountWideNamesUnique, 'network-prod-us-west-2', 'aws_iam_role.role', detail('network-prod-eu-west-1')),
    ]);
  });

  test('IAM compares names without case', () => {
    const stacks = synthTestApp((app) => {
      role(stack(app, 'a', 'us-west-2'), 'Notebook-Exec');
      role(stack(app, 'b', 'eu-west-1'), 'notebook-exec');
    });
    expect(synthMessagesOf(accountWideNamesUnique, stacks)).toHaveLength(2);
  });

  test('passes names with the region, the same name in another account, and a role and a policy sharing a name', () => {
    const stacks = synthTestApp((app) => {
      role(stack(app, 'a', 'us-west-2'), 'privatelink-prod-us-west-2-flow-logs');
      const eu = stack(app, 'b', 'eu-west-1');
      role(eu, 'privatelink-prod-eu-west-1-flow-logs');
      new IamPolicy(eu, 'policy', { name: 'privatelink-prod-us-west-2-flow-logs', policy });
      role(stack(app, 'c', 'us-west-2', '444455556666'), 'privatelink-prod-us-west-2-flow-logs');
    });
    expect(synthMessagesOf(accountWideNamesUnique, stacks)).toEqual([]);
  });

  test('regional names collide only within one region of one account', () => {
    const alias = (scope: TerraformStack) => new KmsAlias(scope, 'alias', { name: 'alias/notebooks', targetKeyId: 'key-id' });
    const twoRegions = synthTestApp((app) => {
      alias(stack(app, 'a', 'us-west-2'));
      alias(stack(app, 'b', 'eu-west-1'));
    });
    expect(synthMessagesOf(accountWideNamesUnique, twoRegions)).toEqual([]);
    const oneRegion = synthTestApp((app) => {
      alias(stack(app, 'a', 'us-west-2'));
      alias(stack(app, 'b', 'us-west-2'));
    });
    expect(synthMessagesOf(accountWideNamesUnique, oneRegion)[0]).toContain(
      `(KMS alias name "alias/notebooks" in account ${ACCOUNT}, us-west-2 is also created by b aws_kms_alias.alias; AWS keeps it unique per account and region)`,
    );
  });

  test('an Organizations policy is compared in the account of the provider it is created through (the management account)', () => {
    const scp = (scope: TerraformStack) => {
      const organization = new AwsProvider(scope, 'organization', { alias: 'organization', region: 'us-east-1', allowedAccountIds: ['999999999999'] });
      new OrganizationsPolicy(scope, 'scp', { provider: organization, name: 'notebook-guard', content: policy });
    };
    const stacks = synthTestApp((app) => {
      scp(stack(app, 'a', 'us-west-2'));
      scp(stack(app, 'b', 'us-west-2', '444455556666'));
    });
    expect(synthMessagesOf(accountWideNamesUnique, stacks)[0]).toContain(
      '(Organizations policy name "notebook-guard" in the organization of account 999999999999 is also created by b aws_organizations_policy.scp; AWS keeps it unique per organization)',
    );
  });

  test('is not applicable where the provider may deploy to any account', () => {
    const stacks = synthTestApp((app) => {
      role(stack(app, 'a', 'us-west-2', null), 'same');
      role(stack(app, 'b', 'eu-west-1', null), 'same');
    });
    expect(synthMessagesOf(accountWideNamesUnique, stacks)).toEqual([]);
  });
});

describe('remote-state-dependency', () => {
  const reads = (reader: TerraformStack, writer: string) =>
    new DataTerraformRemoteStateLocal(reader, 'network', { path: `../../../terraform.${writer}.tfstate` });

  test('passes a read of a stack the reader depends on', () => {
    const stacks = synthTestApp((app) => {
      const network = stack(app, 'network-dev-us-west-2', 'us-west-2');
      const sagemaker = stack(app, 'sagemaker-dev-us-west-2', 'us-west-2');
      reads(sagemaker, 'network-dev-us-west-2');
      sagemaker.addDependency(network);
    });
    expect(synthMessagesOf(remoteStateDependency, stacks)).toEqual([]);
  });

  test('refuses a read of a stack that is not a dependency: the deploy would run them in parallel', () => {
    const stacks = synthTestApp((app) => {
      const us = stack(app, 'network-prod-us-west-2', 'us-west-2');
      stack(app, 'network-prod-eu-west-1', 'eu-west-1');
      const sagemaker = stack(app, 'sagemaker-prod-us-west-2', 'us-west-2');
      reads(sagemaker, 'network-prod-us-west-2');
      new DataTerraformRemoteStateLocal(sagemaker, 'network-eu-west-1', { path: '../../../terraform.network-prod-eu-west-1.tfstate' });
      sagemaker.addDependency(us);
    });
    expect(synthMessagesOf(remoteStateDependency, stacks)).toEqual([
      expectedStackMessage(
        remoteStateDependency,
        'sagemaker-prod-us-west-2',
        'data.terraform_remote_state.network-eu-west-1',
        'reads the state of network-prod-eu-west-1, which is not among its dependencies (declared: network-prod-us-west-2)',
      ),
    ]);
  });

  test('refuses a read of a state no stack of the synth writes', () => {
    const stacks = synthTestApp((app) => reads(stack(app, 'sagemaker-dev-us-west-2', 'us-west-2'), 'network-dev-eu-west-1'));
    expect(synthMessagesOf(remoteStateDependency, stacks)).toEqual([
      expectedStackMessage(
        remoteStateDependency,
        'sagemaker-dev-us-west-2',
        'data.terraform_remote_state.network',
        'reads the local state ../../../terraform.network-dev-eu-west-1.tfstate, which no stack of this synth writes',
      ),
    ]);
  });

  test('matches Terraform Cloud workspaces by organization and name', () => {
    const cloudStack = (app: App, name: string) => {
      const created = new TerraformStack(app, name);
      new AwsProvider(created, 'aws', { region: 'us-west-2' });
      new CloudBackend(created, { organization: 'acme-ml', workspaces: new NamedCloudWorkspace(`smpl-${name}`) });
      return created;
    };
    const synth = (declare: boolean) =>
      synthTestApp((app) => {
        const network = cloudStack(app, 'network-dev-us-west-2');
        const sagemaker = cloudStack(app, 'sagemaker-dev-us-west-2');
        new DataTerraformRemoteState(sagemaker, 'network', {
          organization: 'acme-ml',
          workspaces: { name: 'smpl-network-dev-us-west-2' },
        });
        if (declare) sagemaker.addDependency(network);
      });
    expect(synthMessagesOf(remoteStateDependency, synth(true))).toEqual([]);
    expect(synthMessagesOf(remoteStateDependency, synth(false))).toEqual([
      expectedStackMessage(
        remoteStateDependency,
        'sagemaker-dev-us-west-2',
        'data.terraform_remote_state.network',
        'reads the state of network-dev-us-west-2, which is not among its dependencies (declared: none)',
      ),
    ]);
  });
});

describe('stateReads', () => {
  test('resolves each read to the stack that writes it, with both locations: local paths against the synth output, workspaces by host and organization', () => {
    const stacks = synthTestApp((app) => {
      const network = stack(app, 'network-dev-us-west-2', 'us-west-2');
      const sagemaker = stack(app, 'sagemaker-dev-us-west-2', 'us-west-2');
      new DataTerraformRemoteStateLocal(sagemaker, 'network', { path: '../../../terraform.network-dev-us-west-2.tfstate' });
      sagemaker.addDependency(network);
      const cloudNetwork = new TerraformStack(app, 'network-prod-us-west-2');
      new AwsProvider(cloudNetwork, 'aws', { region: 'us-west-2' });
      new CloudBackend(cloudNetwork, { organization: 'acme-ml', workspaces: new NamedCloudWorkspace('smpl-network-prod-us-west-2') });
      const cloudReader = new TerraformStack(app, 'sagemaker-prod-us-west-2');
      new AwsProvider(cloudReader, 'aws', { region: 'us-west-2' });
      new CloudBackend(cloudReader, { organization: 'acme-ml', workspaces: new NamedCloudWorkspace('smpl-sagemaker-prod-us-west-2') });
      new DataTerraformRemoteState(cloudReader, 'network', { organization: 'acme-ml', workspaces: { name: 'smpl-network-prod-us-west-2' } });
      new DataTerraformRemoteState(cloudReader, 'elsewhere', { organization: 'other-org', workspaces: { name: 'smpl-network-prod-us-west-2' } });
    });
    const cloud = (organization: string, workspace: string) => ({ kind: 'cloud', hostname: 'app.terraform.io', organization, workspace });
    expect(stateReads(stacks)).toEqual([
      {
        stack: 'sagemaker-dev-us-west-2',
        address: 'data.terraform_remote_state.network',
        location: { kind: 'local', path: '../terraform.network-dev-us-west-2.tfstate' },
        readerLocation: { kind: 'local', path: '../terraform.sagemaker-dev-us-west-2.tfstate' },
        writer: 'network-dev-us-west-2',
        description: 'the local state ../../../terraform.network-dev-us-west-2.tfstate',
      },
      {
        stack: 'sagemaker-prod-us-west-2',
        address: 'data.terraform_remote_state.elsewhere',
        location: cloud('other-org', 'smpl-network-prod-us-west-2'),
        readerLocation: cloud('acme-ml', 'smpl-sagemaker-prod-us-west-2'),
        description: 'the Terraform Cloud workspace other-org/smpl-network-prod-us-west-2',
      },
      {
        stack: 'sagemaker-prod-us-west-2',
        address: 'data.terraform_remote_state.network',
        location: cloud('acme-ml', 'smpl-network-prod-us-west-2'),
        readerLocation: cloud('acme-ml', 'smpl-sagemaker-prod-us-west-2'),
        writer: 'network-prod-us-west-2',
        description: 'the Terraform Cloud workspace acme-ml/smpl-network-prod-us-west-2',
      },
    ]);
  });
});
