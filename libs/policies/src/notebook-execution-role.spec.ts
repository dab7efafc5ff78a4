import {
  notebookExecutionPolicy,
  notebookExecutionTrustPolicy,
  type NotebookExecutionPolicyProps,
} from './notebook-execution-role';
import { actionsOf } from './policy-document';

const keyArn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const props: NotebookExecutionPolicyProps = {
  accountId: '111122223333',
  region: 'eu-west-1',
  notebookNames: ['dev-research', 'dev-gpu'],
  kmsKeyArn: keyArn,
};
const group = 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/sagemaker/NotebookInstances';

describe('notebookExecutionTrustPolicy', () => {
  it('trusts the SageMaker service on behalf of this account only', () => {
    expect(notebookExecutionTrustPolicy({ accountId: '111122223333' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'SageMakerServiceForThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    });
  });

  it.each(['*', '', 'arn:aws:iam::111122223333:root', '11112222333'])('refuses accountId %j', (accountId) => {
    expect(() => notebookExecutionTrustPolicy({ accountId })).toThrow(
      /^notebookExecutionTrustPolicy: accountId must be (a 12-digit account id|a non-empty string); got /,
    );
  });

  it('accepts a token for the account', () => {
    expect(() =>
      notebookExecutionTrustPolicy({ accountId: '${data.aws_caller_identity.current.account_id}' }),
    ).not.toThrow();
  });
});

describe('notebookExecutionPolicy without S3', () => {
  const document = notebookExecutionPolicy(props);

  it('writes only log streams of notebooks named with the prefix', () => {
    expect(document.Statement[0]).toEqual({
      Sid: 'WriteOwnNotebookLogStreams',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [`${group}:log-stream:dev-research/*`, `${group}:log-stream:dev-gpu/*`],
    });
  });

  it('describes streams of the notebook log group only', () => {
    expect(document.Statement[1]).toEqual({
      Sid: 'DescribeNotebookLogGroup',
      Effect: 'Allow',
      Action: 'logs:DescribeLogStreams',
      Resource: [group, `${group}:*`],
    });
  });

  it('uses its own key, by ARN, for data only', () => {
    expect(document.Statement[2]).toEqual({
      Sid: 'UseOwnNotebookKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      Resource: keyArn,
    });
  });

  it('has no S3 statement, no wildcard action and no "*" resource', () => {
    expect(document.Statement).toHaveLength(3);
    expect(actionsOf(document).filter((action) => action.includes('*'))).toEqual([]);
    expect(document.Statement.flatMap((s) => [s.Resource ?? []].flat())).not.toContain('*');
  });
});

describe('notebookExecutionPolicy with an S3 prefix', () => {
  const document = notebookExecutionPolicy({ ...props, s3BucketName: 'example-data', s3Prefix: 'notebooks/dev' });

  it('lists the bucket only under the prefix', () => {
    expect(document.Statement[3]).toEqual({
      Sid: 'ListOwnS3Prefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::example-data',
      Condition: { StringLike: { 's3:prefix': ['notebooks/dev', 'notebooks/dev/*'] } },
    });
  });

  it('reads and writes objects only under the prefix', () => {
    expect(document.Statement[4]).toEqual({
      Sid: 'ReadWriteOwnS3Prefix',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: 'arn:aws:s3:::example-data/notebooks/dev/*',
    });
  });
});

describe('notebookExecutionPolicy input validation', () => {
  it.each([
    [{ kmsKeyArn: '*' }, /kmsKeyArn must be a KMS key ARN .*; got "\*"/],
    [{ kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/*' }, /kmsKeyArn must be a KMS key ARN/],
    [{ kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/notebooks' }, /kmsKeyArn must be a KMS key ARN/],
    [{ notebookNames: [] }, /notebookNames must name at least one value; got \[\]/],
    [{ notebookNames: ['*'] }, /notebookNames\[0\] must be a notebook instance name .*; got "\*"/],
    [
      { s3BucketName: 'example-data' },
      /s3BucketName and s3Prefix go together; got s3BucketName="example-data", s3Prefix=undefined/,
    ],
    [{ s3Prefix: 'notebooks' }, /s3BucketName and s3Prefix go together/],
    [{ s3BucketName: 'Bad_Bucket', s3Prefix: 'x' }, /s3BucketName must be an S3 bucket name; got "Bad_Bucket"/],
    [{ s3BucketName: 'example-data', s3Prefix: '*' }, /s3Prefix must be a key prefix without wildcards .*; got "\*"/],
    [{ s3BucketName: 'example-data', s3Prefix: 'notebooks/' }, /s3Prefix must be a key prefix .*; got "notebooks\/"/],
    [{ s3BucketName: 'example-data', s3Prefix: '/notebooks' }, /s3Prefix must be a key prefix/],
  ])('refuses %j', (override, message) => {
    expect(() => notebookExecutionPolicy({ ...props, ...override })).toThrow(message);
  });

  it('accepts a token for the key ARN', () => {
    expect(notebookExecutionPolicy({ ...props, kmsKeyArn: '${aws_kms_key.notebook.arn}' }).Statement[2].Resource).toBe(
      '${aws_kms_key.notebook.arn}',
    );
  });
});
