import { policyDocument } from './policy-document';
import { builtDocuments } from './testing/built-documents';
import { actionMatches, expandAction, unknownActions, unknownConditionKeys } from './testing/iam-catalogue';

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
      'endpointPolicy',
      'logsKeyPolicy',
      'flowLogsTrustPolicy',
      'flowLogsDeliveryPolicy',
    ]);
  });

  it.each(documents.map((built) => [built.name, built.document] as const))(
    '%s names only real actions (a wildcard matches at least one)',
    async (_name, document) => {
      expect(await unknownActions(document)).toEqual([]);
    },
  );

  it.each(documents.map((built) => [built.name, built.document] as const))(
    '%s uses only global condition keys or keys the catalogue lists for its actions',
    async (_name, document) => {
      expect(await unknownConditionKeys(document)).toEqual([]);
    },
  );
});

describe('the catalogue checks themselves', () => {
  it('reads a catalogue key with a variable as a prefix: kms:EncryptionContext:<name>', async () => {
    const withContext = (key: string) =>
      policyDocument({
        Sid: 'Context',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1',
        Condition: { StringEquals: { [key]: 'x' } },
      });
    expect(await unknownConditionKeys(withContext('kms:EncryptionContext:aws:logs:arn'))).toEqual([]);
    expect(await unknownConditionKeys(withContext('kms:EncryptionContext:'))).toEqual([
      'Context: kms:EncryptionContext: for kms:Decrypt',
    ]);
  });

  it('expands wildcards to real actions, case-insensitively', async () => {
    expect(await expandAction('kms:Encrypt*')).toEqual(['kms:Encrypt']);
    expect(await expandAction('sagemaker:createpresignednotebookinstanceurl')).toEqual([
      'sagemaker:CreatePresignedNotebookInstanceUrl',
    ]);
    expect((await expandAction('sagemaker:*')).length).toBeGreaterThan(100);
    expect(actionMatches('kms:ReEncrypt*', 'kms:ReEncryptFrom')).toBe(true);
    expect(actionMatches('kms:Re?ncryptFrom', 'kms:ReEncryptFrom')).toBe(true);
    expect(actionMatches('kms:Decrypt', 'kms:DecryptX')).toBe(false);
  });

  it('reports a misspelt action, an unknown service and a wildcard matching nothing', async () => {
    const document = policyDocument({
      Sid: 'Typos',
      Effect: 'Allow',
      Action: ['sagemaker:CreatePresignedNotebookUrl', 'sagemakr:ListNotebookInstances', 'kms:Frobnicate*'],
      Resource: '*',
    });
    expect(await unknownActions(document)).toEqual([
      'Typos: sagemaker:CreatePresignedNotebookUrl',
      'Typos: sagemakr:ListNotebookInstances',
      'Typos: kms:Frobnicate*',
    ]);
  });

  it('reports a service key on an action that does not support it, and an unknown global key', async () => {
    const document = policyDocument({
      Sid: 'WrongKeys',
      Effect: 'Deny',
      Action: ['sagemaker:UpdateNotebookInstance'],
      Resource: '*',
      Condition: {
        StringEquals: { 'sagemaker:DirectInternetAccess': 'Enabled', 'aws:SourceVpcEndpoint': 'vpce-1' },
      },
    });
    expect(await unknownConditionKeys(document)).toEqual([
      'WrongKeys: sagemaker:DirectInternetAccess for sagemaker:UpdateNotebookInstance',
      'WrongKeys: aws:SourceVpcEndpoint for sagemaker:UpdateNotebookInstance',
    ]);
  });
});
