import { localStatePath, stackId, workspaceName, type DeploymentTarget } from '@privatelink/config';
import {
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  TerraformOutput,
  type TerraformRemoteState,
  type TerraformStack,
} from 'cdktf';
import type { StateReadingStack } from '@privatelink/stack-kit';

import { NETWORK_HANDOFF_OUTPUTS, type NetworkHandoff } from './outputs';

export { NETWORK_HANDOFF_OUTPUTS, type NetworkHandoff } from './outputs';

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
