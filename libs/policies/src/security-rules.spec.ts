import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';
import { builtDocuments, type PolicyKind } from './testing/built-documents';
import { checkPolicyRules, POLICY_RULES } from './testing/policy-rules';

describe('every built document against the IAM security rules', () => {
  it.each(builtDocuments().map((built) => [built.name, built] as const))('%s complies', async (_name, built) => {
    expect(await checkPolicyRules(built.document, built.kind, built.exemptions)).toEqual([]);
  });

  it('exempts sagemaker:* only for the documented scope "all" opt-in', () => {
    const exempted = builtDocuments().filter((built) => built.exemptions !== undefined);
    expect(exempted.map((built) => [built.name, built.exemptions])).toEqual([
      ['notebookAccessPolicy(sourceVpce, all)', { 'IAM.21': ['AllSageMakerOnNotebooksThroughEndpoints'] }],
      ['notebookAccessPolicy(sourceVpc, all)', { 'IAM.21': ['AllSageMakerOnNotebooksThroughEndpoints'] }],
    ]);
  });

  it('would flag the scope "all" opt-in without its exemption', async () => {
    const built = builtDocuments().filter((candidate) => candidate.name === 'notebookAccessPolicy(sourceVpce, all)');
    expect(built).toHaveLength(1);
    expect(await checkPolicyRules(built[0].document, 'identity')).toEqual([
      { ruleId: 'IAM.21', message: 'AllSageMakerOnNotebooksThroughEndpoints: allows sagemaker:*' },
    ]);
  });
});

const allow = (statement: Omit<PolicyStatement, 'Sid' | 'Effect'>): PolicyDocument =>
  policyDocument({ Sid: 'Bad', Effect: 'Allow', ...statement });
const ruleIds = async (document: PolicyDocument, kind: PolicyKind): Promise<string[]> =>
  [...new Set((await checkPolicyRules(document, kind)).map((violation) => violation.ruleId))].sort();

describe('each rule catches what it must (paired with the compliant builders above)', () => {
  it.each<[string, PolicyDocument, PolicyKind, string[]]>([
    [
      'Allow * on *',
      allow({ Action: '*', Resource: '*' }),
      'identity',
      ['AWS-0342', 'CKV_AWS_355', 'CKV_AWS_63', 'KMS.1'],
    ],
    ['Allow NotAction', allow({ NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }), 'identity', ['CKV_AWS_63']],
    [
      'Allow iam:*',
      allow({ Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/x' }),
      'identity',
      ['AWS-0342', 'CKV2_AWS_40', 'IAM.21'],
    ],
    [
      'Allow sagemaker:* on a notebook',
      allow({ Action: 'sagemaker:*', Resource: 'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/x' }),
      'identity',
      ['IAM.21'],
    ],
    [
      'Allow Describe on *',
      allow({ Action: 'sagemaker:DescribeNotebookInstance', Resource: '*' }),
      'identity',
      ['CKV_AWS_355'],
    ],
    ['Allow kms:Decrypt on *', allow({ Action: 'kms:Decrypt', Resource: '*' }), 'identity', ['CKV_AWS_355', 'KMS.1']],
    [
      'Allow kms:ReEncrypt* on *',
      allow({ Action: 'kms:ReEncrypt*', Resource: '*' }),
      'identity',
      ['CKV_AWS_355', 'KMS.1'],
    ],
    [
      'Allow iam:PassRole unscoped',
      allow({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/x' }),
      'identity',
      ['AWS-0342'],
    ],
    ['trust *', allow({ Principal: '*', Action: 'sts:AssumeRole' }), 'trust', ['CKV_AWS_60']],
    ['trust AWS *', allow({ Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }), 'trust', ['CKV_AWS_60']],
    [
      'trust an account root',
      allow({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }),
      'trust',
      ['CKV_AWS_60'],
    ],
    [
      'trust an account id',
      allow({ Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }),
      'trust',
      ['CKV_AWS_60'],
    ],
    [
      'trust a service without aws:SourceAccount',
      allow({ Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      'trust',
      ['SERVICE-SOURCE-ACCOUNT'],
    ],
    [
      'key policy: principal * without Condition',
      allow({ Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }),
      'key',
      ['CKV_AWS_33'],
    ],
    [
      'key policy: kms:* to another principal than the account root',
      allow({ Principal: { AWS: 'arn:aws:iam::111122223333:role/x' }, Action: 'kms:*', Resource: '*' }),
      'key',
      ['IAM.21'],
    ],
    [
      'endpoint policy: principal * without Condition',
      allow({ Principal: '*', Action: '*', Resource: '*' }),
      'endpoint',
      ['CKV_AWS_33'],
    ],
    [
      'SCP with a Principal',
      policyDocument({
        Sid: 'Bad',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sagemaker:CreateNotebookInstance',
        Resource: '*',
      }),
      'scp',
      ['SCP-NO-PRINCIPAL'],
    ],
    [
      'SCP over 5,120 characters',
      policyDocument({
        Sid: 'Bad',
        Effect: 'Deny',
        Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
        Resource: '*',
        Condition: {
          StringNotEquals: {
            'aws:SourceVpce': Array.from({ length: 300 }, (_, i) => `vpce-0${i.toString(16).padStart(16, '0')}`),
          },
        },
      }),
      'scp',
      ['SCP-SIZE'],
    ],
  ])('%s', async (_case, document, kind, expected) => {
    expect(await ruleIds(document, kind)).toEqual(expected);
  });

  it('keeps the rules as data: every rule has sources, an explanation and kinds', () => {
    for (const rule of POLICY_RULES) {
      expect(rule.sources.length).toBeGreaterThan(0);
      expect(rule.explanation).not.toBe('');
      expect(rule.kinds.length).toBeGreaterThan(0);
    }
    expect(new Set(POLICY_RULES.map((rule) => rule.id)).size).toBe(POLICY_RULES.length);
  });
});
