import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findTerraform } from './terraform-environment';
import { cleanEnv, runCli, synthSample } from './testing';

// The CLI's guards: none of these runs terraform. The runs that do are in terraform-check.int.spec.ts.
describe('terraform-check CLI', () => {
  let dir: string;
  let synthDir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-check-cli-'));
    synthDir = synthSample(join(dir, 'cdktf.out'), ['network']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses PRIVATELINK_SKIP_TERRAFORM when CI is set', () => {
    const run = runCli([synthDir], { ...cleanEnv(), CI: '1', PRIVATELINK_SKIP_TERRAFORM: '1' });

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PRIVATELINK_SKIP_TERRAFORM is refused when CI is set');
    expect(run.stdout).toBe('');
  });

  it('skips outside CI when PRIVATELINK_SKIP_TERRAFORM=1, with a warning that nothing was checked', () => {
    const run = runCli([synthDir], { ...cleanEnv(), PRIVATELINK_SKIP_TERRAFORM: '1' });

    expect(run.status).toBe(0);
    expect(run.stderr).toContain('WARNING: PRIVATELINK_SKIP_TERRAFORM is set: terraform validate and plan were SKIPPED');
    expect(run.stdout).toBe('');
  });

  it('fails loudly with how to install terraform when it is not on PATH', () => {
    const env = cleanEnv();
    const path = (env['PATH'] ?? '')
      .split(delimiter)
      .filter((entry) => findTerraform(entry) === undefined)
      .join(delimiter);
    expect(findTerraform(path)).toBeUndefined();

    const run = runCli([synthDir], { ...env, PATH: path });

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('terraform is not on PATH');
    expect(run.stderr).toContain('https://apt.releases.hashicorp.com');
    expect(run.stderr).toContain('https://releases.hashicorp.com/terraform/');
  });

  it('tells to run synth first when the synth output is missing or empty', () => {
    const missing = runCli([join(dir, 'nowhere')], cleanEnv());
    const empty = runCli([dir], cleanEnv());

    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`terraform-check: no synth output in ${join(dir, 'nowhere')}: run \`npm run synth\`\n`);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('run `npm run synth`');
  });

  it('keeps the check cache in PRIVATELINK_TF_CHECK_CACHE, and --no-cache neither reads nor writes it', () => {
    // A stack that fails before terraform runs: its remote state path leaves the workspace.
    const escaping = join(dir, 'escaping');
    mkdirSync(join(escaping, 'stacks', 'reader'), { recursive: true });
    writeFileSync(
      join(escaping, 'stacks', 'reader', 'cdk.tf.json'),
      JSON.stringify({ data: { terraform_remote_state: { network: { backend: 'local', config: { path: '/srv/network.tfstate' } } } } }),
    );
    writeFileSync(
      join(escaping, 'manifest.json'),
      JSON.stringify({ stacks: { reader: { name: 'reader', workingDirectory: 'stacks/reader', synthesizedStackPath: 'stacks/reader/cdk.tf.json' } } }),
    );
    const cache = join(dir, 'check-cache');

    const uncached = runCli(['--no-cache', escaping], { ...cleanEnv(), PRIVATELINK_TF_CHECK_CACHE: cache });
    expect(existsSync(cache)).toBe(false);
    const cached = runCli([escaping], { ...cleanEnv(), PRIVATELINK_TF_CHECK_CACHE: cache });

    for (const run of [uncached, cached]) {
      expect(run.stdout).toBe(
        'FAILED reader at prepare:\n' +
          '    data.terraform_remote_state.network reads "/srv/network.tfstate", outside the stack\'s workspace: ' +
          'local state paths are relative to the stack folder and stay in the repository (../../../terraform.<id>.tfstate).\n' +
          'terraform: 0 passed, 1 failed\n',
      );
      expect(run.status).toBe(1);
    }
    expect(readdirSync(cache).sort()).toEqual(['file-digests.json', 'passed']);
    expect(readdirSync(join(cache, 'passed'))).toEqual([]);
  });

  it.each([['--concurrency', '0'], ['--concurrency', 'two'], ['--bogus'], ['a', 'b']])('refuses bad arguments %j with the usage', (...args) => {
    const run = runCli(args, cleanEnv());

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run test:terraform [-- [--concurrency <n>] [--no-plugin-cache] [--no-cache] <synth-dir>]');
  });

  it('names the closest option to an unknown one, and refuses an option given twice', () => {
    const misspelt = runCli(['--concurency', '2', synthDir], cleanEnv());
    const twice = runCli(['--concurrency', '2', '--concurrency=4', synthDir], cleanEnv());

    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toMatch(/^unknown option --concurency; did you mean --concurrency\?\nusage: npm run test:terraform /);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/^--concurrency is given twice \(--concurrency 2, then --concurrency 4\); give it once\n/);
    expect(twice.stdout).toBe('');
  });

  it('explains itself and its exit codes on --help, exit 0', () => {
    const run = runCli(['--help'], cleanEnv());

    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('  <synth-dir>  the synth output to check (default: cdktf.out)\n');
    expect(run.stdout).toContain('Exit codes:\n  0  every stack passed\n  1  a stack failed\n  2  nothing could be checked');
  });
});
