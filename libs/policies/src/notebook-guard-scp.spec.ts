import { notebookGuardScp, SCP_MAX_CHARACTERS } from './notebook-guard-scp';
import { renderPolicy, type PolicyDocument, type PolicyStatement } from './policy-document';

const breakGlass = ['arn:aws:iam::*:role/BreakGlass*'];
const notBreakGlass = { ArnNotLike: { 'aws:PrincipalArn': breakGlass } };
/** Real endpoint ids are `vpce-` and 17 hex digits. */
const endpointIds = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `vpce-0${i.toString(16).padStart(16, '0')}`);

function statement(document: PolicyDocument, sid: string): PolicyStatement {
  const found = document.Statement.find((candidate) => candidate.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid}`);
  return found;
}

describe('notebookGuardScp', () => {
  const document = notebookGuardScp({
    allowedEndpointIds: ['vpce-0notebook', 'vpce-0api'],
    breakGlassPrincipalArns: breakGlass,
  });

  it('has the five Deny statements and nothing else', () => {
    expect(document.Statement.map((s) => [s.Sid, s.Effect])).toEqual([
      ['DenyPresignedNotebookUrlOutsideEndpoints', 'Deny'],
      ['DenyNotebookWithDirectInternetAccess', 'Deny'],
      ['DenyNotebookWithRootAccess', 'Deny'],
      ['DenyEnablingNotebookRootAccess', 'Deny'],
      ['DenyNotebookOutsideVpc', 'Deny'],
    ]);
  });

  it('denies the presigned URL unless it comes through an allowed endpoint or from break-glass', () => {
    expect(statement(document, 'DenyPresignedNotebookUrlOutsideEndpoints')).toEqual({
      Sid: 'DenyPresignedNotebookUrlOutsideEndpoints',
      Effect: 'Deny',
      Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0notebook', 'vpce-0api'] }, ...notBreakGlass },
    });
  });

  it('denies creating a notebook unless DirectInternetAccess and RootAccess are explicitly Disabled', () => {
    expect(statement(document, 'DenyNotebookWithDirectInternetAccess')).toEqual({
      Sid: 'DenyNotebookWithDirectInternetAccess',
      Effect: 'Deny',
      Action: 'sagemaker:CreateNotebookInstance',
      Resource: '*',
      Condition: { StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' }, ...notBreakGlass },
    });
    expect(statement(document, 'DenyNotebookWithRootAccess').Condition).toEqual({
      StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' },
      ...notBreakGlass,
    });
  });

  it('denies turning RootAccess on by update', () => {
    expect(statement(document, 'DenyEnablingNotebookRootAccess')).toEqual({
      Sid: 'DenyEnablingNotebookRootAccess',
      Effect: 'Deny',
      Action: 'sagemaker:UpdateNotebookInstance',
      Resource: '*',
      Condition: { StringEquals: { 'sagemaker:RootAccess': 'Enabled' }, ...notBreakGlass },
    });
  });

  it('denies creating a notebook without subnets', () => {
    expect(statement(document, 'DenyNotebookOutsideVpc').Condition).toEqual({
      Null: { 'sagemaker:VpcSubnets': 'true' },
      ...notBreakGlass,
    });
  });

  it('has no Principal element (SCP grammar) and exempts only through ArnNotLike aws:PrincipalArn', () => {
    for (const s of document.Statement) {
      expect(s.Principal).toBeUndefined();
      expect(s.NotPrincipal).toBeUndefined();
      expect(s.Condition?.['ArnNotLike']).toEqual({ 'aws:PrincipalArn': breakGlass });
    }
  });
});

describe('notebookGuardScp size', () => {
  it('fits 75 environments (150 endpoint ids) under the 5,120-character quota', () => {
    const document = notebookGuardScp({ allowedEndpointIds: endpointIds(150), breakGlassPrincipalArns: breakGlass });
    expect(renderPolicy(document).length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
  });

  it('refuses a policy over the quota, saying how big it is and how many ids it holds', () => {
    expect(() =>
      notebookGuardScp({ allowedEndpointIds: endpointIds(200), breakGlassPrincipalArns: breakGlass }),
    ).toThrow(
      /notebookGuardScp: the rendered SCP is \d{4} characters, over the 5120-character Organizations quota; allowedEndpointIds holds 200 ids: split the environments over several SCPs/,
    );
  });

  it('draws the line at the quota: 152 ids fit, 153 do not', () => {
    const largest = notebookGuardScp({ allowedEndpointIds: endpointIds(152), breakGlassPrincipalArns: breakGlass });
    expect(renderPolicy(largest).length).toBe(5100);
    expect(() =>
      notebookGuardScp({ allowedEndpointIds: endpointIds(153), breakGlassPrincipalArns: breakGlass }),
    ).toThrow(/the rendered SCP is 5125 characters/);
  });
});

describe('notebookGuardScp input validation', () => {
  it.each([
    [{ allowedEndpointIds: [] }, /allowedEndpointIds must name at least one value; got \[\]/],
    [{ allowedEndpointIds: ['vpce-1', ''] }, /allowedEndpointIds\[1\] must be a non-empty string; got ""/],
    [{ breakGlassPrincipalArns: [] }, /breakGlassPrincipalArns must name at least one value; got \[\]/],
    [
      { breakGlassPrincipalArns: ['*'] },
      /breakGlassPrincipalArns\[0\] must be an IAM role or user ARN pattern with a name .*; got "\*"/,
    ],
    [
      { breakGlassPrincipalArns: ['arn:aws:iam::*:role/*'] },
      /breakGlassPrincipalArns\[0\] .*; got "arn:aws:iam::\*:role\/\*"/,
    ],
    [{ breakGlassPrincipalArns: ['arn:aws:iam::111122223333:root'] }, /got "arn:aws:iam::111122223333:root"/],
  ])('refuses %j', (override, message) => {
    expect(() =>
      notebookGuardScp({ allowedEndpointIds: ['vpce-1'], breakGlassPrincipalArns: breakGlass, ...override }),
    ).toThrow(message);
  });

  it('accepts Terraform tokens and narrow patterns', () => {
    expect(() =>
      notebookGuardScp({
        allowedEndpointIds: ['${aws_vpc_endpoint.sagemaker_api.id}'],
        breakGlassPrincipalArns: ['${aws_iam_role.break_glass.arn}', 'arn:aws:iam::111122223333:user/emergency'],
      }),
    ).not.toThrow();
  });
});
