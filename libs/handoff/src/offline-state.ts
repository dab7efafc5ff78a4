/**
 * Runtime entry `@privatelink/handoff/offline-state`: the network handoff assumed when no network
 * stack is deployed, for commands that work offline (the access report, terraform-check's plans).
 */
import { NETWORK_HANDOFF_OUTPUTS, type NetworkHandoff } from './network-handoff';

/** One output of a Terraform state file: its value and its Terraform type. */
export interface TerraformStateOutput {
  readonly value: string | readonly string[];
  readonly type: 'string' | readonly ['list', 'string'];
}

/** The parts of a Terraform state file (format version 4) that `terraform_remote_state` reads. */
export interface TerraformStateFile {
  readonly version: 4;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Readonly<Record<string, TerraformStateOutput>>;
  readonly resources: readonly never[];
}

export interface NetworkStateFixtureProps {
  /**
   * Region the fake endpoint DNS names are in.
   * @default 'us-west-2'
   */
  readonly region?: string;
}

/** Plausible, obviously fake values of every handoff field, as a network stack would publish them. */
export function fakeNetworkHandoff(props: NetworkStateFixtureProps = {}): NetworkHandoff {
  const region = props.region ?? 'us-west-2';
  return {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidr: '10.20.0.0/16',
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1', 'subnet-0123456789abcdef2'],
    endpointSecurityGroupId: 'sg-0123456789abcdef0',
    apiEndpointId: 'vpce-0123456789abcdef0',
    apiEndpointDnsName: `vpce-0123456789abcdef0-abcdefgh.api.sagemaker.${region}.vpce.amazonaws.com`,
    notebookEndpointId: 'vpce-0123456789abcdef1',
    notebookEndpointDnsName: `vpce-0123456789abcdef1-abcdefgh.notebook.${region}.vpce.amazonaws.com`,
    privateZoneId: 'Z0123456789ABCDEFGHIJ',
    s3PrefixListId: 'pl-68a54001',
  };
}

/**
 * State file of a network stack holding only the handoff outputs, for an offline `terraform plan`
 * of a SageMaker stack: write it where the SageMaker stack's `terraform_remote_state.network`
 * looks. `terraform_version` is old on purpose: Terraform refuses state written by a newer version.
 */
export function networkStateFixture(props: NetworkStateFixtureProps = {}): TerraformStateFile {
  const values = fakeNetworkHandoff(props);
  const outputs = Object.fromEntries(
    (Object.keys(NETWORK_HANDOFF_OUTPUTS) as (keyof NetworkHandoff)[]).map((key) => {
      const spec = NETWORK_HANDOFF_OUTPUTS[key];
      const output: TerraformStateOutput = { value: values[key], type: spec.list ? ['list', 'string'] : 'string' };
      return [spec.output, output];
    }),
  );
  return {
    version: 4,
    terraform_version: '1.5.0',
    serial: 1,
    lineage: '00000000-0000-4000-8000-000000000000',
    outputs,
    resources: [],
  };
}
