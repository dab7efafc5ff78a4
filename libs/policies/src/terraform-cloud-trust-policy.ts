import { PARTITION } from './arns';
import { policyDocument, type PolicyDocument } from './policy-document';

/** The audience HCP Terraform puts in the workload identity token it presents to AWS. */
export const TERRAFORM_CLOUD_AWS_AUDIENCE = 'aws.workload.identity';

/** A run phase of HCP Terraform: the plan and the apply each get a token of their own. */
export type TerraformRunPhase = 'plan' | 'apply';

export const TERRAFORM_RUN_PHASES: readonly TerraformRunPhase[] = ['plan', 'apply'];

export interface TerraformCloudTrustPolicyProps {
  /** AWS account holding the role and the `oidc-provider/<hostname>` identity provider. */
  readonly accountId: string;
  /** HCP Terraform organization that runs the workspace. */
  readonly organization: string;
  /** HCP Terraform project the workspace belongs to (the default project is `Default Project`). */
  readonly project: string;
  /** The one workspace whose runs may assume the role. */
  readonly workspace: string;
  /** The run phase the role serves: a read-only role for `plan`, the deploying role for `apply`. */
  readonly runPhase: TerraformRunPhase;
  /**
   * HCP Terraform or Terraform Enterprise host: the OIDC provider's URL and the condition keys' prefix.
   * @default 'app.terraform.io'
   */
  readonly hostname?: string;
}

const BUILDER = 'terraformCloudTrustPolicy';
const ACCOUNT_ID = /^\d{12}$/;
// The names HCP Terraform accepts (the config schema checks the same forms). None of them may
// hold ':' (which would let a value spell more segments of the subject), '*' or '?'.
const ORGANIZATION = /^[A-Za-z0-9_-]{3,40}$/;
const PROJECT = /^[A-Za-z0-9 _-]{3,40}$/;
const WORKSPACE = /^[A-Za-z0-9_-]{1,90}$/;
const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/**
 * Trust policy of the role one HCP Terraform workspace assumes in one run phase through dynamic
 * provider credentials: the workspace's runs present a workload identity token to
 * `sts:AssumeRoleWithWebIdentity`, and the role trusts only the token whose audience is
 * `aws.workload.identity` and whose subject names exactly this organization, project, workspace and
 * run phase. Another workspace, project, organization or phase cannot assume it.
 *
 * Subject format `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>`,
 * audience and key prefix from HashiCorp's documentation:
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 */
export function terraformCloudTrustPolicy(props: TerraformCloudTrustPolicyProps): PolicyDocument {
  const hostname = props.hostname ?? 'app.terraform.io';
  check('accountId', props.accountId, ACCOUNT_ID, 'a 12-digit AWS account id');
  check('organization', props.organization, ORGANIZATION, 'an HCP Terraform organization name (3-40 letters, digits, - or _)');
  check('project', props.project, PROJECT, 'an HCP Terraform project name (3-40 letters, digits, spaces, - or _)');
  check('workspace', props.workspace, WORKSPACE, 'an HCP Terraform workspace name (1-90 letters, digits, - or _)');
  check('hostname', hostname, HOSTNAME, 'a host name such as app.terraform.io');
  if (!TERRAFORM_RUN_PHASES.includes(props.runPhase)) {
    throw new Error(`${BUILDER}: runPhase must be one of ${TERRAFORM_RUN_PHASES.join(', ')}; got ${JSON.stringify(props.runPhase)}`);
  }
  return policyDocument({
    Sid: props.runPhase === 'plan' ? 'TerraformCloudPlanOfOneWorkspace' : 'TerraformCloudApplyOfOneWorkspace',
    Effect: 'Allow',
    Principal: { Federated: `arn:${PARTITION}:iam::${props.accountId}:oidc-provider/${hostname}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        [`${hostname}:aud`]: TERRAFORM_CLOUD_AWS_AUDIENCE,
        [`${hostname}:sub`]: terraformCloudSubject(props),
      },
    },
  });
}

/** The `sub` claim of a workload identity token of this workspace and run phase. */
export function terraformCloudSubject(
  props: Pick<TerraformCloudTrustPolicyProps, 'organization' | 'project' | 'workspace' | 'runPhase'>,
): string {
  return `organization:${props.organization}:project:${props.project}:workspace:${props.workspace}:run_phase:${props.runPhase}`;
}

function check(field: string, value: string, pattern: RegExp, allowed: string): void {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new Error(`${BUILDER}: ${field} must be ${allowed}; got ${JSON.stringify(value)}`);
  }
}
