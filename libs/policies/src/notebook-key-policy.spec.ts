import { notebookKeyPolicy } from './notebook-key-policy';

const props = {
  accountId: '111122223333',
  region: 'eu-west-1',
  executionRoleArn: 'arn:aws:iam::111122223333:role/notebook-execution-dev',
};

describe('notebookKeyPolicy', () => {
  const document = notebookKeyPolicy(props);

  it('lets the account administer the key through IAM (kms:* to the account root only)', () => {
    expect(document.Statement[0]).toEqual({
      Sid: 'AccountAdministersKeyThroughIam',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'kms:*',
      Resource: '*',
    });
  });

  it('lets the execution role use the key for data', () => {
    expect(document.Statement[1]).toEqual({
      Sid: 'ExecutionRoleUsesKey',
      Effect: 'Allow',
      Principal: { AWS: props.executionRoleArn },
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      Resource: '*',
    });
  });

  it('lets SageMaker take grants for AWS resources, for this account, through SageMaker in the region', () => {
    expect(document.Statement[2]).toEqual({
      Sid: 'SageMakerTakesGrantsForThisAccount',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': 'sagemaker.eu-west-1.amazonaws.com', 'kms:CallerAccount': '111122223333' },
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      },
    });
    expect(document.Statement[3]).toEqual({
      Sid: 'SageMakerDescribesKeyForThisAccount',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': 'sagemaker.eu-west-1.amazonaws.com', 'kms:CallerAccount': '111122223333' },
      },
    });
  });

  it('never allows principal "*" without both kms:ViaService and kms:CallerAccount', () => {
    const open = document.Statement.filter(
      (s) => s.Principal !== undefined && s.Principal !== '*' && s.Principal.AWS === '*',
    );
    expect(open).toHaveLength(2);
    for (const s of open) {
      expect(Object.keys(s.Condition?.['StringEquals'] ?? {}).sort()).toEqual(['kms:CallerAccount', 'kms:ViaService']);
    }
  });
});

describe('notebookKeyPolicy input validation', () => {
  it.each([
    [{ executionRoleArn: '*' }, /executionRoleArn must be an IAM role ARN .*; got "\*"/],
    [
      { executionRoleArn: 'arn:aws:iam::111122223333:root' },
      /executionRoleArn must be an IAM role ARN .*; got "arn:aws:iam::111122223333:root"/,
    ],
    [{ executionRoleArn: '' }, /executionRoleArn must be a non-empty string; got ""/],
    [{ accountId: '*' }, /accountId must be a 12-digit account id; got "\*"/],
    [{ region: '' }, /region must be a non-empty string/],
  ])('refuses %j', (override, message) => {
    expect(() => notebookKeyPolicy({ ...props, ...override })).toThrow(message);
  });

  it('accepts a token for the role ARN', () => {
    expect(
      notebookKeyPolicy({ ...props, executionRoleArn: '${aws_iam_role.execution.arn}' }).Statement[1].Principal,
    ).toEqual({
      AWS: '${aws_iam_role.execution.arn}',
    });
  });
});
