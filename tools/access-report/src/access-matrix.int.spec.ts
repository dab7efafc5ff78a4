import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploymentTargets, loadConfig, type DeploymentTarget } from '@privatelink/config';
import { DEFAULT_CONFIG as CONFIG, runSynthHost } from '@privatelink/stack-kit/testing';
import {
  ACTIONS,
  evaluateMatrix,
  PRINCIPALS,
  renderReport,
  SOURCES,
  synthesizedAccess,
  type MatrixCell,
  type SynthesizedAccess,
} from './access-matrix';


/**
 * Expected outcome per source, in SOURCES order (notebook endpoint, API endpoint, other endpoint of
 * the same VPC, another VPC, internet): A allowed, X explicitly denied, I implicitly denied.
 * Written by hand from the design, independent of the evaluator.
 */
type Row = Record<(typeof ACTIONS)[number], string>;
type Expected = Record<'withoutScp' | 'withScp', Record<(typeof PRINCIPALS)[number], Row>>;
const row = (presigned: string, describe: string, list: string): Row => ({
  'sagemaker:CreatePresignedNotebookInstanceUrl': presigned,
  'sagemaker:DescribeNotebookInstance': describe,
  'sagemaker:ListNotebookInstances': list,
});

const SOURCE_VPCE: Expected = {
  withoutScp: {
    'notebook user': row('AAXXX', 'AAXXX', 'AAXXX'),
    'notebook user + AdministratorAccess': row('AAXXX', 'AAXXX', 'AAXXX'),
    'outside the group (AdministratorAccess)': row('AAAAA', 'AAAAA', 'AAAAA'),
  },
  withScp: {
    'notebook user': row('AAXXX', 'AAXXX', 'AAXXX'),
    'notebook user + AdministratorAccess': row('AAXXX', 'AAXXX', 'AAXXX'),
    'outside the group (AdministratorAccess)': row('AAXXX', 'AAAAA', 'AAAAA'),
  },
};

/** sourceVpc admits any endpoint of the VPC; the SCP still pins presigned URLs to the two endpoints. */
const SOURCE_VPC: Expected = {
  withoutScp: {
    'notebook user': row('AAAXX', 'AAAXX', 'AAAXX'),
    'notebook user + AdministratorAccess': row('AAAXX', 'AAAXX', 'AAAXX'),
    'outside the group (AdministratorAccess)': row('AAAAA', 'AAAAA', 'AAAAA'),
  },
  withScp: {
    'notebook user': row('AAXXX', 'AAAXX', 'AAAXX'),
    'notebook user + AdministratorAccess': row('AAXXX', 'AAAXX', 'AAAXX'),
    'outside the group (AdministratorAccess)': row('AAXXX', 'AAAAA', 'AAAAA'),
  },
};

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
    const access = synthesizedAccess(outdir, target(env, region));
    expect(access.scpEnabled).toBe(scpEnabled);
    expect(asExpected(await evaluateMatrix(access))).toEqual(expected);
  });

  it('uses the SCP of the first region in the second region, with both regions\' endpoints', () => {
    const access = synthesizedAccess(outdir, target('prod', 'eu-west-1'));
    expect(access.scp).toContain(access.handoff.notebookEndpointId);
    expect(access.scp).toContain(access.handoff.apiEndpointId);
    expect(access.scp).not.toContain('${');
  });

  it('catches a regression: without the Deny, AdministratorAccess reopens the internet path', async () => {
    const access = synthesizedAccess(outdir, target('dev', 'us-west-2'));
    const document = JSON.parse(access.accessPolicy) as { Statement: { Effect: string }[] };
    const allowOnly = JSON.stringify({ ...document, Statement: document.Statement.filter((s) => s.Effect === 'Allow') });
    const broken: SynthesizedAccess = { ...access, accessPolicy: allowOnly };
    const matrix = asExpected(await evaluateMatrix(broken));
    expect(matrix.withoutScp['notebook user + AdministratorAccess']['sagemaker:CreatePresignedNotebookInstanceUrl']).toBe('AAAAA');
    expect(matrix).not.toEqual(SOURCE_VPCE);
  });

  it('renders a readable report naming the stack, the mode and every cell', async () => {
    const access = synthesizedAccess(outdir, target('dev', 'us-west-2'));
    const report = renderReport(access, await evaluateMatrix(access));
    expect(report).toContain('# Notebook access: dev / us-west-2');
    expect(report).toContain('as synthesized** in `sagemaker-dev-us-west-2`');
    expect(report).toContain('## With the organization SCP (not enabled in config: its effect once enabled)');
    expect(report.match(/^\| notebook user/gm)).toHaveLength(12);
    expect(report).not.toContain('?');
  });
});
