import type { DeploymentTarget } from '@privatelink/config';
import type { Construct } from 'constructs';
import { OrganizationStack } from './organization-stack';
import { SagemakerStack } from './sagemaker-stack';

export { OrganizationStack } from './organization-stack';
export { SagemakerStack } from './sagemaker-stack';

/** Adds the SageMaker stack of one deployment target (`sagemaker-<env>-<region>`) to an app. */
export function addSagemakerStack(app: Construct, target: DeploymentTarget): SagemakerStack {
  return new SagemakerStack(app, { target });
}

/**
 * Adds the organization stack of one environment (`sagemaker-<env>-organization`), given the
 * targets of all its regions in config order, when its SCP is enabled; otherwise adds nothing.
 */
export function addOrganizationStack(app: Construct, targets: readonly DeploymentTarget[]): OrganizationStack | undefined {
  return targets[0]?.environment.sagemaker.scp?.enabled ? new OrganizationStack(app, { targets }) : undefined;
}
