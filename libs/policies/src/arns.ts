/** ARN builders for the commercial partition; the only place ARN formats are spelled out. */
export interface AccountRegion {
  readonly accountId: string;
  readonly region: string;
}

export const PARTITION = 'aws';

export function accountRootArn(accountId: string): string {
  return `arn:${PARTITION}:iam::${accountId}:root`;
}

export function logGroupArn({ accountId, region }: AccountRegion, logGroupName: string): string {
  return `arn:${PARTITION}:logs:${region}:${accountId}:log-group:${logGroupName}`;
}

/** SageMaker lower-cases notebook names in ARNs. */
export function notebookInstanceArn({ accountId, region }: AccountRegion, name: string): string {
  return `arn:${PARTITION}:sagemaker:${region}:${accountId}:notebook-instance/${name.toLowerCase()}`;
}

/** Lifecycle configuration names are lower-cased in ARNs, like notebook names. */
export function notebookLifecycleConfigArn({ accountId, region }: AccountRegion, name: string): string {
  return `arn:${PARTITION}:sagemaker:${region}:${accountId}:notebook-instance-lifecycle-config/${name.toLowerCase()}`;
}
