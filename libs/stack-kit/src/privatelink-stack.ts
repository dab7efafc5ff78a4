import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { localStatePath, stackId, workspaceName, type AppName, type DeploymentTarget } from '@privatelink/config';
import { CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformOutput, TerraformStack, type TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { names, type Names } from './names';

export interface PrivatelinkStackProps {
  /** The environment and region this stack is for. */
  readonly target: DeploymentTarget;
}

/**
 * Base of every stack: one AWS provider pinned to the environment's region and account, default
 * tags from general to specific (environment config tags, then project, environment, managed-by),
 * and either a local backend whose state path is relative or, when an organization is configured,
 * a Terraform Cloud workspace of its own.
 */
export abstract class PrivatelinkStack extends TerraformStack {
  readonly target: DeploymentTarget;
  readonly provider: AwsProvider;
  /** Every resource name of this target, from the names module. */
  readonly names: Names;

  protected constructor(scope: Construct, app: AppName, props: PrivatelinkStackProps) {
    const { environment, region } = props.target;
    const id = stackId(app, environment.name, region.region);
    super(scope, id);
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
      defaultTags: [{ tags: defaultTags(props.target) }],
    });
  }

  /** A documented output under exactly `name` (`<thing>_<attribute>`), never a generated logical id. */
  protected output(name: string, value: unknown, description: string): TerraformOutput {
    const output = new TerraformOutput(this, name, { value, description });
    output.overrideLogicalId(name);
    return output;
  }
}

/** Tags every resource of a target carries; the three identity tags cannot be overridden. */
export function defaultTags({ project, environment }: DeploymentTarget): Record<string, string> {
  return { ...environment.tags, project, environment: environment.name, 'managed-by': 'cdktf' };
}

/** Protected environments (prod) refuse to plan the destruction of the resources that hold data. */
export function protectFromDestroy(target: DeploymentTarget, ...resources: TerraformResource[]): void {
  if (!target.environment.protected) return;
  for (const resource of resources) resource.addOverride('lifecycle.prevent_destroy', true);
}
