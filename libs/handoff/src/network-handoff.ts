import { localStatePath, stackId, workspaceName, type DeploymentTarget } from '@privatelink/config';
import {
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  TerraformOutput,
  type TerraformRemoteState,
  type TerraformStack,
} from 'cdktf';
import type { StateReadingStack } from '@privatelink/stack-kit';

/** What the SageMaker stack of an env-region needs from its network stack. */
export interface NetworkHandoff {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: string[];
  readonly endpointSecurityGroupId: string;
  readonly apiEndpointId: string;
  readonly apiEndpointDnsName: string;
  readonly notebookEndpointId: string;
  readonly notebookEndpointDnsName: string;
  readonly privateZoneId: string;
  readonly s3PrefixListId: string;
}

interface OutputSpec {
  /** Terraform output name: `<thing>_<attribute>`, stable, part of the contract. */
  readonly output: string;
  readonly description: string;
  readonly list?: true;
}

/** The contract: one documented output per field. Renaming one is a breaking change for both apps. */
export const NETWORK_HANDOFF_OUTPUTS: { readonly [K in keyof NetworkHandoff]: OutputSpec } = {
  vpcId: { output: 'vpc_id', description: 'ID of the private VPC.' },
  vpcCidr: { output: 'vpc_cidr', description: 'CIDR block of the private VPC.' },
  privateSubnetIds: {
    output: 'private_subnet_ids',
    description: 'IDs of the private subnets, one per availability zone, in config order.',
    list: true,
  },
  endpointSecurityGroupId: {
    output: 'endpoint_security_group_id',
    description: 'Security group of the interface endpoints (HTTPS from the VPC and on-premises only).',
  },
  apiEndpointId: { output: 'api_endpoint_id', description: 'ID of the SageMaker API interface endpoint (aws:sourceVpce).' },
  apiEndpointDnsName: {
    output: 'api_endpoint_dns_name',
    description: 'Regional DNS name of the SageMaker API endpoint, for --endpoint-url.',
  },
  notebookEndpointId: {
    output: 'notebook_endpoint_id',
    description: 'ID of the SageMaker notebook interface endpoint (aws:sourceVpce).',
  },
  notebookEndpointDnsName: {
    output: 'notebook_endpoint_dns_name',
    description: 'Regional DNS name of the SageMaker notebook endpoint.',
  },
  privateZoneId: { output: 'private_zone_id', description: 'ID of the private hosted zone naming the endpoints.' },
  s3PrefixListId: {
    output: 's3_prefix_list_id',
    description: 'Prefix list of the S3 gateway endpoint, for HTTPS egress rules to S3.',
  },
};

const HANDOFF_KEYS = Object.keys(NETWORK_HANDOFF_OUTPUTS) as (keyof NetworkHandoff)[];

/** Writes the handoff as stack outputs of the network stack. */
export function publishNetworkHandoff(stack: TerraformStack, values: NetworkHandoff): void {
  for (const key of HANDOFF_KEYS) {
    const spec = NETWORK_HANDOFF_OUTPUTS[key];
    new TerraformOutput(stack, spec.output, { value: values[key], description: spec.description }).overrideLogicalId(
      spec.output,
    );
  }
}

/**
 * Reads the handoff from the network stack's state: its Terraform Cloud workspace, or the local
 * state file the network stack writes, addressed relative to this stack's working directory. The
 * read is recorded on the stack, so the composition root makes it a dependency. `id` names the data
 * source when a stack reads more than one network (the SCP of an environment spans its regions).
 */
export function readNetworkHandoff(stack: StateReadingStack, target: DeploymentTarget, id = 'network'): NetworkHandoff {
  const networkId = stackId('network', target.environment.name, target.region.region);
  const scope = stack;
  stack.recordStateRead(networkId);
  const cloud = target.terraformCloud;
  // Under Terraform Cloud the network workspace must share its state with this one
  // (workspace settings > Remote state sharing).
  const state: TerraformRemoteState = cloud
    ? new DataTerraformRemoteState(scope, id, {
        hostname: cloud.hostname,
        organization: cloud.organization,
        workspaces: { name: workspaceName(cloud.workspacePrefix, networkId) },
      })
    : new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(networkId) });
  const entries = HANDOFF_KEYS.map((key) => {
    const spec = NETWORK_HANDOFF_OUTPUTS[key];
    return [key, spec.list ? state.getList(spec.output) : state.getString(spec.output)];
  });
  return Object.fromEntries(entries) as unknown as NetworkHandoff;
}
