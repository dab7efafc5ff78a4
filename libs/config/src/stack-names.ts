/** The two apps; each env-region gets one stack of each. */
export type AppName = 'network' | 'sagemaker';

/** Stack id, also the `cdktf.out/stacks/<id>` folder and part of the state file name. */
export function stackId(app: AppName, environment: string, region: string): string {
  return `${app}-${environment}-${region}`;
}

/**
 * The stack of an environment's organization-level resources (the SCP): one per environment,
 * because it needs the endpoints of every region, so it deploys after every network stack of it.
 */
export function organizationStackId(environment: string): string {
  return `sagemaker-${environment}-organization`;
}

/**
 * Local state lives at the repository root, as cdktf's own default does, but addressed relative to
 * the stack's working directory (`cdktf.out/stacks/<id>`) so the synthesized JSON holds no path of
 * the machine that ran synth, and a fresh synth never touches state.
 */
export function localStatePath(id: string): string {
  return `../../../terraform.${id}.tfstate`;
}

/** Terraform Cloud workspace of a stack: `<prefix>-<app>-<env>-<region>`, unique per stack. */
export function workspaceName(prefix: string, id: string): string {
  return `${prefix}-${id}`;
}
