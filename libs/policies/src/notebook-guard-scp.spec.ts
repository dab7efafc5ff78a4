import { notebookGuardScp, SCP_MAX_CHARACTERS, type NotebookGuardScpProps } from './notebook-guard-scp';
import { renderPolicy, type PolicyDocument, type PolicyStatement } from './policy-document';

const breakGlass = ['arn:aws:iam::111122223333:role/BreakGlassAdmin'];
const notBreakGlass = { ArnNotEquals: { 'aws:PrincipalArn': breakGlass } };
const lifecycle = 'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance-lifecycle-config/analysis-dev-idle-stop';
/** Real endpoint ids are `vpce-` and 17 hex digits. */
const endpointIds = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `vpce-0${i.toString(16).padStart(16, '0')}`);

function statement(document: PolicyDocument, sid: string): PolicyStatement {
  const found = document.Statement.find((candidate) => candidate.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid}`);
  return found;
}

const props: NotebookGuardScpProps = {
  allowedEndpointIds: ['vpce-0notebook', 'vpce-0api'],
  breakGlassPrincipalArns: breakGlass,
  allowedLifecycleConfigArns: [lifecycle],
};

describe('notebookGuardScp', () => {
  const document = notebookGuardScp(props);

  it('has the eleven Deny statements and nothing else', () => {
    expect(document.Statement.map((s) => [s.Sid, s.Effect])).toEqual([
      ['DenyPresignedNotebookUrlOutsideEndpoints', 'Deny'],
      ['DenyNotebookWithDirectInternetAccess', 'Deny'],
      ['DenyNotebookWithRootAccess', 'Deny'],
      ['DenyEnablingNotebookRootAccess', 'Deny'],
      ['DenyNotebookOutsideVpc', 'Deny'],
      ['DenyNotebookWithImdsV1', 'Deny'],
      ['DenyDowngradingNotebookImds', 'Deny'],
      ['DenyNotebookWithoutVolumeKey', 'Deny'],
      ['DenyForeignLifecycleConfig', 'Deny'],
      ['ProtectBreakGlassRoles', 'Deny'],
      ['DenyWaysOutOfTheVpc', 'Deny'],
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

  it('denies creating a notebook without subnets or without a volume key', () => {
    expect(statement(document, 'DenyNotebookOutsideVpc').Condition).toEqual({
      Null: { 'sagemaker:VpcSubnets': 'true' },
      ...notBreakGlass,
    });
    expect(statement(document, 'DenyNotebookWithoutVolumeKey')).toEqual({
      Sid: 'DenyNotebookWithoutVolumeKey',
      Effect: 'Deny',
      Action: 'sagemaker:CreateNotebookInstance',
      Resource: '*',
      Condition: { Null: { 'sagemaker:VolumeKmsKeyArn': 'true' }, ...notBreakGlass },
    });
  });

  it('denies IMDSv1: at create unless "2" is asked for, by update when "1" is', () => {
    expect(statement(document, 'DenyNotebookWithImdsV1')).toEqual({
      Sid: 'DenyNotebookWithImdsV1',
      Effect: 'Deny',
      Action: 'sagemaker:CreateNotebookInstance',
      Resource: '*',
      Condition: { StringNotEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': '2' }, ...notBreakGlass },
    });
    expect(statement(document, 'DenyDowngradingNotebookImds')).toEqual({
      Sid: 'DenyDowngradingNotebookImds',
      Effect: 'Deny',
      Action: 'sagemaker:UpdateNotebookInstance',
      Resource: '*',
      Condition: { StringEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': '1' }, ...notBreakGlass },
    });
  });

  it('denies a lifecycle configuration other than the environment\'s, at create and update', () => {
    expect(statement(document, 'DenyForeignLifecycleConfig')).toEqual({
      Sid: 'DenyForeignLifecycleConfig',
      Effect: 'Deny',
      Action: ['sagemaker:CreateNotebookInstance', 'sagemaker:UpdateNotebookInstance'],
      Resource: '*',
      Condition: {
        'ForAnyValue:ArnNotEquals': { 'sagemaker:NotebookInstanceLifecycleConfigArns': [lifecycle] },
        ...notBreakGlass,
      },
    });
  });

  it('denies every lifecycle configuration when the environment has none', () => {
    const none = notebookGuardScp({ ...props, allowedLifecycleConfigArns: undefined });
    expect(statement(none, 'DenyForeignLifecycleConfig').Condition).toEqual({
      Null: { 'sagemaker:NotebookInstanceLifecycleConfigArns': 'false' },
      ...notBreakGlass,
    });
  });

  it('lets no one but break-glass change, create, delete, tag or pass the break-glass roles', () => {
    expect(statement(document, 'ProtectBreakGlassRoles')).toEqual({
      Sid: 'ProtectBreakGlassRoles',
      Effect: 'Deny',
      Action: [
        'iam:AttachRolePolicy',
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:DeleteRolePermissionsBoundary',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PassRole',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
      ],
      Resource: breakGlass,
      Condition: notBreakGlass,
    });
  });

  it('denies the ways out of the VPC by default, and not when switched off', () => {
    expect(statement(document, 'DenyWaysOutOfTheVpc')).toEqual({
      Sid: 'DenyWaysOutOfTheVpc',
      Effect: 'Deny',
      Action: [
        'ec2:AcceptVpcPeeringConnection',
        'ec2:AttachInternetGateway',
        'ec2:CreateEgressOnlyInternetGateway',
        'ec2:CreateVpcPeeringConnection',
      ],
      Resource: '*',
      Condition: notBreakGlass,
    });
    const off = notebookGuardScp({ ...props, enableVpcEgressGuard: false });
    expect(off.Statement.map((s) => s.Sid)).not.toContain('DenyWaysOutOfTheVpc');
    expect(off.Statement).toHaveLength(10);
  });

  it('has no Principal element (SCP grammar) and exempts only through ArnNotEquals aws:PrincipalArn', () => {
    for (const s of document.Statement) {
      expect(s.Principal).toBeUndefined();
      expect(s.NotPrincipal).toBeUndefined();
      expect(s.Condition?.['ArnNotEquals']).toEqual({ 'aws:PrincipalArn': breakGlass });
      expect(s.Condition?.['ArnNotLike']).toBeUndefined();
    }
  });
});

describe('notebookGuardScp size', () => {
  const sized = (count: number) => notebookGuardScp({ allowedEndpointIds: endpointIds(count), breakGlassPrincipalArns: breakGlass });

  it('fits 30 environments (60 endpoint ids) under the 5,120-character quota', () => {
    expect(renderPolicy(sized(60)).length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
  });

  it('refuses a policy over the quota, saying how big it is and how many ids it holds', () => {
    expect(() => sized(100)).toThrow(
      /^notebookGuardScp: the rendered SCP is \d{4} characters, over the 5120-character Organizations quota; allowedEndpointIds holds 100 ids: split the environments over several SCPs$/,
    );
  });

  it('draws the line at the quota: 70 ids fit, 71 do not', () => {
    expect(renderPolicy(sized(70)).length).toBe(5116);
    expect(() => sized(71)).toThrow(/the rendered SCP is 5141 characters/);
  });
});

describe('notebookGuardScp input validation', () => {
  const exactRole = 'must be the exact ARN of an IAM role (arn:aws:iam::<12-digit account>:role/<name>), without wildcards';
  it.each([
    [{ allowedEndpointIds: [] }, 'notebookGuardScp: allowedEndpointIds must name at least one value; got []'],
    [{ allowedEndpointIds: ['vpce-1', ''] }, 'notebookGuardScp: allowedEndpointIds[1] must be a non-empty string; got ""'],
    [{ breakGlassPrincipalArns: [] }, 'notebookGuardScp: breakGlassPrincipalArns must name at least one value; got []'],
    ...[
      '*',
      'arn:aws:iam::*:role/BreakGlass*',
      'arn:aws:iam::111122223333:role/BreakGlass*',
      'arn:aws:iam::111122223333:role/BreakGlass?',
      'arn:aws:iam::*:role/BreakGlassAdmin',
      'arn:aws:iam::111122223333:root',
      'arn:aws:iam::111122223333:user/emergency',
    ].map((arn) => [
      { breakGlassPrincipalArns: [arn] },
      `notebookGuardScp: breakGlassPrincipalArns[0] ${exactRole}; got ${JSON.stringify(arn)}`,
    ]),
    ...[
      'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance-lifecycle-config/*',
      'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance-lifecycle-config/Analysis-Dev-idle-stop',
      'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/analysis-dev',
      'analysis-dev-idle-stop',
    ].map((arn) => [
      { allowedLifecycleConfigArns: [lifecycle, arn] },
      'notebookGuardScp: allowedLifecycleConfigArns[1] must be the exact ARN of a notebook lifecycle configuration ' +
        '(arn:aws:sagemaker:<region>:<12-digit account>:notebook-instance-lifecycle-config/<lower-case name>), ' +
        `without wildcards; got ${JSON.stringify(arn)}`,
    ]),
  ] as [Partial<NotebookGuardScpProps>, string][])('refuses %j', (override, message) => {
    expect(() => notebookGuardScp({ ...props, ...override })).toThrow(message);
  });

  it('accepts Terraform tokens and exact role ARNs with a path', () => {
    expect(() =>
      notebookGuardScp({
        allowedEndpointIds: ['${aws_vpc_endpoint.sagemaker_api.id}'],
        breakGlassPrincipalArns: ['${aws_iam_role.break_glass.arn}', 'arn:aws:iam::111122223333:role/ops/BreakGlassAdmin'],
        allowedLifecycleConfigArns: ['${aws_sagemaker_notebook_instance_lifecycle_configuration.idle.arn}'],
      }),
    ).not.toThrow();
  });
});
