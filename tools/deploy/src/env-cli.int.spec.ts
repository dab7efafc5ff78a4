import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

describe('npm run env', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'tools/deploy/src/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('exits 2 with the known names before running anything', () => {
    const result = run('deploy', '--env', 'qa');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown environment 'qa'");
    expect(result.stdout).toBe('');
  });

  it('prints the steps without running them on --dry-run', () => {
    const result = run('deploy', '--env=dev', '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      '$ node --import tsx tools/synth/src/main.ts',
      '$ npx cdktf deploy network-dev-us-west-2 sagemaker-dev-us-west-2 --skip-synth',
    ]);
  });

  it('exits 2 with usage on an unknown action', () => {
    const result = run('apply', '--env', 'dev');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run env --');
  });

  it('takes --environment as well, for the Nx targets (Nx owns --env)', () => {
    const result = run('deploy', '--environment=dev', '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('$ npx cdktf deploy network-dev-us-west-2 sagemaker-dev-us-west-2 --skip-synth');
  });
});
