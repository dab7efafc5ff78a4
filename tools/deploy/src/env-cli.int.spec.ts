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
    expect(result.stderr).toContain('unknown command "apply"; commands: synth, hcl, diff, deploy, destroy\nusage: npm run env --');
  });

  it('names the closest option to an unknown one, and runs nothing', () => {
    const result = run('deploy', '--env', 'dev', '--regoin', 'us-west-2', '--dry-run');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'unknown option --regoin; did you mean --region?',
        'usage: npm run env -- <synth|hcl|diff|deploy|destroy> --env <env> [--region <region>] [--auto-approve] [--force-destroy <env>] [--dry-run]',
        '       npx nx run deploy:<synth-hcl|diff|deploy|destroy> --environment=<env> [--region=<region>] ...',
        'Run `npm run env -- --help` for usage.',
        '',
      ].join('\n'),
    );
  });

  it('refuses an environment given twice instead of taking the last one', () => {
    const result = run('deploy', '--env', 'dev', '--environment=prod', '--dry-run');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^--env is given twice \(--env dev, then --environment prod\); give it once\n/);
  });

  it('refuses a missing action and a missing --env', () => {
    expect(run('--env', 'dev').stderr).toMatch(/^missing command: synth, hcl, diff, deploy or destroy\n/);
    expect(run('deploy').stderr).toMatch(/^missing --env <env> \(deploy needs it\)\n/);
  });

  it('prints every command and option on --help, exit 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Commands:\n  synth    synthesize every stack (cdktf.out)\n');
    expect(result.stdout).toContain('  --env <env>            the environment of the config (also --environment)\n');
  });

  it('takes --environment as well, for the Nx targets (Nx owns --env)', () => {
    const result = run('deploy', '--environment=dev', '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('$ npx cdktf deploy network-dev-us-west-2 sagemaker-dev-us-west-2 --skip-synth');
  });
});
