/**
 * The access policy and the guard SCP through the real IAM evaluator (iam-simulate): who can open,
 * describe and list the notebooks from where. Every cell of the matrix is written out below.
 */
import type { NotebookAccessMode } from './notebook-access-policy';
import type { PolicyDocument } from './policy-document';
import { fixtureAccessPolicy, fixtureGuardScp } from './testing/built-documents';
import {
  ADMINISTRATOR_ACCESS,
  ADMIN_ROLE_ARN,
  BREAK_GLASS_ROLE_ARN,
  NOTEBOOK_ARN,
  NOTEBOOK_USER_ROLE_ARN,
  REQUEST_SOURCES,
  type RequestSource,
} from './testing/fixtures';
import { simulate, type SimulationOutcome } from './simulate';

type Principal = 'user' | 'userWithAdmin' | 'adminOnly' | 'breakGlassAdmin' | 'noPolicy';
type Action =
  | 'CreatePresignedNotebookInstanceUrl'
  | 'DescribeNotebookInstance'
  | 'ListNotebookInstances'
  | 'StartNotebookInstance'
  | 'StopNotebookInstance';
type Scp = 'noScp' | 'scp';

/** Who calls, with which identity policies (`access` = the notebook access policy of the mode). */
const PRINCIPALS: Record<Principal, { arn: string; policies: (access: PolicyDocument) => PolicyDocument[] }> = {
  // The notebook-user role: the access policy only.
  user: { arn: NOTEBOOK_USER_ROLE_ARN, policies: (access) => [access] },
  // The same role that also holds AdministratorAccess: the Deny must keep the internet path shut.
  userWithAdmin: { arn: NOTEBOOK_USER_ROLE_ARN, policies: (access) => [access, ADMINISTRATOR_ACCESS] },
  // A principal without the access policy but with an unconditioned Allow: the documented residual risk.
  adminOnly: { arn: ADMIN_ROLE_ARN, policies: () => [ADMINISTRATOR_ACCESS] },
  // The same, named like the SCP's break-glass pattern.
  breakGlassAdmin: { arn: BREAK_GLASS_ROLE_ARN, policies: () => [ADMINISTRATOR_ACCESS] },
  // A principal with no policy at all.
  noPolicy: { arn: ADMIN_ROLE_ARN, policies: () => [] },
};
const RESOURCES: Record<Action, string> = {
  CreatePresignedNotebookInstanceUrl: NOTEBOOK_ARN,
  DescribeNotebookInstance: NOTEBOOK_ARN,
  ListNotebookInstances: '*',
  StartNotebookInstance: NOTEBOOK_ARN,
  StopNotebookInstance: NOTEBOOK_ARN,
};
const SOURCES: readonly RequestSource[] = [
  'notebookEndpoint',
  'apiEndpoint',
  'otherEndpointSameVpc',
  'otherVpc',
  'internet',
  'awsServiceOnBehalf',
];

const A: SimulationOutcome = 'Allowed';
const X: SimulationOutcome = 'ExplicitlyDenied';
const I: SimulationOutcome = 'ImplicitlyDenied';
// prettier-ignore
type Cells = readonly [SimulationOutcome, SimulationOutcome, SimulationOutcome, SimulationOutcome, SimulationOutcome, SimulationOutcome];

// prettier-ignore
const MATRIX: readonly (readonly [NotebookAccessMode, Scp, Principal, Action, Cells])[] = [
  // A = Allowed, X = ExplicitlyDenied, I = ImplicitlyDenied. Cells, in SOURCES order:
  //   notebookEndpoint, apiEndpoint, otherEndpointSameVpc, otherVpc, internet, awsServiceOnBehalf
  // mode        SCP      principal          action                                cells
  ['sourceVpce', 'noScp', 'user',            'CreatePresignedNotebookInstanceUrl', [A, A, X, X, X, X]],
  ['sourceVpce', 'noScp', 'user',            'DescribeNotebookInstance',           [A, A, X, X, X, I]],
  ['sourceVpce', 'noScp', 'user',            'ListNotebookInstances',              [A, A, X, X, X, I]],
  ['sourceVpce', 'noScp', 'userWithAdmin',   'CreatePresignedNotebookInstanceUrl', [A, A, X, X, X, X]],
  ['sourceVpce', 'noScp', 'userWithAdmin',   'DescribeNotebookInstance',           [A, A, X, X, X, A]],
  ['sourceVpce', 'noScp', 'userWithAdmin',   'ListNotebookInstances',              [A, A, X, X, X, A]],
  ['sourceVpce', 'noScp', 'adminOnly',       'CreatePresignedNotebookInstanceUrl', [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'adminOnly',       'DescribeNotebookInstance',           [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'adminOnly',       'ListNotebookInstances',              [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'breakGlassAdmin', 'CreatePresignedNotebookInstanceUrl', [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'breakGlassAdmin', 'DescribeNotebookInstance',           [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'breakGlassAdmin', 'ListNotebookInstances',              [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'noPolicy',        'CreatePresignedNotebookInstanceUrl', [I, I, I, I, I, I]],
  ['sourceVpce', 'noScp', 'noPolicy',        'DescribeNotebookInstance',           [I, I, I, I, I, I]],
  ['sourceVpce', 'noScp', 'noPolicy',        'ListNotebookInstances',              [I, I, I, I, I, I]],

  ['sourceVpce', 'scp',   'user',            'CreatePresignedNotebookInstanceUrl', [A, A, X, X, X, X]],
  ['sourceVpce', 'scp',   'user',            'DescribeNotebookInstance',           [A, A, X, X, X, I]],
  ['sourceVpce', 'scp',   'user',            'ListNotebookInstances',              [A, A, X, X, X, I]],
  ['sourceVpce', 'scp',   'userWithAdmin',   'CreatePresignedNotebookInstanceUrl', [A, A, X, X, X, X]],
  ['sourceVpce', 'scp',   'userWithAdmin',   'DescribeNotebookInstance',           [A, A, X, X, X, A]],
  ['sourceVpce', 'scp',   'userWithAdmin',   'ListNotebookInstances',              [A, A, X, X, X, A]],
  ['sourceVpce', 'scp',   'adminOnly',       'CreatePresignedNotebookInstanceUrl', [A, A, X, X, X, X]],
  ['sourceVpce', 'scp',   'adminOnly',       'DescribeNotebookInstance',           [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'adminOnly',       'ListNotebookInstances',              [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'breakGlassAdmin', 'CreatePresignedNotebookInstanceUrl', [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'breakGlassAdmin', 'DescribeNotebookInstance',           [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'breakGlassAdmin', 'ListNotebookInstances',              [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'noPolicy',        'CreatePresignedNotebookInstanceUrl', [I, I, X, X, X, X]],
  ['sourceVpce', 'scp',   'noPolicy',        'DescribeNotebookInstance',           [I, I, I, I, I, I]],
  ['sourceVpce', 'scp',   'noPolicy',        'ListNotebookInstances',              [I, I, I, I, I, I]],

  // sourceVpc admits any endpoint of the VPC; the SCP still holds the presigned URL to the two ids.
  ['sourceVpc',  'noScp', 'user',            'CreatePresignedNotebookInstanceUrl', [A, A, A, X, X, X]],
  ['sourceVpc',  'noScp', 'user',            'DescribeNotebookInstance',           [A, A, A, X, X, I]],
  ['sourceVpc',  'noScp', 'user',            'ListNotebookInstances',              [A, A, A, X, X, I]],
  ['sourceVpc',  'noScp', 'userWithAdmin',   'CreatePresignedNotebookInstanceUrl', [A, A, A, X, X, X]],
  ['sourceVpc',  'noScp', 'userWithAdmin',   'DescribeNotebookInstance',           [A, A, A, X, X, A]],
  ['sourceVpc',  'noScp', 'userWithAdmin',   'ListNotebookInstances',              [A, A, A, X, X, A]],
  ['sourceVpc',  'noScp', 'adminOnly',       'CreatePresignedNotebookInstanceUrl', [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'adminOnly',       'DescribeNotebookInstance',           [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'adminOnly',       'ListNotebookInstances',              [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'breakGlassAdmin', 'CreatePresignedNotebookInstanceUrl', [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'breakGlassAdmin', 'DescribeNotebookInstance',           [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'breakGlassAdmin', 'ListNotebookInstances',              [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'noPolicy',        'CreatePresignedNotebookInstanceUrl', [I, I, I, I, I, I]],
  ['sourceVpc',  'noScp', 'noPolicy',        'DescribeNotebookInstance',           [I, I, I, I, I, I]],
  ['sourceVpc',  'noScp', 'noPolicy',        'ListNotebookInstances',              [I, I, I, I, I, I]],

  ['sourceVpc',  'scp',   'user',            'CreatePresignedNotebookInstanceUrl', [A, A, X, X, X, X]],
  ['sourceVpc',  'scp',   'user',            'DescribeNotebookInstance',           [A, A, A, X, X, I]],
  ['sourceVpc',  'scp',   'user',            'ListNotebookInstances',              [A, A, A, X, X, I]],
  ['sourceVpc',  'scp',   'userWithAdmin',   'CreatePresignedNotebookInstanceUrl', [A, A, X, X, X, X]],
  ['sourceVpc',  'scp',   'userWithAdmin',   'DescribeNotebookInstance',           [A, A, A, X, X, A]],
  ['sourceVpc',  'scp',   'userWithAdmin',   'ListNotebookInstances',              [A, A, A, X, X, A]],
  ['sourceVpc',  'scp',   'adminOnly',       'CreatePresignedNotebookInstanceUrl', [A, A, X, X, X, X]],
  ['sourceVpc',  'scp',   'adminOnly',       'DescribeNotebookInstance',           [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'adminOnly',       'ListNotebookInstances',              [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'breakGlassAdmin', 'CreatePresignedNotebookInstanceUrl', [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'breakGlassAdmin', 'DescribeNotebookInstance',           [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'breakGlassAdmin', 'ListNotebookInstances',              [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'noPolicy',        'CreatePresignedNotebookInstanceUrl', [I, I, X, X, X, X]],
  ['sourceVpc',  'scp',   'noPolicy',        'DescribeNotebookInstance',           [I, I, I, I, I, I]],
  ['sourceVpc',  'scp',   'noPolicy',        'ListNotebookInstances',              [I, I, I, I, I, I]],

  // Start and Stop: the idle stop leaves a notebook Stopped, and a presigned URL needs it InService.
  // Same endpoint condition as the URL and no aws:ViaAWSService exemption; the SCP does not cover them.
  ['sourceVpce', 'noScp', 'user',            'StartNotebookInstance',              [A, A, X, X, X, X]],
  ['sourceVpce', 'noScp', 'user',            'StopNotebookInstance',               [A, A, X, X, X, X]],
  ['sourceVpce', 'noScp', 'userWithAdmin',   'StartNotebookInstance',              [A, A, X, X, X, X]],
  ['sourceVpce', 'noScp', 'userWithAdmin',   'StopNotebookInstance',               [A, A, X, X, X, X]],
  ['sourceVpce', 'noScp', 'adminOnly',       'StartNotebookInstance',              [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'adminOnly',       'StopNotebookInstance',               [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'breakGlassAdmin', 'StartNotebookInstance',              [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'breakGlassAdmin', 'StopNotebookInstance',               [A, A, A, A, A, A]],
  ['sourceVpce', 'noScp', 'noPolicy',        'StartNotebookInstance',              [I, I, I, I, I, I]],
  ['sourceVpce', 'noScp', 'noPolicy',        'StopNotebookInstance',               [I, I, I, I, I, I]],
  ['sourceVpce', 'scp',   'user',            'StartNotebookInstance',              [A, A, X, X, X, X]],
  ['sourceVpce', 'scp',   'user',            'StopNotebookInstance',               [A, A, X, X, X, X]],
  ['sourceVpce', 'scp',   'userWithAdmin',   'StartNotebookInstance',              [A, A, X, X, X, X]],
  ['sourceVpce', 'scp',   'userWithAdmin',   'StopNotebookInstance',               [A, A, X, X, X, X]],
  ['sourceVpce', 'scp',   'adminOnly',       'StartNotebookInstance',              [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'adminOnly',       'StopNotebookInstance',               [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'breakGlassAdmin', 'StartNotebookInstance',              [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'breakGlassAdmin', 'StopNotebookInstance',               [A, A, A, A, A, A]],
  ['sourceVpce', 'scp',   'noPolicy',        'StartNotebookInstance',              [I, I, I, I, I, I]],
  ['sourceVpce', 'scp',   'noPolicy',        'StopNotebookInstance',               [I, I, I, I, I, I]],
  ['sourceVpc',  'noScp', 'user',            'StartNotebookInstance',              [A, A, A, X, X, X]],
  ['sourceVpc',  'noScp', 'user',            'StopNotebookInstance',               [A, A, A, X, X, X]],
  ['sourceVpc',  'noScp', 'userWithAdmin',   'StartNotebookInstance',              [A, A, A, X, X, X]],
  ['sourceVpc',  'noScp', 'userWithAdmin',   'StopNotebookInstance',               [A, A, A, X, X, X]],
  ['sourceVpc',  'noScp', 'adminOnly',       'StartNotebookInstance',              [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'adminOnly',       'StopNotebookInstance',               [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'breakGlassAdmin', 'StartNotebookInstance',              [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'breakGlassAdmin', 'StopNotebookInstance',               [A, A, A, A, A, A]],
  ['sourceVpc',  'noScp', 'noPolicy',        'StartNotebookInstance',              [I, I, I, I, I, I]],
  ['sourceVpc',  'noScp', 'noPolicy',        'StopNotebookInstance',               [I, I, I, I, I, I]],
  ['sourceVpc',  'scp',   'user',            'StartNotebookInstance',              [A, A, A, X, X, X]],
  ['sourceVpc',  'scp',   'user',            'StopNotebookInstance',               [A, A, A, X, X, X]],
  ['sourceVpc',  'scp',   'userWithAdmin',   'StartNotebookInstance',              [A, A, A, X, X, X]],
  ['sourceVpc',  'scp',   'userWithAdmin',   'StopNotebookInstance',               [A, A, A, X, X, X]],
  ['sourceVpc',  'scp',   'adminOnly',       'StartNotebookInstance',              [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'adminOnly',       'StopNotebookInstance',               [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'breakGlassAdmin', 'StartNotebookInstance',              [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'breakGlassAdmin', 'StopNotebookInstance',               [A, A, A, A, A, A]],
  ['sourceVpc',  'scp',   'noPolicy',        'StartNotebookInstance',              [I, I, I, I, I, I]],
  ['sourceVpc',  'scp',   'noPolicy',        'StopNotebookInstance',               [I, I, I, I, I, I]],
];

describe('notebook access through the real IAM evaluator', () => {
  it('the matrix covers every mode x SCP x principal x action exactly once', () => {
    const keys = MATRIX.map(([mode, scp, principal, action]) => `${mode}/${scp}/${principal}/${action}`);
    expect(new Set(keys).size).toBe(2 * 2 * Object.keys(PRINCIPALS).length * Object.keys(RESOURCES).length);
    expect(keys).toHaveLength(new Set(keys).size);
  });

  describe.each(
    MATRIX.map(
      ([mode, scp, principal, action, cells]) =>
        [`${mode} ${scp} ${principal} ${action}`, mode, scp, principal, action, cells] as const,
    ),
  )('%s', (_title, mode, scp, principal, action, cells) => {
    it.each(SOURCES.map((source, i) => [source, cells[i]] as const))('from %s: %s', async (source, expected) => {
      const outcome = await simulate({
        principal: PRINCIPALS[principal].arn,
        action: `sagemaker:${action}`,
        resource: RESOURCES[action],
        identityPolicies: PRINCIPALS[principal].policies(fixtureAccessPolicy(mode)),
        ...(scp === 'scp' ? { scps: [fixtureGuardScp()] } : {}),
        context: REQUEST_SOURCES[source],
      });
      expect(outcome).toBe(expected);
    });
  });
});

describe('scope "all" through the real IAM evaluator', () => {
  const all = fixtureAccessPolicy('sourceVpce', 'all');
  // prettier-ignore
  const CASES: readonly (readonly [string, string, RequestSource, readonly PolicyDocument[], SimulationOutcome])[] = [
    ['through the API endpoint',                          'UpdateNotebookInstance', 'apiEndpoint',        [all],                                          A],
    ['from the internet',                                 'UpdateNotebookInstance', 'internet',           [all],                                          X],
    ['from the internet, with AdministratorAccess',       'UpdateNotebookInstance', 'internet',           [all, ADMINISTRATOR_ACCESS],                    X],
    ['by CloudFormation, with AdministratorAccess',       'UpdateNotebookInstance', 'awsServiceOnBehalf', [all, ADMINISTRATOR_ACCESS],                    A],
    // Start and Stop keep no aws:ViaAWSService exemption in either scope.
    ['by CloudFormation, with AdministratorAccess',       'StopNotebookInstance',   'awsServiceOnBehalf', [all, ADMINISTRATOR_ACCESS],                    X],
    ['through the API endpoint, scope notebook',          'UpdateNotebookInstance', 'apiEndpoint',        [fixtureAccessPolicy('sourceVpce', 'notebook')], I],
  ];

  it.each(CASES)('%s: %s', async (_case, action, source, identityPolicies, expected) => {
    const outcome = await simulate({
      principal: NOTEBOOK_USER_ROLE_ARN,
      action: `sagemaker:${action}`,
      resource: NOTEBOOK_ARN,
      identityPolicies,
      context: REQUEST_SOURCES[source],
    });
    expect(outcome).toBe(expected);
  });
});
