import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runSynthHost } from '@privatelink/stack-kit/testing';
import { FORCE_DESTROY_VARIABLE, forceDestroyOutputDir, SynthOutput, type SynthesizedStack } from '@privatelink/synth-output';
import { cliConfig, pluginCacheDir, prepareStackWorkspace, providerMirror, terraformEnv } from '@privatelink/terraform-check';
import { startRecordingProxy, type RecordingProxy } from './testing/recording-proxy';

// Two real synths of the default config, then terraform init and plan -destroy of one prod stack from each.
jest.setTimeout(300_000);

const STACK = 'network-prod-us-west-2';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs terraform without blocking this process, so the recording proxy in it can answer. */
function terraform(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Addresses of the resources a stack marks prevent_destroy, by type and logical id. */
function protectedResources(stack: SynthesizedStack): { type: string; name: string }[] {
  return Object.entries(stack.json().resource ?? {}).flatMap(([type, resources]) =>
    Object.entries(resources)
      .filter(([, attributes]) => (attributes['lifecycle'] as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true)
      .map(([name]) => ({ type, name })),
  );
}

/**
 * A local state holding these resources, as a deployed stack's would (ids only: a plan with
 * -refresh=false reads nothing from AWS, and a destroy plan needs nothing else).
 */
function stateWith(resources: readonly { type: string; name: string }[]): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.0',
    serial: 1,
    lineage: '00000000-0000-4000-8000-00000000f0dd',
    outputs: {},
    resources: resources.map(({ type, name }, index) => ({
      mode: 'managed',
      type,
      name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 0, attributes: { id: `${type}-${index}` }, sensitive_attributes: [] }],
    })),
  });
}

describe('destroy --force-destroy with the real terraform', () => {
  let work: string;
  let outdir: string;
  let proxy: RecordingProxy;
  let env: NodeJS.ProcessEnv;
  let inState: { type: string; name: string }[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'force-destroy-'));
    outdir = join(work, 'cdktf.out');
    const normal = runSynthHost(outdir);
    expect(normal.stderr).toBe('');
    const forced = runSynthHost(outdir, { env: { [FORCE_DESTROY_VARIABLE]: 'prod' } });
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    inState = protectedResources(SynthOutput.read(outdir).stack(STACK));
    proxy = await startRecordingProxy();
    const cliConfigFile = join(work, 'cli.tfrc');
    // The provider cache terraform-check shares between runs; terraform wants it to exist.
    mkdirSync(pluginCacheDir(), { recursive: true });
    writeFileSync(cliConfigFile, cliConfig(providerMirror(), pluginCacheDir()));
    env = { ...terraformEnv(process.env, { cliConfigFile, missingFile: join(work, 'no-aws-config') }), HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url };
    delete env['NO_PROXY'];
    delete env['no_proxy'];
  });
  afterAll(async () => {
    await proxy?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** plan -destroy of STACK from a synth output, starting from a state that holds its protected resources. */
  async function planDestroy(synthDir: string): Promise<Run> {
    const stack = SynthOutput.read(synthDir).stack(STACK);
    const root = mkdtempSync(join(work, 'plan-'));
    const { cwd } = await prepareStackWorkspace(stack, root);
    // The stack's local backend path, ../../../terraform.<stack>.tfstate, lands in `root`.
    writeFileSync(join(root, `terraform.${STACK}.tfstate`), stateWith(inState));
    const init = await terraform(cwd, ['init', '-input=false', '-no-color', '-backend=true'], env);
    expect(init.stderr).toBe('');
    return terraform(cwd, ['plan', '-destroy', '-refresh=false', '-input=false', '-no-color', '-lock=false'], env);
  }

  it('synthesizes the protected stacks with prevent_destroy in cdktf.out, and the forced copy without it beside it', () => {
    expect(inState.map((resource) => resource.type).sort()).toEqual(['aws_kms_key', 'aws_vpc']);
    const forced = SynthOutput.read(forceDestroyOutputDir(outdir));
    expect(forced.outdir).toBe(`${outdir}.force-destroy`);
    expect(protectedResources(forced.stack(STACK))).toEqual([]);
  });

  it('changes only the named environment: every other stack is byte for byte the normal synth', () => {
    const normal = SynthOutput.read(outdir);
    const forced = SynthOutput.read(forceDestroyOutputDir(outdir));
    expect(forced.stacks.map((stack) => stack.name)).toEqual(normal.stacks.map((stack) => stack.name));
    const others = normal.stacks.filter((stack) => stack.identity()?.environment !== 'prod');
    expect(others.length).toBeGreaterThan(0);
    for (const stack of others) expect(forced.stack(stack.name).text()).toBe(stack.text());
    for (const stack of forced.find('network', 'prod')) expect(protectedResources(stack)).toEqual([]);
  });

  it('refuses to force an environment that is not protected, and writes nothing', () => {
    const result = runSynthHost(join(work, 'never'), { env: { [FORCE_DESTROY_VARIABLE]: 'dev' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^PRIVATELINK_FORCE_DESTROY is "dev", which is not a protected environment of .*environments\.yaml; protected: prod\n$/);
    expect(existsSync(join(work, 'never'))).toBe(false);
    expect(existsSync(join(work, 'never.force-destroy'))).toBe(false);
  });

  it('terraform refuses to plan the destroy on the normal synth: prevent_destroy', async () => {
    const plan = await planDestroy(outdir);
    expect(plan.status).toBe(1);
    expect(plan.stderr).toContain('Error: Instance cannot be destroyed');
    expect(proxy.requests).toEqual([]);
  });

  it('terraform plans the destroy of every protected resource on the force-destroy synth, calling no AWS endpoint', async () => {
    const plan = await planDestroy(forceDestroyOutputDir(outdir));
    expect(plan.stderr).toBe('');
    expect(plan.status).toBe(0);
    expect(plan.stdout).toContain(`Plan: 0 to add, 0 to change, ${inState.length} to destroy.`);
    expect(proxy.requests).toEqual([]);
  });
});
