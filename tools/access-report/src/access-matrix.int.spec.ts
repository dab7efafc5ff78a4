import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploymentTargets, loadConfig, type DeploymentTarget } from '@privatelink/config';
import { ADMINISTRATOR_ACCESS, simulate } from '@privatelink/policies/testing';
import { DEFAULT_CONFIG as CONFIG, runSynthHost } from '@privatelink/stack-kit/testing';
import { SynthOutput } from '@privatelink/synth-output';
import {
  ACTIONS,
  evaluateMatrix,
  evaluateScpChecks,
  PRINCIPALS,
  renderReport,
  SOURCES,
  synthesizedAccess,
  type MatrixCell,
  type ScpCell,
  type SynthesizedAccess,
} from './access-matrix';


/**
 * Expected outcome per source, in SOURCES order (notebook endpoint, API endpoint, other endpoint of
 * the same VPC, another VPC, internet): A allowed, X explicitly denied, I implicitly denied.
 * Written by hand from the design, independent of the evaluator.
 */
type Row = Record<(typeof ACTIONS)[number], string>;
type Expected = Record<'withoutScp' | 'withScp', Record<(typeof PRINCIPALS)[number], Row>>;
/** Start and Stop share one expectation: the endpoint condition of the URL, and no SCP rule of their own. */
const row = (presigned: string, describe: string, list: string, startStop: string): Row => ({
  'sagemaker:CreatePresignedNotebookInstanceUrl': presigned,
  'sagemaker:DescribeNotebookInstance': describe,
  'sagemaker:ListNotebookInstances': list,
  'sagemaker:StartNotebookInstance': startStop,
  'sagemaker:StopNotebookInstance': startStop,
});

const SOURCE_VPCE: Expected = {
  withoutScp: {
    'notebook user': row('AAXXX', 'AAXXX', 'AAXXX', 'AAXXX'),
    'notebook user + AdministratorAccess': row('AAXXX', 'AAXXX', 'AAXXX', 'AAXXX'),
    'outside the group (AdministratorAccess)': row('AAAAA', 'AAAAA', 'AAAAA', 'AAAAA'),
  },
  withScp: {
    'notebook user': row('AAXXX', 'AAXXX', 'AAXXX', 'AAXXX'),
    'notebook user + AdministratorAccess': row('AAXXX', 'AAXXX', 'AAXXX', 'AAXXX'),
    'outside the group (AdministratorAccess)': row('AAXXX', 'AAAAA', 'AAAAA', 'AAAAA'),
  },
};

/** sourceVpc admits any endpoint of the VPC; the SCP still pins presigned URLs to the two endpoints. */
const SOURCE_VPC: Expected = {
  withoutScp: {
    'notebook user': row('AAAXX', 'AAAXX', 'AAAXX', 'AAAXX'),
    'notebook user + AdministratorAccess': row('AAAXX', 'AAAXX', 'AAAXX', 'AAAXX'),
    'outside the group (AdministratorAccess)': row('AAAAA', 'AAAAA', 'AAAAA', 'AAAAA'),
  },
  withScp: {
    'notebook user': row('AAXXX', 'AAAXX', 'AAAXX', 'AAAXX'),
    'notebook user + AdministratorAccess': row('AAXXX', 'AAAXX', 'AAAXX', 'AAAXX'),
    'outside the group (AdministratorAccess)': row('AAXXX', 'AAAAA', 'AAAAA', 'AAAAA'),
  },
};

/** The SCP's other guard rails, written by hand: [without the SCP, with it]. */
const SCP_GUARD: Record<string, [string, string]> = {
  "administrator outside break-glass / change the break-glass role's trust policy": ['A', 'X'],
  'administrator outside break-glass / create a notebook with a foreign lifecycle configuration': ['A', 'X'],
  "break-glass role / change the break-glass role's trust policy": ['A', 'A'],
  'break-glass role / create a notebook with a foreign lifecycle configuration': ['A', 'A'],
};
const scpGuard = (cells: readonly ScpCell[]) =>
  Object.fromEntries(cells.map((c) => [`${c.principal} / ${c.request}`, [LETTER[c.withoutScp], LETTER[c.withScp]]]));

const LETTER = { Allowed: 'A', ExplicitlyDenied: 'X', ImplicitlyDenied: 'I' } as const;

function asExpected(cells: readonly MatrixCell[]): Expected {
  const build = (scp: boolean) =>
    Object.fromEntries(
      PRINCIPALS.map((principal) => [
        principal,
        Object.fromEntries(
          ACTIONS.map((action) => [
            action,
            SOURCES.map((source) => {
              const cell = cells.find((c) => c.scp === scp && c.principal === principal && c.action === action && c.source === source);
              return cell ? LETTER[cell.outcome] : '?';
            }).join(''),
          ]),
        ),
      ]),
    );
  return { withoutScp: build(false), withScp: build(true) } as Expected;
}

describe('access matrix on the synthesized stacks', () => {
  let outdir: string;
  let targets: DeploymentTarget[];

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'access-'));
    const run = runSynthHost(outdir, { config: CONFIG });
    if (run.status !== 0) throw new Error(run.stderr);
    targets = deploymentTargets(loadConfig(CONFIG, {}));
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const target = (env: string, region: string) => {
    const found = targets.find((t) => t.environment.name === env && t.region.region === region);
    if (!found) throw new Error(`no target ${env}/${region}`);
    return found;
  };

  it.each([
    ['dev', 'us-west-2', SOURCE_VPCE, false],
    ['staging', 'us-west-2', SOURCE_VPC, false],
    ['prod', 'us-west-2', SOURCE_VPCE, true],
    ['prod', 'eu-west-1', SOURCE_VPCE, true],
  ])('%s/%s: every cell matches the design', async (env, region, expected, scpEnabled) => {
    const access = synthesizedAccess(SynthOutput.read(outdir), target(env, region));
    expect(access.scpEnabled).toBe(scpEnabled);
    expect(asExpected(await evaluateMatrix(access))).toEqual(expected);
    expect(scpGuard(await evaluateScpChecks(access))).toEqual(SCP_GUARD);
  });

  it('checks the SCP against the configured break-glass role where there is one', () => {
    expect(synthesizedAccess(SynthOutput.read(outdir), target('prod', 'us-west-2')).breakGlassRoleArn).toBe('arn:aws:iam::333333333333:role/BreakGlassAdmin');
    expect(synthesizedAccess(SynthOutput.read(outdir), target('dev', 'us-west-2')).breakGlassRoleArn).toBe('arn:aws:iam::111111111111:role/BreakGlass');
  });

  it('catches a regression: an SCP exempting a break-glass pattern lets a look-alike role rewrite the break-glass trust', async () => {
    const access = synthesizedAccess(SynthOutput.read(outdir), target('prod', 'us-west-2'));
    const pattern = (access.scp ?? '').split(access.breakGlassRoleArn).join('arn:aws:iam::333333333333:role/BreakGlass*');
    const rewriteTrust = (scp: string) =>
      simulate({
        principal: 'arn:aws:iam::333333333333:role/BreakGlassAdmin-copy',
        action: 'iam:UpdateAssumeRolePolicy',
        resource: access.breakGlassRoleArn,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        scps: [scp],
      });
    expect(await rewriteTrust(access.scp ?? '')).toBe('ExplicitlyDenied');
    expect(await rewriteTrust(pattern)).toBe('Allowed');
  });

  it('uses the SCP of the first region in the second region, with both regions\' endpoints', () => {
    const access = synthesizedAccess(SynthOutput.read(outdir), target('prod', 'eu-west-1'));
    expect(access.scp).toContain(access.handoff.notebookEndpointId);
    expect(access.scp).toContain(access.handoff.apiEndpointId);
    expect(access.scp).not.toContain('${');
  });

  it('catches a regression: without the Deny, AdministratorAccess reopens the internet path', async () => {
    const access = synthesizedAccess(SynthOutput.read(outdir), target('dev', 'us-west-2'));
    const document = JSON.parse(access.accessPolicy) as { Statement: { Effect: string }[] };
    const allowOnly = JSON.stringify({ ...document, Statement: document.Statement.filter((s) => s.Effect === 'Allow') });
    const broken: SynthesizedAccess = { ...access, accessPolicy: allowOnly };
    const matrix = asExpected(await evaluateMatrix(broken));
    expect(matrix.withoutScp['notebook user + AdministratorAccess']['sagemaker:CreatePresignedNotebookInstanceUrl']).toBe('AAAAA');
    expect(matrix).not.toEqual(SOURCE_VPCE);
  });

  it('renders a readable report naming the stack, the mode and every cell', async () => {
    const access = synthesizedAccess(SynthOutput.read(outdir), target('dev', 'us-west-2'));
    const report = renderReport(access, await evaluateMatrix(access), await evaluateScpChecks(access));
    expect(report).toContain('# Notebook access: dev / us-west-2');
    expect(report).toContain('as synthesized** in `sagemaker-dev-us-west-2`');
    expect(report).toContain('## With the organization SCP (not enabled in config: its effect once enabled)');
    expect(report.match(/^\| notebook user/gm)).toHaveLength(20);
    expect(report).toContain('| notebook user | `StartNotebookInstance` | allowed | allowed | **denied** (explicit) |');
    expect(report).toContain('## What the organization SCP guards besides the endpoints');
    expect(report).toContain(
      "| administrator outside break-glass | change the break-glass role's trust policy | allowed | **denied** (explicit) |",
    );
    expect(report).toContain('| break-glass role | create a notebook with a foreign lifecycle configuration | allowed | allowed |');
    expect(report).not.toContain('?');
  });
});
