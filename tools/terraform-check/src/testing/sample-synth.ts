import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import type { DeploymentTarget } from '@privatelink/config';
import { NETWORK_HANDOFF_OUTPUTS, readNetworkHandoff, type NetworkHandoff } from '@privatelink/handoff';
import {
  App,
  CloudBackend,
  DataTerraformRemoteStateLocal,
  LocalBackend,
  NamedCloudWorkspace,
  TerraformOutput,
  TerraformStack,
} from 'cdktf';

/** Stacks a sample synth output can hold, by what they exercise. */
export type SampleStack = 'network' | 'sagemaker' | 'invalidCidr' | 'missingNetworkOutput' | 'terraformCloud';

/** Ids of the sample stacks, shaped like the project's (`<app>-<env>-<region>`). */
export const SAMPLE_STACK_IDS: { readonly [K in SampleStack]: string } = {
  network: 'network-dev-us-west-2',
  sagemaker: 'sagemaker-dev-us-west-2',
  invalidCidr: 'invalid-dev-us-west-2',
  missingNetworkOutput: 'reader-dev-us-west-2',
  terraformCloud: 'network-prod-us-west-2',
};

const BUILDERS: { readonly [K in SampleStack]: (stack: TerraformStack) => void } = {
  network: (stack) => {
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.20.0.0/16' });
    new Subnet(stack, 'subnet', { vpcId: vpc.id, cidrBlock: '10.20.0.0/24', availabilityZone: 'us-west-2a' });
  },
  // What the SageMaker stack does: read the handoff through the real contract code, use it in a
  // resource and (through outputs) make the plan evaluate every handoff output.
  sagemaker: (stack) => {
    const target = { environment: { name: 'dev' }, region: { region: 'us-west-2' } } as unknown as DeploymentTarget;
    // Not a PrivatelinkStack: the read it records (a dependency in the real app) has nowhere to go.
    const handoff = readNetworkHandoff(Object.assign(stack, { recordStateRead: () => undefined }), target);
    new SecurityGroup(stack, 'notebook', {
      name: 'notebook',
      vpcId: handoff.vpcId,
      egress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', prefixListIds: [handoff.s3PrefixListId] }],
    });
    for (const key of Object.keys(NETWORK_HANDOFF_OUTPUTS) as (keyof NetworkHandoff)[]) {
      new TerraformOutput(stack, `handoff_${NETWORK_HANDOFF_OUTPUTS[key].output}`, { value: handoff[key] });
    }
  },
  // A stack in a Terraform Cloud workspace, as the project synthesizes with an organization set.
  terraformCloud: (stack) => {
    new Vpc(stack, 'vpc', { cidrBlock: '10.30.0.0/16' });
  },
  invalidCidr: (stack) => {
    new Vpc(stack, 'vpc', { cidrBlock: 'not-a-cidr' });
  },
  missingNetworkOutput: (stack) => {
    const network = new DataTerraformRemoteStateLocal(stack, 'network', {
      path: '../../../terraform.network-dev-us-west-2.tfstate',
    });
    new SecurityGroup(stack, 'sg', { vpcId: network.getString('no_such_output') });
  },
};

export interface SynthSampleOptions {
  /**
   * Write the stacks as HCL (`cdk.tf`), as `cdktf synth --hcl` does.
   * @default false - JSON (`cdk.tf.json`)
   */
  readonly hcl?: boolean;
}

/**
 * Synthesizes the given sample stacks into `outdir` with a real cdktf App, the way the project's
 * stacks are built: a local backend at a path relative to the stack folder, and one AWS provider
 * pinned to a region and an account, with default tags.
 */
export function synthSample(outdir: string, stacks: readonly SampleStack[], options: SynthSampleOptions = {}): string {
  // cdktf 0.21 reads the HCL switch from SYNTH_HCL_OUTPUT as each stack is constructed (the App
  // option alone names the file cdk.tf but writes JSON into it): what `cdktf synth --hcl` sets.
  const previous = process.env['SYNTH_HCL_OUTPUT'];
  process.env['SYNTH_HCL_OUTPUT'] = options.hcl ? 'true' : 'false';
  try {
    synthApp(outdir, stacks);
  } finally {
    if (previous === undefined) delete process.env['SYNTH_HCL_OUTPUT'];
    else process.env['SYNTH_HCL_OUTPUT'] = previous;
  }
  return outdir;
}

function synthApp(outdir: string, stacks: readonly SampleStack[]): void {
  const app = new App({ outdir });
  for (const name of stacks) {
    const id = SAMPLE_STACK_IDS[name];
    const stack = new TerraformStack(app, id);
    if (name === 'terraformCloud') {
      new CloudBackend(stack, { organization: 'acme-ml', workspaces: new NamedCloudWorkspace(`smpl-${id}`, 'sagemaker-privatelink') });
    } else {
      new LocalBackend(stack, { path: `../../../terraform.${id}.tfstate` });
    }
    new AwsProvider(stack, 'aws', {
      region: 'us-west-2',
      allowedAccountIds: ['111122223333'],
      defaultTags: [{ tags: { project: 'privatelink', environment: 'dev', 'managed-by': 'cdktf' } }],
    });
    BUILDERS[name](stack);
  }
  app.synth();
}
