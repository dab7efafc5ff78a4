import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, type Connection } from './sagemaker-api';

export function stsClient(connection: Connection): STSClient {
  return new STSClient(clientConfig(connection));
}

/** Who the credentials are, as STS says. */
export interface CallerIdentity {
  readonly arn: string;
  readonly account: string;
}

export async function callerIdentity(client: STSClient): Promise<CallerIdentity> {
  const answer = await client.send(new GetCallerIdentityCommand({}));
  if (!answer.Arn || !answer.Account) throw new Error('STS answered GetCallerIdentity without an ARN or account');
  return { arn: answer.Arn, account: answer.Account };
}

/**
 * Whether a caller is the role `roleArn` names: an STS assumed-role session of that role, in its
 * account (`arn:aws:sts::<account>:assumed-role/<role name>/<session>`; the role's path is not in it).
 */
export function isSessionOf(caller: CallerIdentity, roleArn: string): boolean {
  const role = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  const session = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(caller.arn);
  return !!role && !!session && role[1] === session[1] && role[2] === session[2];
}
