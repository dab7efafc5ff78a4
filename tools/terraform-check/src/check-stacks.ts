import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { awsProviderBinary, startSchemaProvider, type SchemaProvider } from './schema-provider';
import { prepareStackWorkspace } from './stack-workspace';
import { readManifest, type ManifestStack } from './synth-manifest';
import { TerraformCheckError } from './terraform-check-error';
import {
  cliConfig,
  findTerraform,
  INSTALL_TERRAFORM_HELP,
  pluginCacheDir,
  providerMirror,
  terraformEnv,
} from './terraform-environment';

/** The steps of one stack's check, in order; a failure stops at its step. */
export type CheckStep = 'prepare' | 'init' | 'validate' | 'plan';

/** Wall-clock seconds of each step a stack went through. */
export type StepSeconds = Partial<Record<CheckStep, number>>;

/** How one stack fared. */
export type StackCheck =
  | {
      readonly stack: string;
      readonly status: 'passed';
      /** Resources the plan creates, starting from empty state; undefined when only validated. */
      readonly toAdd?: number;
      readonly seconds: StepSeconds;
    }
  | {
      readonly stack: string;
      readonly status: 'failed';
      readonly step: CheckStep;
      /** Terraform's error diagnostics, one per line, or its stderr when it gave none. */
      readonly message: string;
      readonly seconds: StepSeconds;
    };

export interface CheckStacksOptions {
  /**
   * The synth output folder, holding `manifest.json`.
   * @default 'cdktf.out'
   */
  readonly synthDir?: string;
  /**
   * How many stacks are checked at once.
   * @default - the number of CPUs
   */
  readonly concurrency?: number;
  /**
   * Share one provider cache between the stacks' inits.
   * @default true - false only to measure the naive way (benchmark)
   */
  readonly pluginCache?: boolean;
  /**
   * Called as each stack's check ends, in completion order.
   * @default - nothing is called
   */
  readonly onStackChecked?: (check: StackCheck) => void;
}

interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

/**
 * `terraform init`, `validate` and `plan` of every synthesized stack, offline, against the real
 * providers. Each stack gets its own temporary root (see `prepareStackWorkspace`), removed at the
 * end; the synth output is only read. Providers come from `PRIVATELINK_TF_PROVIDER_MIRROR`, else
 * the image's mirror, else the registry, through the shared `TF_PLUGIN_CACHE_DIR`. Results come
 * back in manifest order.
 */
export async function checkStacks(options: CheckStacksOptions = {}): Promise<StackCheck[]> {
  const terraform = findTerraform();
  if (terraform === undefined) throw new TerraformCheckError(INSTALL_TERRAFORM_HELP);
  const synthDir = resolve(options.synthDir ?? 'cdktf.out');
  const stacks = readManifest(synthDir);

  const workspace = mkdtempSync(join(tmpdir(), 'terraform-check-'));
  try {
    const cacheDir = options.pluginCache === false ? undefined : pluginCacheDir();
    if (cacheDir) mkdirSync(cacheDir, { recursive: true });
    const cliConfigFile = join(workspace, 'terraform.rc');
    writeFileSync(cliConfigFile, cliConfig(providerMirror(), cacheDir));
    const env = terraformEnv(process.env, { cliConfigFile, missingFile: join(workspace, 'no-aws-config') });

    // The naive way (no cache) runs every step as-is; the project way lets the first init fill the
    // cache alone, then inits in parallel and shares one schema provider between the validates.
    const shared = cacheDir !== undefined ? new SharedSteps(env) : undefined;
    try {
      return await inPool(stacks, options.concurrency ?? availableParallelism(), async (stack) => {
        const check = await checkStack(stack, { synthDir, root: join(workspace, stack.name), terraform, env, shared });
        options.onStackChecked?.(check);
        return check;
      });
    } finally {
      shared?.stop();
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

interface StackRun {
  readonly synthDir: string;
  readonly root: string;
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
  readonly shared?: SharedSteps;
}

/**
 * What the stacks of one check share. The first init runs alone: concurrent inits filling an empty
 * plugin cache race on its folders ("failed to create directory"); once it is filled they only link
 * to it. After that init, the AWS provider starts once in debug mode for every validate to attach to.
 */
class SharedSteps {
  private first?: Promise<void>;
  private provider?: Promise<SchemaProvider | undefined>;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  async init<T>(cwd: string, task: () => Promise<T>): Promise<T> {
    if (this.first) {
      await this.first;
      return task();
    }
    const result = task();
    this.first = result.then(
      () => undefined,
      () => undefined,
    );
    await this.first;
    const binary = awsProviderBinary(cwd);
    this.provider = binary ? startSchemaProvider(binary, this.env) : Promise.resolve(undefined);
    return result;
  }

  /** Environment for a validate: attached to the shared provider when it started. */
  async validateEnv(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
    const provider = await this.provider;
    return provider ? { ...env, TF_REATTACH_PROVIDERS: provider.reattach } : env;
  }

  stop(): void {
    void this.provider?.then((provider) => provider?.stop());
  }
}

async function checkStack(stack: ManifestStack, run: StackRun): Promise<StackCheck> {
  const seconds: StepSeconds = {};
  const failed = (step: CheckStep, message: string): StackCheck => ({
    stack: stack.name,
    status: 'failed',
    step,
    message,
    seconds,
  });
  let cwd: string;
  try {
    cwd = prepareStackWorkspace(stack, run.synthDir, run.root);
  } catch (error) {
    return failed('prepare', (error as Error).message);
  }
  const timed = (step: CheckStep, args: string[], env = run.env) => async () => {
    const started = performance.now();
    const result = await terraformRun(run.terraform, args, cwd, env);
    seconds[step] = (performance.now() - started) / 1000;
    return result;
  };

  // A Terraform Cloud stack plans remotely (speculative plans in CI): offline it is initialized
  // without its backend and validated only.
  const cloud = usesTerraformCloud(join(cwd, 'cdk.tf.json'));
  const runInit = timed('init', ['init', '-input=false', '-no-color', ...(cloud ? ['-backend=false'] : [])]);
  const init = run.shared ? await run.shared.init(cwd, runInit) : await runInit();
  if (init.code !== 0) return failed('init', outputOf(init));

  const validateEnv = run.shared ? await run.shared.validateEnv(run.env) : run.env;
  const validate = await timed('validate', ['validate', '-json'], validateEnv)();
  const validation = parseJson<{ valid?: boolean; diagnostics?: Diagnostic[] }>(validate.stdout);
  if (validate.code !== 0 || validation?.valid !== true) {
    return failed('validate', errorsOf(validation?.diagnostics ?? []) || outputOf(validate));
  }

  if (cloud) return { stack: stack.name, status: 'passed', seconds };

  // -json: diagnostics and the change summary as data. -refresh=false: nothing to refresh (data
  // sources are still read, the remote state fixture among them). -lock=false: throwaway state.
  const plan = await timed('plan', ['plan', '-json', '-input=false', '-lock=false', '-refresh=false'])();
  const events = plan.stdout
    .split('\n')
    .map((line) => parseJson<{ type?: string; diagnostic?: Diagnostic; changes?: { add: number } }>(line));
  const summary = events.find((event) => event?.type === 'change_summary');
  if (plan.code !== 0 || summary?.changes === undefined) {
    const diagnostics = events.flatMap((event) =>
      event?.type === 'diagnostic' && event.diagnostic ? [event.diagnostic] : [],
    );
    return failed('plan', errorsOf(diagnostics) || outputOf(plan));
  }
  return { stack: stack.name, status: 'passed', toAdd: summary.changes.add, seconds };
}

function usesTerraformCloud(stackFile: string): boolean {
  const stack = parseJson<{ terraform?: { cloud?: unknown } }>(readFileSync(stackFile, 'utf8'));
  return stack?.terraform?.cloud !== undefined;
}

function errorsOf(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map(({ summary, detail, address, range }) => {
      const where = [address, range && `${range.filename}:${range.start.line}`].filter(Boolean).join(', ');
      const text = detail ? `${summary}: ${detail}` : summary;
      return `Error: ${text.replace(/\s*\n\s*/g, ' ')}${where ? ` (${where})` : ''}`;
    })
    .join('\n');
}

function outputOf(result: RunResult): string {
  return result.stderr.trim() || result.stdout.trim() || `terraform exited with code ${result.code} and no output`;
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function terraformRun(terraform: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(terraform, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolveRun({ code: code ?? 1, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }),
    );
  });
}

async function inPool<T, R>(items: readonly T[], size: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}
