import { accountRootArn } from './arns';
import type { PolicyStatement } from './policy-document';

/**
 * The statement every key policy starts with: the account administers the key through IAM. Without
 * it the key becomes unmanageable; IAM policies then decide who in the account may act on it.
 */
export function keyAdminStatement(accountId: string): PolicyStatement {
  return {
    Sid: 'AccountAdministersKeyThroughIam',
    Effect: 'Allow',
    Principal: { AWS: accountRootArn(accountId) },
    Action: 'kms:*',
    Resource: '*',
  };
}
