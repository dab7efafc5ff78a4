import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

// The command line of `npm run diagram`, through its real entry point; none of these draws a diagram.
describe('npm run diagram command line', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'diagram-cli-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (outdir: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'tools/diagram/src/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: outdir },
    });
  const hint = 'usage: npm run diagram [-- --check] [--no-png] [--out <dir>] [--readme <file>]\nRun `npm run diagram -- --help` for usage.\n';

  it('names the closest option to an unknown one', () => {
    const result = run(join(work, 'cdktf.out'), '--chek');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`unknown option --chek; did you mean --check?\n${hint}`);
  });

  it('refuses --out given twice instead of taking the last one', () => {
    const result = run(join(work, 'cdktf.out'), '--out', 'a', '--out', 'b', '--check');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`--out is given twice (--out a, then --out b); give it once\n${hint}`);
  });

  it('explains itself on --help, exit 0', () => {
    const result = run(join(work, 'cdktf.out'), '--help');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage: npm run diagram [-- --check] [--no-png] [--out <dir>] [--readme <file>]\n');
    expect(result.stdout).toContain('  --no-png         write the pages only; PNGs stay as they are (and --check reports them stale)\n');
  });

  it('asks for a synth when a stack the manifest names is missing', () => {
    const outdir = join(work, 'partial');
    mkdirSync(outdir, { recursive: true });
    writeFileSync(
      join(outdir, 'manifest.json'),
      JSON.stringify({ stacks: { 'network-dev-us-west-2': { name: 'network-dev-us-west-2', workingDirectory: 'stacks/network-dev-us-west-2', synthesizedStackPath: 'stacks/network-dev-us-west-2/cdk.tf.json' } } }),
    );
    const result = run(outdir, '--check', '--out', join(work, 'docs'));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${outdir} lists network-dev-us-west-2 but has no stacks/network-dev-us-west-2/cdk.tf.json: run \`npm run synth\`\n`,
    );
  });
});
