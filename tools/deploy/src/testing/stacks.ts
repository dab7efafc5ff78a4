import type { CloudWorkspace, DeployStack } from '../deploy-order';

/** A stack as `deployStacks` returns it, for tests that need no files. */
export function stack(id: string, environment: string, region: string, dependencies: string[] = [], cloud?: CloudWorkspace): DeployStack {
  return {
    id,
    workingDirectory: `/repo/cdktf.out/stacks/${id}`,
    dependencies,
    environment,
    region,
    accountId: '333333333333',
    ...(cloud ? { cloud } : {}),
    sha256: `sha-of-${id}`,
  };
}

/**
 * The prod stacks after the organization SCP moved into a stack of its own: every SageMaker stack
 * reads its region's network, the organization stack reads every network stack of prod.
 */
export const PROD_STACKS: readonly DeployStack[] = [
  stack('network-dev-us-west-2', 'dev', 'us-west-2'),
  stack('network-prod-eu-west-1', 'prod', 'eu-west-1'),
  stack('network-prod-us-west-2', 'prod', 'us-west-2'),
  stack('sagemaker-dev-us-west-2', 'dev', 'us-west-2', ['network-dev-us-west-2']),
  stack('sagemaker-prod-eu-west-1', 'prod', 'eu-west-1', ['network-prod-eu-west-1']),
  stack('sagemaker-prod-organization', 'prod', 'us-west-2', ['network-prod-eu-west-1', 'network-prod-us-west-2']),
  stack('sagemaker-prod-us-west-2', 'prod', 'us-west-2', ['network-prod-us-west-2']),
];
