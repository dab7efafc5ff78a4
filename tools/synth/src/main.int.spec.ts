import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './testing/synth-run';

// The command line of `npm run synth`, through its real entry point: each of these exits before synthesizing.
describe('npm run synth command line', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'synth-cli-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'tools/synth/src/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: join(work, 'cdktf.out') },
    });
  const hint = 'usage: npm run synth\nRun `npm run synth -- --help` for usage.\n';

  it('refuses an unknown option and writes nothing', () => {
    const result = run('--hcl');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`unknown option --hcl; known options: --help\n${hint}`);
    expect(existsSync(join(work, 'cdktf.out'))).toBe(false);
  });

  it('refuses an argument, which it would otherwise ignore', () => {
    const result = run('network-dev-us-west-2');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`unexpected argument "network-dev-us-west-2": it takes no arguments, only options\n${hint}`);
  });

  it('explains itself on --help, exit 0, and synthesizes nothing', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage: npm run synth\n');
    expect(result.stdout).toContain('  PRIVATELINK_CONFIG  the config file (default: config/environments.yaml)\n');
    expect(existsSync(join(work, 'cdktf.out'))).toBe(false);
  });
});
