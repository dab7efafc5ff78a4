import { AwsProvider, type AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { localStatePath, organizationStackId, stackId, workspaceName, type DeploymentTarget } from '@privatelink/config';
import { IDENTITY_KEY, type StackIdentity } from '@privatelink/synth-output';
import { CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformOutput, TerraformStack, type TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { names, type Names } from './names';

export interface PrivatelinkStackProps {
  /** The environment and region this stack is for. */
  readonly target: DeploymentTarget;
}

/** A stack that remembers which stacks' state it reads (every PrivatelinkStack). */
export interface StateReadingStack extends Construct {
  recordStateRead(stackId: string): void;
}

/** What a stack's provider differs in from the default: another account, a role to assume. */
export type ProviderSettings = Pick<AwsProviderConfig, 'allowedAccountIds' | 'assumeRole'>;

/**
 * Base of every stack: one AWS provider pinned to the region and to the environment's account (or
 * the account `provider` names), default tags from general to specific (environment config tags,
 * then project, environment, managed-by), and either a local backend whose state path is relative
 * or, when an organization is configured, a Terraform Cloud workspace of its own.
 */
export abstract class PrivatelinkStack extends TerraformStack implements StateReadingStack {
  readonly target: DeploymentTarget;
  readonly provider: AwsProvider;
  /** Every resource name of this target, from the names module. */
  readonly names: Names;
  private readonly reads = new Set<string>();

  /**
   * `identity` names what the stack is for; its id follows from it (`<app>-<env>-<region>`, or
   * `sagemaker-<env>-organization` for a stack of the whole environment) and it is recorded in the
   * stack's JSON, where the synth-output reader finds it.
   */
  protected constructor(scope: Construct, identity: StackIdentity, props: PrivatelinkStackProps, provider: ProviderSettings = {}) {
    const id = identity.region ? stackId(identity.app, identity.environment, identity.region) : organizationStackId(identity.environment);
    super(scope, id);
    this.addOverride(`//.${IDENTITY_KEY}`, identity);
    const { environment, region } = props.target;
    this.target = props.target;
    this.names = names(props.target);
    const cloud = props.target.terraformCloud;
    if (cloud) {
      // No token here: the CLI reads TF_TOKEN_<host> (e.g. TF_TOKEN_app_terraform_io).
      new CloudBackend(this, {
        hostname: cloud.hostname,
        organization: cloud.organization,
        workspaces: new NamedCloudWorkspace(workspaceName(cloud.workspacePrefix, id), cloud.project),
      });
    } else {
      new LocalBackend(this, { path: localStatePath(id) });
    }
    this.provider = new AwsProvider(this, 'aws', {
      region: region.region,
      allowedAccountIds: [environment.accountId],
      ...provider,
      defaultTags: [{ tags: defaultTags(props.target) }],
    });
  }

  /**
   * Records that this stack reads the state of `stackId` (a `terraform_remote_state`): the
   * composition root turns every read into a dependency (`declareStateReads`), so the stack never
   * deploys before the one it reads.
   */
  recordStateRead(stackId: string): void {
    this.reads.add(stackId);
  }

  /** The stacks whose state this one reads, in the order first read. */
  get stateReads(): readonly string[] {
    return [...this.reads];
  }

  /** A documented output under exactly its declared name (`<thing>_<attribute>`), never a generated logical id. */
  protected output(spec: { readonly output: string; readonly description: string }, value: unknown): TerraformOutput {
    const output = new TerraformOutput(this, spec.output, { value, description: spec.description });
    output.overrideLogicalId(spec.output);
    return output;
  }
}

/**
 * Makes every stack depend on each stack whose state it reads (cdktf then writes the dependency
 * into the synth output's manifest, and `cdktf deploy` orders the stacks by it: it runs stacks that
 * do not depend on each other in parallel). A read of a stack that is not among `stacks` is an error.
 */
export function declareStateReads(stacks: readonly TerraformStack[]): void {
  const byId = new Map(stacks.map((stack) => [stack.node.id, stack]));
  for (const stack of stacks) {
    if (!(stack instanceof PrivatelinkStack)) continue;
    for (const read of stack.stateReads) {
      const source = byId.get(read);
      if (!source) {
        throw new Error(`${stack.node.id} reads the state of ${read}, which is not a stack of this app; known: ${[...byId.keys()].join(', ')}`);
      }
      stack.addDependency(source);
    }
  }
}

/** Tags every resource of a target carries; the three identity tags cannot be overridden. */
export function defaultTags({ project, environment }: DeploymentTarget): Record<string, string> {
  return { ...environment.tags, project, environment: environment.name, 'managed-by': 'cdktf' };
}

/**
 * App context naming the one environment whose stacks are synthesized without `prevent_destroy`, so
 * Terraform can plan their destruction: the composition root sets it for `destroy --force-destroy
 * <env>` only, into an output folder of its own (never `cdktf.out`).
 */
export const FORCE_DESTROY_CONTEXT = 'privatelink:forceDestroy';

/**
 * Protected environments (prod) refuse to plan the destruction of the resources that hold data,
 * unless the app is synthesized to destroy exactly that environment (FORCE_DESTROY_CONTEXT).
 */
export function protectFromDestroy(target: DeploymentTarget, ...resources: TerraformResource[]): void {
  if (!target.environment.protected) return;
  for (const resource of resources) {
    if (resource.node.tryGetContext(FORCE_DESTROY_CONTEXT) === target.environment.name) continue;
    resource.addOverride('lifecycle.prevent_destroy', true);
  }
}
