/** The guard SCP through the real IAM evaluator, for an administrator of the account and for break-glass. */
import { notebookGuardScp } from './notebook-guard-scp';
import { fixtureGuardScp } from './testing/built-documents';
import {
  ACCOUNT_ID,
  ADMINISTRATOR_ACCESS,
  ADMIN_ROLE_ARN,
  API_ENDPOINT_ID,
  BREAK_GLASS_ROLE_ARN,
  FOREIGN_LIFECYCLE_CONFIG_ARN,
  KMS_KEY_ARN,
  LIFECYCLE_CONFIG_ARN,
  NOTEBOOK_ARN,
  NOTEBOOK_ENDPOINT_ID,
  NOTEBOOK_USER_ROLE_ARN,
  REGION,
  REQUEST_SOURCES,
} from './testing/fixtures';
import { simulate, type PolicyInput, type RequestContext, type SimulationOutcome } from './simulate';

const A: SimulationOutcome = 'Allowed';
const X: SimulationOutcome = 'ExplicitlyDenied';

/** A create request AWS would build for the notebooks the stack creates (no lifecycle configuration). */
const compliant: RequestContext = {
  'sagemaker:DirectInternetAccess': 'Disabled',
  'sagemaker:RootAccess': 'Disabled',
  'sagemaker:VpcSubnets': ['subnet-0a1b2c3d4e5f60001'],
  'sagemaker:MinimumInstanceMetadataServiceVersion': '2',
  'sagemaker:VolumeKmsKeyArn': KMS_KEY_ARN,
};
const without = (key: string): RequestContext =>
  Object.fromEntries(Object.entries(compliant).filter(([candidate]) => candidate !== key));
const lifecycle = (...arns: string[]): RequestContext => ({ ...compliant, 'sagemaker:NotebookInstanceLifecycleConfigArns': arns });

async function outcomes(
  principal: string,
  action: string,
  resource: string,
  context: RequestContext,
  scp: PolicyInput = fixtureGuardScp(),
): Promise<[SimulationOutcome, SimulationOutcome]> {
  const request = { principal, action, resource, identityPolicies: [ADMINISTRATOR_ACCESS], context };
  return [await simulate(request), await simulate({ ...request, scps: [scp] })];
}

// prettier-ignore
const NOTEBOOK_CASES: readonly (readonly [string, string, 'CreateNotebookInstance' | 'UpdateNotebookInstance', RequestContext, SimulationOutcome, SimulationOutcome])[] = [
  // case                                           principal             action                    context                                                          without SCP, with SCP
  ['create: no internet, no root, in a VPC',        ADMIN_ROLE_ARN,       'CreateNotebookInstance', compliant,                                                       A, A],
  ['create: DirectInternetAccess Enabled',          ADMIN_ROLE_ARN,       'CreateNotebookInstance', { ...compliant, 'sagemaker:DirectInternetAccess': 'Enabled' },  A, X],
  ['create: DirectInternetAccess left out',         ADMIN_ROLE_ARN,       'CreateNotebookInstance', without('sagemaker:DirectInternetAccess'),                      A, X],
  ['create: RootAccess Enabled',                    ADMIN_ROLE_ARN,       'CreateNotebookInstance', { ...compliant, 'sagemaker:RootAccess': 'Enabled' },            A, X],
  ['create: RootAccess left out',                   ADMIN_ROLE_ARN,       'CreateNotebookInstance', without('sagemaker:RootAccess'),                                A, X],
  ['create: no subnets',                            ADMIN_ROLE_ARN,       'CreateNotebookInstance', without('sagemaker:VpcSubnets'),                                A, X],
  ['create: the environment\'s lifecycle config',   ADMIN_ROLE_ARN,       'CreateNotebookInstance', lifecycle(LIFECYCLE_CONFIG_ARN),                                A, A],
  ['create: a foreign lifecycle config',            ADMIN_ROLE_ARN,       'CreateNotebookInstance', lifecycle(FOREIGN_LIFECYCLE_CONFIG_ARN),                        A, X],
  ['create: own and foreign lifecycle configs',     ADMIN_ROLE_ARN,       'CreateNotebookInstance', lifecycle(LIFECYCLE_CONFIG_ARN, FOREIGN_LIFECYCLE_CONFIG_ARN),  A, X],
  ['create: IMDSv1 allowed',                        ADMIN_ROLE_ARN,       'CreateNotebookInstance', { ...compliant, 'sagemaker:MinimumInstanceMetadataServiceVersion': '1' }, A, X],
  ['create: IMDS version left out (AWS: v1)',       ADMIN_ROLE_ARN,       'CreateNotebookInstance', without('sagemaker:MinimumInstanceMetadataServiceVersion'),     A, X],
  ['create: no volume KMS key',                     ADMIN_ROLE_ARN,       'CreateNotebookInstance', without('sagemaker:VolumeKmsKeyArn'),                           A, X],
  ['create: break-glass, internet Enabled',         BREAK_GLASS_ROLE_ARN, 'CreateNotebookInstance', { ...compliant, 'sagemaker:DirectInternetAccess': 'Enabled' },  A, A],
  ['create: break-glass, a foreign lifecycle',      BREAK_GLASS_ROLE_ARN, 'CreateNotebookInstance', lifecycle(FOREIGN_LIFECYCLE_CONFIG_ARN),                        A, A],
  ['update: RootAccess Enabled',                    ADMIN_ROLE_ARN,       'UpdateNotebookInstance', { 'sagemaker:RootAccess': 'Enabled' },                           A, X],
  ['update: RootAccess Disabled',                   ADMIN_ROLE_ARN,       'UpdateNotebookInstance', { 'sagemaker:RootAccess': 'Disabled' },                          A, A],
  ['update: nothing the SCP looks at',              ADMIN_ROLE_ARN,       'UpdateNotebookInstance', {},                                                              A, A],
  ['update: a foreign lifecycle config',            ADMIN_ROLE_ARN,       'UpdateNotebookInstance', { 'sagemaker:NotebookInstanceLifecycleConfigArns': [FOREIGN_LIFECYCLE_CONFIG_ARN] }, A, X],
  ['update: the environment\'s lifecycle config',   ADMIN_ROLE_ARN,       'UpdateNotebookInstance', { 'sagemaker:NotebookInstanceLifecycleConfigArns': [LIFECYCLE_CONFIG_ARN] }, A, A],
  ['update: back to IMDSv1',                        ADMIN_ROLE_ARN,       'UpdateNotebookInstance', { 'sagemaker:MinimumInstanceMetadataServiceVersion': '1' },      A, X],
  ['update: IMDSv2',                                ADMIN_ROLE_ARN,       'UpdateNotebookInstance', { 'sagemaker:MinimumInstanceMetadataServiceVersion': '2' },      A, A],
  ['update: break-glass, RootAccess Enabled',       BREAK_GLASS_ROLE_ARN, 'UpdateNotebookInstance', { 'sagemaker:RootAccess': 'Enabled' },                           A, A],
];

describe('notebookGuardScp: notebook settings', () => {
  it.each(NOTEBOOK_CASES)('%s', async (_case, principal, action, context, withoutScp, withScp) => {
    expect(await outcomes(principal, `sagemaker:${action}`, NOTEBOOK_ARN, context)).toEqual([withoutScp, withScp]);
  });
});

describe('notebookGuardScp: the break-glass roles are protected', () => {
  // Every change AWS's "protect IAM roles" SCP example denies, plus creating the role (when it does
  // not exist yet), its tags, and passing it to a service that would then run as break-glass.
  it.each([
    'iam:UpdateAssumeRolePolicy',
    'iam:AttachRolePolicy',
    'iam:DetachRolePolicy',
    'iam:PutRolePolicy',
    'iam:DeleteRolePolicy',
    'iam:PutRolePermissionsBoundary',
    'iam:DeleteRolePermissionsBoundary',
    'iam:DeleteRole',
    'iam:UpdateRole',
    'iam:UpdateRoleDescription',
    'iam:CreateRole',
    'iam:TagRole',
    'iam:UntagRole',
    'iam:PassRole',
  ])('an administrator outside break-glass may not %s on a break-glass role; break-glass may', async (action) => {
    expect(await outcomes(ADMIN_ROLE_ARN, action, BREAK_GLASS_ROLE_ARN, {})).toEqual([A, X]);
    expect(await outcomes(BREAK_GLASS_ROLE_ARN, action, BREAK_GLASS_ROLE_ARN, {})).toEqual([A, A]);
  });

  it('leaves other roles to IAM', async () => {
    expect(await outcomes(ADMIN_ROLE_ARN, 'iam:UpdateAssumeRolePolicy', NOTEBOOK_USER_ROLE_ARN, {})).toEqual([A, A]);
  });

  it('exempts the exact break-glass ARN only: a look-alike role is guarded like any other', async () => {
    const lookAlike = `arn:aws:iam::${ACCOUNT_ID}:role/BreakGlassAdmin-copy`;
    const url = (principal: string) =>
      outcomes(principal, 'sagemaker:CreatePresignedNotebookInstanceUrl', NOTEBOOK_ARN, REQUEST_SOURCES.internet);
    expect(await url(lookAlike)).toEqual([A, X]);
    expect(await url(ADMIN_ROLE_ARN)).toEqual([A, X]);
    expect(await url(BREAK_GLASS_ROLE_ARN)).toEqual([A, A]);
  });
});

describe('notebookGuardScp: no way out of the VPC', () => {
  const vpc = `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:vpc/vpc-0a1b2c3d4e5f60001`;
  const CASES = [
    ['ec2:AttachInternetGateway', `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:internet-gateway/igw-0a1b2c3d4e5f60001`],
    ['ec2:AttachInternetGateway', vpc],
    ['ec2:CreateEgressOnlyInternetGateway', vpc],
    ['ec2:CreateVpcPeeringConnection', vpc],
    ['ec2:AcceptVpcPeeringConnection', `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:vpc-peering-connection/pcx-0a1b2c3d4e5f60001`],
  ] as const;

  it.each(CASES)('an administrator outside break-glass may not %s (%s); break-glass may', async (action, resource) => {
    expect(await outcomes(ADMIN_ROLE_ARN, action, resource, {})).toEqual([A, X]);
    expect(await outcomes(BREAK_GLASS_ROLE_ARN, action, resource, {})).toEqual([A, A]);
  });

  it.each(CASES)('enableVpcEgressGuard: false leaves %s (%s) to IAM', async (action, resource) => {
    const scp = notebookGuardScp({
      allowedEndpointIds: [NOTEBOOK_ENDPOINT_ID, API_ENDPOINT_ID],
      breakGlassPrincipalArns: [BREAK_GLASS_ROLE_ARN],
      allowedLifecycleConfigArns: [LIFECYCLE_CONFIG_ARN],
      enableVpcEgressGuard: false,
    });
    expect(await outcomes(ADMIN_ROLE_ARN, action, resource, {}, scp)).toEqual([A, A]);
  });
});

describe('notebookGuardScp without any lifecycle configuration of the environment', () => {
  const scp = notebookGuardScp({ allowedEndpointIds: [NOTEBOOK_ENDPOINT_ID], breakGlassPrincipalArns: [BREAK_GLASS_ROLE_ARN] });

  it('refuses every lifecycle configuration, and keeps a notebook without one allowed', async () => {
    const create = (context: RequestContext) => outcomes(ADMIN_ROLE_ARN, 'sagemaker:CreateNotebookInstance', NOTEBOOK_ARN, context, scp);
    expect(await create(lifecycle(LIFECYCLE_CONFIG_ARN))).toEqual([A, X]);
    expect(await create(compliant)).toEqual([A, A]);
  });
});
