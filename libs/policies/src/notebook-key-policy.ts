import type { AccountRegion } from './arns';
import { keyAdminStatement } from './key-admin-statement';
import { policyDocument, type PolicyDocument } from './policy-document';
import { requireFormat, requireNonEmpty } from './validation';

export interface NotebookKeyPolicyProps extends AccountRegion {
  /** ARN of the notebook execution role, the only principal the key policy names for data use. */
  readonly executionRoleArn: string;
}

const BUILDER = 'notebookKeyPolicy';

/**
 * Key policy of the notebook volume key: the account administers it through IAM, the execution
 * role uses it, and SageMaker may take grants on it for this account's callers, and only through
 * SageMaker in this region.
 */
export function notebookKeyPolicy(props: NotebookKeyPolicyProps): PolicyDocument {
  requireFormat(BUILDER, 'accountId', props.accountId, /^\d{12}$/, 'a 12-digit account id');
  requireNonEmpty(BUILDER, 'region', props.region);
  requireFormat(
    BUILDER,
    'executionRoleArn',
    props.executionRoleArn,
    /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    'an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
  );

  const throughSageMakerForThisAccount = {
    StringEquals: {
      'kms:ViaService': `sagemaker.${props.region}.amazonaws.com`,
      'kms:CallerAccount': props.accountId,
    },
  };
  return policyDocument(
    keyAdminStatement(props.accountId),
    {
      Sid: 'ExecutionRoleUsesKey',
      Effect: 'Allow',
      Principal: { AWS: props.executionRoleArn },
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      Resource: '*',
    },
    {
      // SageMaker encrypts the notebook volume through a grant it creates with the caller's
      // credentials; the grant must be for an AWS resource.
      Sid: 'SageMakerTakesGrantsForThisAccount',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: {
        ...throughSageMakerForThisAccount,
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      },
    },
    {
      Sid: 'SageMakerDescribesKeyForThisAccount',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: throughSageMakerForThisAccount,
    },
  );
}
