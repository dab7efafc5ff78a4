import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { DeploymentTarget } from '@privatelink/config';
import { LocalBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { localStatePath, stackId, type AppName } from './stack-names';

export interface PrivatelinkStackProps {
  /** The environment and region this stack is for. */
  readonly target: DeploymentTarget;
}

/**
 * Base of every stack: one AWS provider pinned to the environment's region and account, default
 * tags from general to specific (environment config tags, then project, environment, managed-by),
 * and a local backend whose state path is relative.
 */
export abstract class PrivatelinkStack extends TerraformStack {
  readonly target: DeploymentTarget;
  readonly provider: AwsProvider;

  protected constructor(scope: Construct, app: AppName, props: PrivatelinkStackProps) {
    const { environment, region } = props.target;
    const id = stackId(app, environment.name, region.region);
    super(scope, id);
    this.target = props.target;
    new LocalBackend(this, { path: localStatePath(id) });
    this.provider = new AwsProvider(this, 'aws', {
      region: region.region,
      allowedAccountIds: [environment.accountId],
      defaultTags: [{ tags: defaultTags(props.target) }],
    });
  }
}

/** Tags every resource of a target carries; the three identity tags cannot be overridden. */
export function defaultTags({ project, environment }: DeploymentTarget): Record<string, string> {
  return { ...environment.tags, project, environment: environment.name, 'managed-by': 'cdktf' };
}
