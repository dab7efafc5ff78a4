import { addNetworkStack } from '@privatelink/app-network';
import { addOrganizationStack, addSagemakerStack } from '@privatelink/app-sagemaker';
import { deploymentTargets, type PrivatelinkConfig } from '@privatelink/config';
import { declareStateReads, type PrivatelinkStack } from '@privatelink/stack-kit';
import type { App } from 'cdktf';

/**
 * The composition root: every stack of every deployment target, in one cdktf App. Per environment,
 * the network stack of each region, then each region's SageMaker stack, then the environment's
 * organization stack. Dependencies are not written here: every stack records the state it reads,
 * and `declareStateReads` turns each read into `addDependency`, which cdktf writes to manifest.json.
 */
export function composeStacks(app: App, config: PrivatelinkConfig): PrivatelinkStack[] {
  const targets = deploymentTargets(config);
  const stacks: PrivatelinkStack[] = [];
  for (const environment of config.environments) {
    const ofEnvironment = targets.filter((target) => target.environment === environment);
    for (const target of ofEnvironment) stacks.push(addNetworkStack(app, target));
    for (const target of ofEnvironment) stacks.push(addSagemakerStack(app, target));
    const organization = addOrganizationStack(app, ofEnvironment);
    if (organization) stacks.push(organization);
  }
  declareStateReads(stacks);
  return stacks;
}
