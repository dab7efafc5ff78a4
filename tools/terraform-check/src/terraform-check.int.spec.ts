import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSynthHost } from '@privatelink/stack-kit/testing';
import { checkStacks, type StackCheck } from './check-stacks';
import { readManifest } from './synth-manifest';
import { cleanEnv, runCli, SAMPLE_STACK_IDS, synthSample } from './testing';

// Real terraform, real AWS provider (from the image's mirror, else the registry), no AWS account.
// Every terraform run of the suite is in this file: concurrent first fills of the shared plugin
// cache race, and Jest runs spec files in parallel. Each stack costs about 10 s (init, then
// validate and plan each start the 700 MB provider), so each sample stack is checked once: the
// passing network stack and the invalid one through the CLI, the other two through the library.
jest.setTimeout(180_000);

describe('checkStacks against terraform and the AWS provider', () => {
  let dir: string;
  let synthDir: string;
  let before: Map<string, Buffer>;
  let checks: StackCheck[];
  const reported: string[] = [];
  const check = (id: string) => checks.find((candidate) => candidate.stack === id);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-check-spec-'));
    synthDir = synthSample(join(dir, 'cdktf.out'), ['sagemaker', 'missingNetworkOutput', 'terraformCloud']);
    before = filesUnder(dir);
    checks = await checkStacks({ synthDir, onStackChecked: (done) => reported.push(done.stack) });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans a SageMaker-like stack against the network-state fixture, reading every handoff output', () => {
    expect(check(SAMPLE_STACK_IDS.sagemaker)).toMatchObject({ status: 'passed', toAdd: 1 });
  });

  it('validates a Terraform Cloud stack offline (init -backend=false) and leaves its plan to TFC', () => {
    const cloud = check(SAMPLE_STACK_IDS.terraformCloud);
    expect(cloud).toMatchObject({ status: 'passed' });
    expect(cloud).not.toHaveProperty('toAdd');
    expect(cloud?.seconds).toHaveProperty('validate');
    expect(cloud?.seconds).not.toHaveProperty('plan');
  });

  it('fails plan with the message when a stack reads an output the network state does not have', () => {
    expect(check(SAMPLE_STACK_IDS.missingNetworkOutput)).toMatchObject({
      status: 'failed',
      step: 'plan',
      message: expect.stringMatching(
        /^Error: Unsupported attribute: This object does not have an attribute named "no_such_output"\. \(cdk\.tf\.json:\d+\)$/,
      ),
    });
  });

  it('leaves the synth output and its folder byte for byte as they were: no override, no state', () => {
    expect(filesUnder(dir)).toEqual(before);
  });

  it('reports each stack once as it ends and returns the results in manifest order', () => {
    const manifestOrder = readManifest(synthDir).map((stack) => stack.name);

    expect([...reported].sort()).toEqual([...manifestOrder].sort());
    expect(checks.map((done) => done.stack)).toEqual(manifestOrder);
  });
});

describe('terraform-check CLI run', () => {
  it("prints one line per stack with the provider's message of an invalid value, then the totals; exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), 'terraform-check-cli-run-'));
    try {
      const synthDir = synthSample(join(dir, 'cdktf.out'), ['network', 'invalidCidr']);

      const run = runCli([synthDir], cleanEnv());

      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toContain('ok network-dev-us-west-2 validate+plan (2 to add)');
      expect(lines).toContain('FAILED invalid-dev-us-west-2 at validate:');
      expect(run.stdout).toMatch(
        /^ {4}Error: expected cidr_block to contain a valid Value, got: not-a-cidr .*invalid CIDR address: not-a-cidr \(aws_vpc\.vpc, cdk\.tf\.json:\d+\)$/m,
      );
      expect(lines.at(-1)).toBe('terraform: 1 passed, 1 failed');
      expect(run.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the real stacks with a Terraform Cloud organization configured', () => {
  let dir: string;
  let stacks: { name: string; cloud?: { organization: string; workspaces: { name: string; project: string } } }[];
  let checks: StackCheck[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'terraform-check-tfc-'));
    const synthDir = join(dir, 'cdktf.out');
    const run = runSynthHost(synthDir, { env: { TFC_ORGANIZATION: 'acme-ml' } });
    if (run.status !== 0) throw new Error(run.stderr);
    stacks = readManifest(synthDir).map((stack) => ({
      name: stack.name,
      cloud: JSON.parse(readFileSync(join(synthDir, stack.synthesizedStackPath), 'utf8')).terraform.cloud,
    }));
    checks = await checkStacks({ synthDir });
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
});

function filesUnder(root: string): Map<string, Buffer> {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((file) => join(root, file))
    .filter((file) => statSync(file).isFile());
  return new Map(files.map((file) => [file, readFileSync(file)]));
}
