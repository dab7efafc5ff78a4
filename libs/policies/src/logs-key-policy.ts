import { logGroupArn, type AccountRegion } from './arns';
import { keyAdminStatement } from './key-admin-statement';
import { policyDocument, type PolicyDocument } from './policy-document';

export interface LogsKeyPolicyProps extends AccountRegion {
  /** Log group names (or `prefix*` patterns) this key may encrypt. */
  readonly logGroupNames: readonly string[];
}

/**
 * Key policy for a CloudWatch Logs key: the account administers it through IAM, and the regional
 * Logs service may use it only for the named log groups of this account.
 */
export function logsKeyPolicy(props: LogsKeyPolicyProps): PolicyDocument {
  return policyDocument(
    keyAdminStatement(props.accountId),
    {
      Sid: 'CloudWatchLogsUsesKeyForOwnLogGroups',
      Effect: 'Allow',
      Principal: { Service: `logs.${props.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': props.logGroupNames.map((name) => logGroupArn(props, name)),
        },
      },
    },
  );
}
