import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { terraformCloudTrustPolicy } from '@privatelink/policies';
import { runSynthHost } from '@privatelink/stack-kit/testing';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../../..');

describe('npm run env', () => {
  let work: string;
  let outdir: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'env-cli-'));
    outdir = join(work, 'cdktf.out');
    const synth = runSynthHost(outdir);
    expect(synth.stderr).toBe('');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const base: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
    delete base['TFC_ORGANIZATION'];
    return spawnSync(process.execPath, ['--import', 'tsx', 'tools/deploy/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...base, ...env },
      encoding: 'utf8',
    });
  };

  it('exits 2 with the known names before running anything', () => {
    const result = run(['deploy', '--env', 'qa']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown environment 'qa'");
    expect(result.stdout).toBe('');
  });

  it('prints the steps without running them on --dry-run, the stacks in the order of the manifest dependencies', () => {
    const result = run(['deploy', '--env=prod', '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      '$ node --import tsx tools/synth/src/main.ts',
      `$ npx cdktf deploy network-prod-eu-west-1 network-prod-us-west-2 sagemaker-prod-eu-west-1 sagemaker-prod-organization sagemaker-prod-us-west-2 --skip-synth --output ${outdir}`,
    ]);
  });

  it('refuses to destroy a protected environment with the exact command, and forced, destroys from the force-destroy synth', () => {
    const refused = run(['destroy', '--env', 'prod', '--dry-run']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('To destroy it anyway, run `npm run env -- destroy --env prod --force-destroy prod`');
    const forced = run(['destroy', '--env', 'prod', '--force-destroy', 'prod', '--dry-run']);
    expect(forced.status).toBe(0);
    expect(forced.stdout.trim().split('\n')).toEqual([
      '$ env PRIVATELINK_FORCE_DESTROY=prod node --import tsx tools/synth/src/main.ts',
      `$ npx cdktf destroy sagemaker-prod-us-west-2 sagemaker-prod-organization sagemaker-prod-eu-west-1 network-prod-us-west-2 network-prod-eu-west-1 --skip-synth --output ${outdir}.force-destroy`,
    ]);
  });

  it('exits 2 with usage on an unknown action', () => {
    const result = run(['apply-all', '--env', 'dev']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "apply-all"; commands: synth, hcl, diff, deploy, destroy, plan, apply, trust-policy\nusage: npm run env --');
  });

  it('names the closest option to an unknown one, and runs nothing', () => {
    const result = run(['deploy', '--env', 'dev', '--regoin', 'us-west-2', '--dry-run']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'unknown option --regoin; did you mean --region?',
        'usage: npm run env -- <synth|hcl|diff|deploy|destroy|plan|apply|trust-policy> --env <env> [--region <region>] [options]',
        '       npx nx run deploy:<synth-hcl|diff|deploy|destroy|plan|apply|trust-policy> --environment=<env> [--region=<region>] ...',
        'Run `npm run env -- --help` for usage.',
        '',
      ].join('\n'),
    );
  });

  it('refuses an environment given twice instead of taking the last one', () => {
    const result = run(['deploy', '--env', 'dev', '--environment=prod', '--dry-run']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^--env is given twice \(--env dev, then --environment prod\); give it once\n/);
  });

  it('refuses a missing action and a missing --env', () => {
    expect(run(['--env', 'dev']).stderr).toMatch(/^missing command: synth, hcl, diff, deploy, destroy, plan, apply or trust-policy\n/);
    expect(run(['deploy']).stderr).toMatch(/^missing --env <env> \(deploy needs it\)\n/);
  });

  it('prints every command and option on --help, exit 0', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Commands:\n  synth         synthesize every stack (cdktf.out)\n');
    expect(result.stdout).toContain('  --env <env>            the environment of the config (also --environment)\n');
  });

  it('takes --environment as well, for the Nx targets (Nx owns --env)', () => {
    const result = run(['diff', '--environment=dev', '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`$ npx cdktf diff network-dev-us-west-2 --skip-synth --output ${outdir}\n$ npx cdktf diff sagemaker-dev-us-west-2`);
  });

  it('says to synthesize first when there is no synth output to read the order from', () => {
    const result = run(['deploy', '--env', 'dev', '--dry-run'], { CDKTF_OUTDIR: join(work, 'nothing') });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`no synth output in ${join(work, 'nothing')}: run \`npm run synth\`\n`);
  });

  it("prints each Terraform Cloud workspace's plan and apply trust policies as JSON, from the synthesized cloud blocks", () => {
    const result = run(['trust-policy', '--env', 'staging'], { TFC_ORGANIZATION: 'acme-ml', CDKTF_OUTDIR: join(work, 'tfc') });
    expect(result.status).toBe(0);
    const trust = JSON.parse(result.stdout);
    expect(Object.keys(trust)).toEqual(['smpl-network-staging-us-west-2', 'smpl-sagemaker-staging-us-west-2']);
    expect(trust['smpl-network-staging-us-west-2'].trustPolicies.apply).toEqual(
      terraformCloudTrustPolicy({
        accountId: '222222222222',
        organization: 'acme-ml',
        project: 'sagemaker-privatelink',
        workspace: 'smpl-network-staging-us-west-2',
        runPhase: 'apply',
      }),
    );
    expect(result.stderr).toContain('$ node --import tsx tools/synth/src/main.ts');
  });

  it('refuses trust policies for stacks that keep local state', () => {
    const result = run(['trust-policy', '--env', 'staging', '--dry-run']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'network-staging-us-west-2 keeps local state, so no Terraform Cloud run assumes a role for it: set terraformCloud.organization in the config (or TFC_ORGANIZATION) and synthesize again',
    );
  });
});
