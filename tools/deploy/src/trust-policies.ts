import { TERRAFORM_RUN_PHASES, terraformCloudTrustPolicy, type PolicyDocument, type TerraformRunPhase } from '@privatelink/policies';
import type { DeployOrder } from './deploy-order';
import { DeployError } from './saved-plans';

/** The roles one workspace's runs assume through dynamic provider credentials. */
export interface WorkspaceTrust {
  readonly stack: string;
  readonly organization: string;
  readonly project: string;
  /** The account the stack deploys to, which holds the roles. */
  readonly accountId: string;
  /** Trust policy of the role for `TFC_AWS_PLAN_ROLE_ARN` (plan) and `TFC_AWS_APPLY_ROLE_ARN` (apply). */
  readonly trustPolicies: Readonly<Record<TerraformRunPhase, PolicyDocument>>;
}

/**
 * One plan role and one apply role per workspace of the environment, read from the synthesized
 * `cloud` blocks: the workspace names, project and organization are exactly the ones the runs use.
 */
export function workspaceTrust(order: DeployOrder): Record<string, WorkspaceTrust> {
  const result: Record<string, WorkspaceTrust> = {};
  for (const stack of order.stacks) {
    const cloud = stack.cloud;
    if (!cloud) {
      throw new DeployError(
        `${stack.id} keeps local state, so no Terraform Cloud run assumes a role for it: set terraformCloud.organization in the config (or TFC_ORGANIZATION) and synthesize again`,
      );
    }
    const policy = (runPhase: TerraformRunPhase) =>
      terraformCloudTrustPolicy({ accountId: stack.accountId, hostname: cloud.hostname, organization: cloud.organization, project: cloud.project, workspace: cloud.workspace, runPhase });
    result[cloud.workspace] = {
      stack: stack.id,
      organization: cloud.organization,
      project: cloud.project,
      accountId: stack.accountId,
      trustPolicies: Object.fromEntries(TERRAFORM_RUN_PHASES.map((phase) => [phase, policy(phase)])) as Record<TerraformRunPhase, PolicyDocument>,
    };
  }
  return result;
}
