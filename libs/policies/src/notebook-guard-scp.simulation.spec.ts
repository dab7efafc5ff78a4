/** The guard SCP's create/update rules through the real IAM evaluator, for an administrator. */
import { fixtureGuardScp } from './testing/built-documents';
import { ADMINISTRATOR_ACCESS, ADMIN_ROLE_ARN, BREAK_GLASS_ROLE_ARN, NOTEBOOK_ARN } from './testing/fixtures';
import { simulate, type RequestContext, type SimulationOutcome } from './testing/simulate';

const compliant: RequestContext = {
  'sagemaker:DirectInternetAccess': 'Disabled',
  'sagemaker:RootAccess': 'Disabled',
  'sagemaker:VpcSubnets': ['subnet-0a1b2c3d4e5f60001'],
};
const without = (key: string): RequestContext =>
  Object.fromEntries(Object.entries(compliant).filter(([candidate]) => candidate !== key));

// prettier-ignore
const CASES: readonly (readonly [string, string, 'CreateNotebookInstance' | 'UpdateNotebookInstance', RequestContext, SimulationOutcome, SimulationOutcome])[] = [
  // case                                      principal             action                    context                                                         without SCP   with SCP
  ['create: no internet, no root, in a VPC',   ADMIN_ROLE_ARN,       'CreateNotebookInstance', compliant,                                                      'Allowed',    'Allowed'],
  ['create: DirectInternetAccess Enabled',     ADMIN_ROLE_ARN,       'CreateNotebookInstance', { ...compliant, 'sagemaker:DirectInternetAccess': 'Enabled' }, 'Allowed',    'ExplicitlyDenied'],
  ['create: DirectInternetAccess left out',    ADMIN_ROLE_ARN,       'CreateNotebookInstance', without('sagemaker:DirectInternetAccess'),                     'Allowed',    'ExplicitlyDenied'],
  ['create: RootAccess Enabled',               ADMIN_ROLE_ARN,       'CreateNotebookInstance', { ...compliant, 'sagemaker:RootAccess': 'Enabled' },           'Allowed',    'ExplicitlyDenied'],
  ['create: RootAccess left out',              ADMIN_ROLE_ARN,       'CreateNotebookInstance', without('sagemaker:RootAccess'),                               'Allowed',    'ExplicitlyDenied'],
  ['create: no subnets',                       ADMIN_ROLE_ARN,       'CreateNotebookInstance', without('sagemaker:VpcSubnets'),                               'Allowed',    'ExplicitlyDenied'],
  ['create: break-glass, internet Enabled',    BREAK_GLASS_ROLE_ARN, 'CreateNotebookInstance', { ...compliant, 'sagemaker:DirectInternetAccess': 'Enabled' }, 'Allowed',    'Allowed'],
  ['update: RootAccess Enabled',               ADMIN_ROLE_ARN,       'UpdateNotebookInstance', { 'sagemaker:RootAccess': 'Enabled' },                          'Allowed',    'ExplicitlyDenied'],
  ['update: RootAccess Disabled',              ADMIN_ROLE_ARN,       'UpdateNotebookInstance', { 'sagemaker:RootAccess': 'Disabled' },                         'Allowed',    'Allowed'],
  ['update: RootAccess left unchanged',        ADMIN_ROLE_ARN,       'UpdateNotebookInstance', {},                                                             'Allowed',    'Allowed'],
  ['update: break-glass, RootAccess Enabled',  BREAK_GLASS_ROLE_ARN, 'UpdateNotebookInstance', { 'sagemaker:RootAccess': 'Enabled' },                          'Allowed',    'Allowed'],
];

describe('notebookGuardScp through the real IAM evaluator', () => {
  it.each(CASES)('%s', async (_case, principal, action, context, withoutScp, withScp) => {
    const request = {
      principal,
      action: `sagemaker:${action}`,
      resource: NOTEBOOK_ARN,
      identityPolicies: [ADMINISTRATOR_ACCESS],
      context,
    };
    expect(await simulate(request)).toBe(withoutScp);
    expect(await simulate({ ...request, scps: [fixtureGuardScp()] })).toBe(withScp);
  });
});
