import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

// The command line of `npm run bench`, through its real entry point: each of these exits before measuring anything.
describe('npm run bench command line', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'tools/bench/src/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  const hint = 'usage: npm run bench [-- --quick]\nRun `npm run bench -- --help` for usage.\n';

  it('names the closest option to an unknown one', () => {
    const result = run('--quik');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`unknown option --quik; did you mean --quick?\n${hint}`);
  });

  it('refuses --quick given twice', () => {
    const result = run('--quick', '--quick');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`--quick is given twice (--quick, then --quick); give it once\n${hint}`);
  });

  it('explains itself on --help, exit 0, without measuring', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Usage: npm run bench [-- --quick]',
        '',
        'Measures synth, the unit tests and the Terraform checks against a bare cdktf app, and writes',
        'docs/performance.md (with --quick: cdktf.out/performance-quick.md). Needs terraform on PATH.',
        '',
        'Options:',
        '  --quick     each measurement once, on small inputs (proves the benchmark runs)',
        '  -h, --help  show this help',
        '',
      ].join('\n'),
    );
  });
});
