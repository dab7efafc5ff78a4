import { notebookAccessPolicy, type NotebookAccessPolicyProps } from './notebook-access-policy';
import type { PolicyStatement } from './policy-document';

const props: NotebookAccessPolicyProps = {
  accountId: '111122223333',
  region: 'eu-west-1',
  notebookNames: ['Analysis-Dev', 'reporting-dev'],
  notebookEndpointId: 'vpce-0notebook',
  apiEndpointId: 'vpce-0api',
  vpcId: 'vpc-0env',
};
const notebookArns = [
  'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/analysis-dev',
  'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/reporting-dev',
];

function statement(document: ReturnType<typeof notebookAccessPolicy>, sid: string): PolicyStatement {
  const found = document.Statement.find((candidate) => candidate.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid} in ${JSON.stringify(document)}`);
  return found;
}

describe('notebookAccessPolicy, defaults (sourceVpce, notebook)', () => {
  const document = notebookAccessPolicy(props);

  it('has exactly the six statements, in order', () => {
    expect(document.Statement.map((s) => s.Sid)).toEqual([
      'OpenNotebooksThroughEndpoints',
      'ListNotebooksThroughEndpoints',
      'DenyPresignedUrlOutsideEndpoints',
      'DenyStartStopOutsideEndpoints',
      'DenyNotebookActionsOutsideEndpoints',
      'DenyListNotebooksOutsideEndpoints',
    ]);
  });

  it('allows opening, describing, starting and stopping the notebooks (lower-cased ARNs) only through the two endpoints', () => {
    expect(statement(document, 'OpenNotebooksThroughEndpoints')).toEqual({
      Sid: 'OpenNotebooksThroughEndpoints',
      Effect: 'Allow',
      Action: [
        'sagemaker:CreatePresignedNotebookInstanceUrl',
        'sagemaker:DescribeNotebookInstance',
        'sagemaker:StartNotebookInstance',
        'sagemaker:StopNotebookInstance',
      ],
      Resource: notebookArns,
      Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-0notebook', 'vpce-0api'] } },
    });
  });

  it('keeps the list-only action alone on "*", with the same condition', () => {
    expect(statement(document, 'ListNotebooksThroughEndpoints')).toEqual({
      Sid: 'ListNotebooksThroughEndpoints',
      Effect: 'Allow',
      Action: 'sagemaker:ListNotebookInstances',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-0notebook', 'vpce-0api'] } },
    });
  });

  it('denies the presigned URL outside the endpoints with no exemption at all', () => {
    expect(statement(document, 'DenyPresignedUrlOutsideEndpoints')).toEqual({
      Sid: 'DenyPresignedUrlOutsideEndpoints',
      Effect: 'Deny',
      Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
      Resource: notebookArns,
      Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0notebook', 'vpce-0api'] } },
    });
  });

  it('denies Start and Stop outside the endpoints with no exemption either', () => {
    expect(statement(document, 'DenyStartStopOutsideEndpoints')).toEqual({
      Sid: 'DenyStartStopOutsideEndpoints',
      Effect: 'Deny',
      Action: ['sagemaker:StartNotebookInstance', 'sagemaker:StopNotebookInstance'],
      Resource: notebookArns,
      Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0notebook', 'vpce-0api'] } },
    });
  });

  it('denies Describe and List outside the endpoints, except calls AWS services make for the user', () => {
    const condition = {
      StringNotEquals: { 'aws:SourceVpce': ['vpce-0notebook', 'vpce-0api'] },
      BoolIfExists: { 'aws:ViaAWSService': 'false' },
    };
    expect(statement(document, 'DenyNotebookActionsOutsideEndpoints')).toEqual({
      Sid: 'DenyNotebookActionsOutsideEndpoints',
      Effect: 'Deny',
      Action: ['sagemaker:DescribeNotebookInstance'],
      Resource: notebookArns,
      Condition: condition,
    });
    expect(statement(document, 'DenyListNotebooksOutsideEndpoints')).toEqual({
      Sid: 'DenyListNotebooksOutsideEndpoints',
      Effect: 'Deny',
      Action: 'sagemaker:ListNotebookInstances',
      Resource: '*',
      Condition: condition,
    });
  });

  it('uses no "IfExists" on the source key, so a missing aws:SourceVpce (internet) is denied', () => {
    for (const s of document.Statement.filter((candidate) => candidate.Effect === 'Deny')) {
      expect(Object.keys(s.Condition ?? {})).toContain('StringNotEquals');
      expect(Object.keys(s.Condition ?? {})).not.toContain('StringNotEqualsIfExists');
    }
  });

  it('never allows "sagemaker:*"', () => {
    expect(JSON.stringify(document)).not.toContain('sagemaker:*');
  });
});

describe('notebookAccessPolicy, mode sourceVpc', () => {
  const document = notebookAccessPolicy({ ...props, mode: 'sourceVpc' });

  it('conditions every statement on aws:SourceVpc instead of the endpoint ids', () => {
    for (const s of document.Statement) {
      const condition = s.Condition ?? {};
      const operator = s.Effect === 'Allow' ? 'StringEquals' : 'StringNotEquals';
      expect(condition[operator]).toEqual({ 'aws:SourceVpc': ['vpc-0env'] });
    }
    expect(JSON.stringify(document)).not.toContain('aws:SourceVpce');
  });
});

describe('notebookAccessPolicy, scope all (explicit opt-in)', () => {
  const document = notebookAccessPolicy({ ...props, scope: 'all' });

  it('allows sagemaker:* on the notebooks only, still through the endpoints', () => {
    expect(statement(document, 'AllSageMakerOnNotebooksThroughEndpoints')).toEqual({
      Sid: 'AllSageMakerOnNotebooksThroughEndpoints',
      Effect: 'Allow',
      Action: ['sagemaker:*'],
      Resource: notebookArns,
      Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-0notebook', 'vpce-0api'] } },
    });
  });

  it('denies sagemaker:* on the notebooks outside the endpoints and keeps the presigned-URL and Start/Stop Denies', () => {
    expect(statement(document, 'DenyNotebookActionsOutsideEndpoints').Action).toEqual(['sagemaker:*']);
    expect(statement(document, 'DenyPresignedUrlOutsideEndpoints').Action).toBe(
      'sagemaker:CreatePresignedNotebookInstanceUrl',
    );
    expect(statement(document, 'DenyStartStopOutsideEndpoints').Condition).toEqual({
      StringNotEquals: { 'aws:SourceVpce': ['vpce-0notebook', 'vpce-0api'] },
    });
  });

  it('still lists notebooks in a statement of its own', () => {
    expect(statement(document, 'ListNotebooksThroughEndpoints').Resource).toBe('*');
  });
});

describe('notebookAccessPolicy with Terraform tokens', () => {
  it('passes tokens through unvalidated', () => {
    const document = notebookAccessPolicy({
      ...props,
      notebookEndpointId: '${aws_vpc_endpoint.notebook.id}',
      apiEndpointId: '${aws_vpc_endpoint.sagemaker_api.id}',
    });
    expect(statement(document, 'OpenNotebooksThroughEndpoints').Condition).toEqual({
      StringEquals: { 'aws:SourceVpce': ['${aws_vpc_endpoint.notebook.id}', '${aws_vpc_endpoint.sagemaker_api.id}'] },
    });
  });
});

describe('notebookAccessPolicy input validation', () => {
  it.each([
    ['notebookEndpointId', { notebookEndpointId: '' }, /notebookEndpointId must be a non-empty string; got ""/],
    ['apiEndpointId', { apiEndpointId: ' ' }, /apiEndpointId must be a non-empty string; got " "/],
    ['vpcId', { vpcId: '' }, /vpcId must be a non-empty string/],
    ['accountId', { accountId: '' }, /accountId must be a non-empty string/],
    ['notebookNames empty', { notebookNames: [] }, /notebookNames must name at least one value; got \[\]/],
    ['a notebook name empty', { notebookNames: ['ok', ''] }, /notebookNames\[1\] must be a non-empty string/],
    ['mode', { mode: 'sourceIp' as never }, /mode must be 'sourceVpce' or 'sourceVpc'; got "sourceIp"/],
    ['scope', { scope: 'admin' as never }, /scope must be 'notebook' or 'all'; got "admin"/],
  ])('refuses a bad %s', (_field, override, message) => {
    expect(() => notebookAccessPolicy({ ...props, ...override })).toThrow(message);
  });

  it('names the builder in the message', () => {
    expect(() => notebookAccessPolicy({ ...props, vpcId: '' })).toThrow(/^notebookAccessPolicy: /);
  });
});
