import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSynthHost } from '@privatelink/stack-kit/testing';
import { checkStacks, type StackCheck } from './check-stacks';
import { SynthOutput } from '@privatelink/synth-output';
import { pluginCacheDir } from './terraform-environment';
import { cleanEnv, runCli, SAMPLE_STACK_IDS, synthSample } from './testing';

const ROOT = join(__dirname, '../../..');

// Real terraform, real AWS provider (from the image's mirror, else the registry), no AWS account.
// Every terraform run of the suite is in this file: concurrent first fills of the shared plugin
// cache race, and Jest runs spec files in parallel. Each stack costs about 10 s (init, then a plan
// starts the 700 MB provider), so each sample stack is checked as few times as the case needs.
jest.setTimeout(240_000);

describe('checkStacks against terraform and the AWS provider', () => {
  let dir: string;
  let cacheDir: string;
  let synthDir: string;
  let before: Map<string, Buffer>;
  let checks: StackCheck[];
  let again: StackCheck[];
  const reported: string[] = [];
  const check = (id: string, from = checks) => from.find((candidate) => candidate.stack === id);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-check-spec-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'terraform-check-spec-cache-'));
    synthDir = synthSample(join(dir, 'cdktf.out'), ['sagemaker', 'missingNetworkOutput', 'terraformCloud']);
    before = filesUnder(dir);
    checks = await checkStacks({ synthDir, cacheDir, onStackChecked: (done) => reported.push(done.stack) });
    again = await checkStacks({ synthDir, cacheDir });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('plans a SageMaker-like stack against the network-state fixture, reading every handoff output, without a separate validate', () => {
    const sagemaker = check(SAMPLE_STACK_IDS.sagemaker);
    expect(sagemaker).toMatchObject({ status: 'passed', toAdd: 1, cached: false });
    expect(Object.keys(sagemaker?.seconds ?? {})).toEqual(['init', 'plan']);
  });

  it('validates a Terraform Cloud stack offline (init -backend=false) and leaves its plan to TFC', () => {
    const cloud = check(SAMPLE_STACK_IDS.terraformCloud);
    expect(cloud).toMatchObject({ status: 'passed', cached: false });
    expect(cloud).not.toHaveProperty('toAdd');
    expect(Object.keys(cloud?.seconds ?? {})).toEqual(['init', 'validate']);
  });

  it('fails plan with the message, file and line when a stack reads an output the network state does not have', () => {
    expect(check(SAMPLE_STACK_IDS.missingNetworkOutput)).toMatchObject({
      status: 'failed',
      step: 'plan',
      message: expect.stringMatching(
        /^Error: Unsupported attribute: This object does not have an attribute named "no_such_output"\. \(cdk\.tf\.json:\d+\)$/,
      ),
    });
  });

  it('skips on a second run the stacks that passed, running no terraform for them, and reports them as before', () => {
    expect(check(SAMPLE_STACK_IDS.sagemaker, again)).toEqual({ stack: SAMPLE_STACK_IDS.sagemaker, status: 'passed', toAdd: 1, cached: true, seconds: {} });
    expect(check(SAMPLE_STACK_IDS.terraformCloud, again)).toEqual({ stack: SAMPLE_STACK_IDS.terraformCloud, status: 'passed', cached: true, seconds: {} });
  });

  it('never caches a failed check: the failing stack runs and fails again', () => {
    const first = check(SAMPLE_STACK_IDS.missingNetworkOutput);
    const failing = check(SAMPLE_STACK_IDS.missingNetworkOutput, again);
    expect(failing).toEqual({ ...first, seconds: expect.anything() });
    expect(Object.keys(failing?.seconds ?? {})).toEqual(['init', 'plan']);
    expect(readdirSync(join(cacheDir, 'passed'))).toHaveLength(2);
  });

  it('leaves the synth output and its folder byte for byte as they were: no override, no state', () => {
    expect(filesUnder(dir)).toEqual(before);
  });

  it("reports each stack once as it ends and returns the results in the reader's order", () => {
    const order = SynthOutput.read(synthDir).stacks.map((stack) => stack.name);

    expect([...reported].sort()).toEqual([...order].sort());
    expect(checks.map((done) => done.stack)).toEqual(order);
    expect(again.map((done) => done.stack)).toEqual(order);
  });
});

describe('terraform-check CLI runs sharing a check cache', () => {
  let dir: string;
  let synthDir: string;
  let env: NodeJS.ProcessEnv;
  const runs: { status: number | null; lines: string[]; stdout: string }[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-check-cli-run-'));
    synthDir = synthSample(join(dir, 'cdktf.out'), ['network', 'invalidCidr']);
    // Its own temp folder, to see what the runs leave behind; the machine's provider cache.
    mkdirSync(join(dir, 'tmp'));
    env = { ...cleanEnv(), PRIVATELINK_TF_CHECK_CACHE: join(dir, 'cache'), TF_PLUGIN_CACHE_DIR: pluginCacheDir(), TMPDIR: join(dir, 'tmp') };
    const cli = () => {
      const run = runCli([synthDir], env);
      runs.push({ status: run.status, lines: run.stdout.trimEnd().split('\n'), stdout: run.stdout });
    };
    cli();
    cli();
    // One byte of the network stack: "cdktf" becomes "cdktg" in its default tags.
    const stackFile = join(synthDir, 'stacks', SAMPLE_STACK_IDS.network, 'cdk.tf.json');
    const stackJson = readFileSync(stackFile, 'utf8');
    expect(stackJson.match(/"cdktf"/g)).toHaveLength(1);
    writeFileSync(stackFile, stackJson.replace('"cdktf"', '"cdktg"'));
    cli();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one line per stack with the provider's message of an invalid value, file and line, then the totals; exits 1", () => {
    const [first] = runs;
    expect(first.lines).toContain('ok network-dev-us-west-2 plan (2 to add)');
    expect(first.lines).toContain('FAILED invalid-dev-us-west-2 at plan:');
    expect(first.stdout).toMatch(
      /^ {4}Error: expected cidr_block to contain a valid Value, got: not-a-cidr .*invalid CIDR address: not-a-cidr \(aws_vpc\.vpc, cdk\.tf\.json:\d+\)$/m,
    );
    expect(first.lines.at(-1)).toBe('terraform: 1 passed, 1 failed');
    expect(first.status).toBe(1);
  });

  it('skips the passed stack on the second run and says so; the failed one is checked and reported again', () => {
    const [first, second] = runs;
    const failure = (lines: string[]) => lines.filter((line) => !line.startsWith('ok ') && !line.startsWith('terraform: '));
    expect(second.lines).toContain('ok network-dev-us-west-2 plan (2 to add), cached');
    expect(failure(second.lines)).toEqual(failure(first.lines));
    expect(second.lines.at(-1)).toBe('terraform: 1 passed (1 cached), 1 failed');
    expect(second.status).toBe(1);
  });

  it('checks a stack again once one byte of it changed', () => {
    const third = runs[2];
    expect(third.lines).toContain('ok network-dev-us-west-2 plan (2 to add)');
    expect(third.lines.at(-1)).toBe('terraform: 1 passed, 1 failed');
  });

  it('leaves nothing in the temp folder: no workspace, no provider socket', () => {
    const left = readdirSync(join(dir, 'tmp')).filter((entry) => !entry.startsWith('tsx-'));
    expect(left).toEqual([]);
  });
});

describe('an interrupted terraform-check CLI run', () => {
  it('removes its temporary folder when the run is interrupted while terraform runs (Ctrl-C, a CI timeout)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terraform-check-interrupted-'));
    try {
      const synthDir = synthSample(join(dir, 'cdktf.out'), ['network']);
      const tmp = join(dir, 'tmp');
      mkdirSync(tmp);
      const env = { ...cleanEnv(), PRIVATELINK_TF_CHECK_CACHE: join(dir, 'cache'), TF_PLUGIN_CACHE_DIR: pluginCacheDir(), TMPDIR: tmp };
      // Its own process group, signalled as a terminal or a CI runner signals the job's.
      const cli = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'main.ts'), synthDir], { env, detached: true, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolveExit) => cli.on('close', (code) => resolveExit(code)));
      const initStarted = () =>
        readdirSync(tmp)
          .filter((entry) => entry.startsWith('terraform-check-'))
          .some((workspace) => existsSync(join(tmp, workspace, 'stacks', SAMPLE_STACK_IDS.network, 'cdktf.out', 'stacks', SAMPLE_STACK_IDS.network, '.terraform')));
      while (!initStarted()) await new Promise((wait) => setTimeout(wait, 50));

      process.kill(-(cli.pid as number), 'SIGTERM');

      expect(await exited).toBe(143);
      expect(readdirSync(tmp).filter((entry) => !entry.startsWith('tsx-'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a synth output of HCL stacks (cdktf synth --hcl)', () => {
  let dir: string;
  let run: ReturnType<typeof runCli>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-check-hcl-'));
    const synthDir = synthSample(join(dir, 'cdktf.out.hcl'), ['sagemaker', 'invalidCidr'], { hcl: true });
    run = runCli([synthDir, '--no-cache'], cleanEnv());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans each cdk.tf found through the manifest, with the override and the network-state fixture', () => {
    expect(run.stdout).toContain('ok sagemaker-dev-us-west-2 plan (1 to add)\n');
  });

  it('reports the diagnostics of an HCL stack with its file and line', () => {
    expect(run.stdout).toContain('FAILED invalid-dev-us-west-2 at plan:\n');
    expect(run.stdout).toMatch(/^ {4}Error: expected cidr_block to contain a valid Value, got: not-a-cidr .* \(aws_vpc\.vpc, cdk\.tf:\d+\)$/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('terraform: 1 passed, 1 failed');
    expect(run.status).toBe(1);
  });
});

describe('the real stacks with a Terraform Cloud organization configured', () => {
  let dir: string;
  let stacks: { name: string; cloud?: { organization: string; workspaces: { name: string; project: string } } }[];
  let checks: StackCheck[];
  let leftInTmp: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-check-tfc-'));
    const synthDir = join(dir, 'cdktf.out');
    const run = runSynthHost(synthDir, { env: { TFC_ORGANIZATION: 'acme-ml' } });
    if (run.status !== 0) throw new Error(run.stderr);
    stacks = SynthOutput.read(synthDir).stacks.map((stack) => ({
      name: stack.name,
      cloud: stack.json().terraform?.['cloud'] as (typeof stacks)[number]['cloud'],
    }));
    // Eight validates share one provider started in debug mode; it is killed at the end. Its
    // socket must not stay behind in the temp folder (here one of the test's own).
    const saved = { TMPDIR: process.env['TMPDIR'], TF_PLUGIN_CACHE_DIR: process.env['TF_PLUGIN_CACHE_DIR'] };
    process.env['TF_PLUGIN_CACHE_DIR'] = pluginCacheDir();
    process.env['TMPDIR'] = join(dir, 'tmp');
    mkdirSync(join(dir, 'tmp'));
    try {
      checks = await checkStacks({ synthDir });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    leftInTmp = readdirSync(join(dir, 'tmp'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every stack a cloud block with its own, valid workspace in the project', () => {
    expect(stacks).toHaveLength(9);
    for (const stack of stacks) {
      expect(stack.cloud).toEqual({
        hostname: 'app.terraform.io',
        organization: 'acme-ml',
        workspaces: { name: `smpl-${stack.name}`, project: 'sagemaker-privatelink' },
      });
      expect(stack.cloud?.workspaces.name).toMatch(/^[A-Za-z0-9_-]{1,90}$/);
    }
    expect(new Set(stacks.map((stack) => stack.cloud?.workspaces.name)).size).toBe(stacks.length);
  });

  it('validates every stack offline (init -backend=false), leaving plans to Terraform Cloud', () => {
    expect(checks.map((check) => [check.stack, check.status])).toEqual(stacks.map((stack) => [stack.name, 'passed']));
    for (const check of checks) expect(check).not.toHaveProperty('toAdd');
  });

  it('leaves nothing in the temp folder: no workspace, no socket of the shared provider', () => {
    expect(leftInTmp).toEqual([]);
  });
});

describe('the real stacks as HCL, from `npx cdktf synth --hcl` (cdktf.out.hcl for review)', () => {
  let dir: string;
  let checks: StackCheck[];
  let cloudChecks: StackCheck[];
  let stackFiles: string[];
  let cloudText: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-check-hcl-'));
    const synthDir = join(dir, 'cdktf.out.hcl');
    // The cdktf CLI runs the app cdktf.json names with SYNTH_HCL_OUTPUT=true, as `npm run env -- hcl` does.
    const cli = spawnSync(join(ROOT, 'node_modules/.bin/cdktf'), ['synth', '--hcl', '--output', synthDir], {
      cwd: ROOT,
      env: { ...cleanEnv(), PRIVATELINK_CONFIG: join(ROOT, 'config/environments.yaml'), CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true' },
      encoding: 'utf8',
    });
    if (cli.status !== 0) throw new Error(`cdktf synth --hcl failed (${cli.status}):\n${cli.stdout}\n${cli.stderr}`);
    stackFiles = SynthOutput.read(synthDir).stacks.map((stack) => stack.stackFile);
    checks = await checkStacks({ synthDir, validateOnly: true });
    const cloudDir = join(dir, 'cloud.hcl');
    const cloud = runSynthHost(cloudDir, { env: { TFC_ORGANIZATION: 'acme-ml', SYNTH_HCL_OUTPUT: 'true' } });
    if (cloud.status !== 0) throw new Error(cloud.stderr);
    cloudText = readFileSync(join(cloudDir, 'stacks/sagemaker-prod-organization/cdk.tf'), 'utf8');
    cloudChecks = await checkStacks({ synthDir: cloudDir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every stack as HCL, the guardrails having read the JSON model', () => {
    expect(stackFiles).toHaveLength(9);
    for (const file of stackFiles) expect(file).toMatch(/\/cdk\.tf$/);
  });

  it('terraform validate accepts every stack with the real provider: policies holding references are valid HCL strings', () => {
    expect(checks.map((check) => [check.stack, check.status === 'failed' ? check.message : check.status])).toEqual(
      checks.map((check) => [check.stack, 'passed']),
    );
  });

  it('keeps the Terraform Cloud project of every workspace, which cdktf drops from HCL, and validates', () => {
    expect(cloudText).toMatch(/workspaces \{\nname = "smpl-sagemaker-prod-organization"\nproject = "sagemaker-privatelink"\n\}/);
    expect(cloudChecks.map((check) => check.status)).toEqual(cloudChecks.map(() => 'passed'));
  });
});

function filesUnder(root: string): Map<string, Buffer> {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((file) => join(root, file))
    .filter((file) => statSync(file).isFile());
  return new Map(files.map((file) => [file, readFileSync(file)]));
}
