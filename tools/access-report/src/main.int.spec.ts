import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

// The command line of `npm run access-report`, through its real entry point; none of these evaluates a policy.
describe('npm run access-report command line', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'access-report-cli-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'tools/access-report/src/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: join(work, 'cdktf.out') },
    });
  const hint = 'usage: npm run access-report [-- --out <dir>] [--check]\nRun `npm run access-report -- --help` for usage.\n';

  it('names the closest option to an unknown one', () => {
    const result = run('--outt', 'reports');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`unknown option --outt; did you mean --out?\n${hint}`);
  });

  it('refuses --out given twice', () => {
    const result = run('--out', 'a', '--out=b');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`--out is given twice (--out a, then --out b); give it once\n${hint}`);
  });

  it('refuses a positional argument', () => {
    expect(run('reports').stderr).toBe(`unexpected argument "reports": it takes no arguments, only options\n${hint}`);
  });

  it('explains itself on --help, exit 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage: npm run access-report [-- --out <dir>] [--check]\n');
    expect(result.stdout).toContain('  --out <dir>  where the reports go (default: <cdktf.out>/access; with --check: docs/access, the committed copies)\n');
  });

  it('asks for a synth instead of failing on a missing file', () => {
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`no synth output in ${join(work, 'cdktf.out')}: run \`npm run synth\`\n`);
  });
});
