import { policyDocument } from './policy-document';
import { builtDocuments } from './testing/built-documents';
import { actionMatches, catalogueAction, expandAction, onlyGrantableOnAll, unknownActions, unknownConditionKeys } from './iam-catalogue';

const documents = builtDocuments();

describe('every built document against the published IAM catalogue', () => {
  it('covers every builder and mode', () => {
    expect(documents.map((built) => built.name)).toEqual([
      'notebookAccessPolicy(sourceVpce, notebook)',
      'notebookAccessPolicy(sourceVpce, all)',
      'notebookAccessPolicy(sourceVpc, notebook)',
      'notebookAccessPolicy(sourceVpc, all)',
      'notebookGuardScp',
      'notebookExecutionTrustPolicy',
      'notebookExecutionPolicy(no S3)',
      'notebookExecutionPolicy(S3 prefix)',
      'notebookKeyPolicy',
      'notebookSelfStopPolicy',
      'notebookUserTrustPolicy(roles and SAML)',
      'notebookUserTrustPolicy(Identity Center permission sets)',
      'terraformCloudTrustPolicy',
      'endpointPolicy',
      'endpointPolicy(organization)',
      'stsEndpointPolicy',
      's3GatewayPolicy(with ECR layers)',
      'logsKeyPolicy',
      'flowLogsTrustPolicy',
      'flowLogsDeliveryPolicy',
    ]);
  });

  it.each(documents.map((built) => [built.name, built.document] as const))(
    '%s names only real actions (a wildcard matches at least one)',
    (_name, document) => {
      expect(unknownActions(document)).toEqual([]);
    },
  );

  it.each(documents.map((built) => [built.name, built.document] as const))(
    '%s uses only global condition keys or keys the catalogue lists for its actions',
    (_name, document) => {
      expect(unknownConditionKeys(document)).toEqual([]);
    },
  );
});

describe('the catalogue checks themselves', () => {
  it('reads a catalogue key with a variable as a prefix: kms:EncryptionContext:<name>', () => {
    const withContext = (key: string) =>
      policyDocument({
        Sid: 'Context',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1',
        Condition: { StringEquals: { [key]: 'x' } },
      });
    expect(unknownConditionKeys(withContext('kms:EncryptionContext:aws:logs:arn'))).toEqual([]);
    expect(unknownConditionKeys(withContext('kms:EncryptionContext:'))).toEqual([
      'Context: kms:EncryptionContext: for kms:Decrypt',
    ]);
  });

  it('expands wildcards to real actions, case-insensitively', () => {
    const names = (pattern: string) => expandAction(pattern).map((action) => action.action);
    expect(names('kms:Encrypt*')).toEqual(['kms:Encrypt']);
    expect(names('sagemaker:createpresignednotebookinstanceurl')).toEqual([
      'sagemaker:CreatePresignedNotebookInstanceUrl',
    ]);
    expect(expandAction('sagemaker:*').length).toBeGreaterThan(100);
    expect(expandAction('*')).toEqual([]);
    expect(actionMatches('kms:ReEncrypt*', 'kms:ReEncryptFrom')).toBe(true);
    expect(actionMatches('kms:Re?ncryptFrom', 'kms:ReEncryptFrom')).toBe(true);
    expect(actionMatches('kms:Decrypt', 'kms:DecryptX')).toBe(false);
  });

  it('tells, from the resource types, which actions can only be granted on "*"', () => {
    const onAllOnly = (action: string) => {
      const entry = catalogueAction(action);
      if (!entry) throw new Error(`${action} is not in the catalogue`);
      return onlyGrantableOnAll(entry);
    };
    expect(['ecr:GetAuthorizationToken', 'xray:PutTraceSegments', 'sagemaker:ListNotebookInstances', 'sts:GetSessionToken'].map(onAllOnly)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['sagemaker:DescribeNotebookInstance', 'iam:PassRole', 'kms:Decrypt', 's3:GetObject'].map(onAllOnly)).toEqual([false, false, false, false]);
    expect(catalogueAction('ECR:getauthorizationtoken')?.action).toBe('ecr:GetAuthorizationToken');
    expect(catalogueAction('kms:Decrypt*')).toBeUndefined();
    expect(catalogueAction('sagemaker:NoSuchAction')).toBeUndefined();
    expect(catalogueAction('kms:Decrypt')?.resourceTypes).toEqual(['key']);
  });

  it('reports a misspelt action, an unknown service and a wildcard matching nothing', () => {
    const document = policyDocument({
      Sid: 'Typos',
      Effect: 'Allow',
      Action: ['sagemaker:CreatePresignedNotebookUrl', 'sagemakr:ListNotebookInstances', 'kms:Frobnicate*'],
      Resource: '*',
    });
    expect(unknownActions(document)).toEqual([
      'Typos: sagemaker:CreatePresignedNotebookUrl',
      'Typos: sagemakr:ListNotebookInstances',
      'Typos: kms:Frobnicate*',
    ]);
  });

  it('reports a service key on an action that does not support it, and an unknown global key', () => {
    const document = policyDocument({
      Sid: 'WrongKeys',
      Effect: 'Deny',
      Action: ['sagemaker:UpdateNotebookInstance'],
      Resource: '*',
      Condition: {
        StringEquals: { 'sagemaker:DirectInternetAccess': 'Enabled', 'aws:SourceVpcEndpoint': 'vpce-1' },
      },
    });
    expect(unknownConditionKeys(document)).toEqual([
      'WrongKeys: sagemaker:DirectInternetAccess for sagemaker:UpdateNotebookInstance',
      'WrongKeys: aws:SourceVpcEndpoint for sagemaker:UpdateNotebookInstance',
    ]);
  });
});
