import { logGroupArn, PARTITION, type AccountRegion } from './arns';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';
import { isToken, requireFormat, requireNonEmpty, requireNonEmptyList } from './validation';

/** The log group every SageMaker notebook instance writes to; one per account and region. */
export const NOTEBOOK_LOG_GROUP_NAME = '/aws/sagemaker/NotebookInstances';

export interface NotebookExecutionTrustPolicyProps {
  /** Only SageMaker acting for this account may assume the role (confused-deputy guard). */
  readonly accountId: string;
}

/**
 * Trust policy of the notebook execution role: the SageMaker service, on behalf of this account only.
 *
 * The condition is `aws:SourceAccount` in the account form of SageMaker's confused-deputy page ("Use
 * aws:SourceAccount if you want to allow any resource in that account to be associated with the
 * cross-service use", https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html).
 * That page has feature examples (training and processing jobs, inference, batch transform,
 * pipelines, Studio, ...) but none for notebook instances and no `aws:SourceArn` format for them, so
 * there is no `aws:SourceArn` condition here. Nothing AWS publishes says notebook instances omit the
 * key; if they did, this `StringEquals` would fail closed (the notebook could not start), which
 * only a deploy to a real account shows.
 */
export function notebookExecutionTrustPolicy({ accountId }: NotebookExecutionTrustPolicyProps): PolicyDocument {
  requireFormat('notebookExecutionTrustPolicy', 'accountId', accountId, /^\d{12}$/, 'a 12-digit account id');
  return policyDocument({
    Sid: 'SageMakerServiceForThisAccount',
    Effect: 'Allow',
    Principal: { Service: 'sagemaker.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  });
}

export interface NotebookExecutionPolicyProps extends AccountRegion {
  /** The notebooks the role runs; it writes only their log streams (`<notebook name>/...`). */
  readonly notebookNames: readonly string[];
  /** ARN of the environment's notebook KMS key (`arn:aws:kms:...:key/...`, may be a token). */
  readonly kmsKeyArn: string;
  /**
   * Bucket the notebooks read and write under `s3Prefix`.
   * @default - no S3 access
   */
  readonly s3BucketName?: string;
  /**
   * Key prefix inside `s3BucketName` (without a trailing slash); required with it.
   * @default - no S3 access
   */
  readonly s3Prefix?: string;
}

const BUILDER = 'notebookExecutionPolicy';
/** Data-plane use of the key; no administration, no grants. */
const KEY_USE_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/**
 * Permissions of the notebook execution role: its own log streams, its own key and, when asked
 * for, one S3 prefix. Every statement names its resources; no wildcard action.
 */
export function notebookExecutionPolicy(props: NotebookExecutionPolicyProps): PolicyDocument {
  requireNonEmpty(BUILDER, 'accountId', props.accountId);
  requireNonEmpty(BUILDER, 'region', props.region);
  requireNonEmptyList(BUILDER, 'notebookNames', props.notebookNames);
  props.notebookNames.forEach((name, i) =>
    requireFormat(
      BUILDER,
      `notebookNames[${i}]`,
      name,
      /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/,
      'a notebook instance name (letters, digits, hyphens)',
    ),
  );
  requireFormat(
    BUILDER,
    'kmsKeyArn',
    props.kmsKeyArn,
    new RegExp(`^arn:${PARTITION}:kms:[a-z0-9-]+:\\d{12}:key/[a-zA-Z0-9-]+$`),
    'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)',
  );

  const group = logGroupArn(props, NOTEBOOK_LOG_GROUP_NAME);
  return policyDocument(
    {
      Sid: 'WriteOwnNotebookLogStreams',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: props.notebookNames.map((name) => `${group}:log-stream:${name}/*`),
    },
    {
      // CloudWatch Logs checks some log-group actions against `<group ARN>:*`.
      Sid: 'DescribeNotebookLogGroup',
      Effect: 'Allow',
      Action: 'logs:DescribeLogStreams',
      Resource: [group, `${group}:*`],
    },
    {
      Sid: 'UseOwnNotebookKey',
      Effect: 'Allow',
      Action: KEY_USE_ACTIONS,
      Resource: props.kmsKeyArn,
    },
    ...s3Statements(props),
  );
}

function s3Statements({ s3BucketName, s3Prefix }: NotebookExecutionPolicyProps): PolicyStatement[] {
  if (s3BucketName === undefined && s3Prefix === undefined) return [];
  if (s3BucketName === undefined || s3Prefix === undefined) {
    throw new Error(
      `${BUILDER}: s3BucketName and s3Prefix go together; got s3BucketName=${JSON.stringify(s3BucketName)}, ` +
        `s3Prefix=${JSON.stringify(s3Prefix)}`,
    );
  }
  requireFormat(BUILDER, 's3BucketName', s3BucketName, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name');
  requireNonEmpty(BUILDER, 's3Prefix', s3Prefix);
  if (!isToken(s3Prefix) && !/^[^*?/][^*?]*[^*?/]$|^[^*?/]$/.test(s3Prefix)) {
    throw new Error(
      `${BUILDER}: s3Prefix must be a key prefix without wildcards and without leading or trailing "/" ` +
        `(e.g. "notebooks/dev"); got ${JSON.stringify(s3Prefix)}`,
    );
  }
  const bucket = `arn:${PARTITION}:s3:::${s3BucketName}`;
  return [
    {
      Sid: 'ListOwnS3Prefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: bucket,
      Condition: { StringLike: { 's3:prefix': [s3Prefix, `${s3Prefix}/*`] } },
    },
    {
      Sid: 'ReadWriteOwnS3Prefix',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: `${bucket}/${s3Prefix}/*`,
    },
  ];
}
