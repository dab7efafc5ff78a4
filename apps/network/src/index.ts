import type { DeploymentTarget } from '@privatelink/config';
import type { Construct } from 'constructs';
import { NetworkStack } from './network-stack';

export { NetworkStack } from './network-stack';

/** Adds the network stack of one deployment target (`network-<env>-<region>`) to an app. */
export function addNetworkStack(app: Construct, target: DeploymentTarget): NetworkStack {
  return new NetworkStack(app, { target });
}
