import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SynthOutput, synthOutputDir } from '@privatelink/synth-output';
import { CheckCache } from './check-cache';
import { checkKey, toolchainDigest } from './check-key';
import { awsProviderBinary, startSchemaProvider, type SchemaProvider } from './schema-provider';
import { usesTerraformCloud } from './stack-file';
import { prepareStackWorkspace, type StackWorkspace } from './stack-workspace';
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
      /** True when an identical check had passed (same key in the check cache): nothing ran. */
      readonly cached: boolean;
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
   * The synth output folder (read with @privatelink/synth-output); its stacks may be JSON or HCL.
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
   * The check cache folder (`defaultCacheDir` is the CLI's): a stack whose check key (`checkKey`)
   * has a passed check there is reported as passed without running terraform, and every check
   * that passes is recorded there.
   * @default - no cache: every stack is checked
   */
  readonly cacheDir?: string;
  /**
   * `terraform validate` every stack (init -backend=false, one shared provider), plan none: what an
   * HCL synth for review needs. A validate is not a plan, so this never reads or writes the cache.
   * @default false - plan every stack that is not a Terraform Cloud one
   */
  readonly validateOnly?: boolean;
  /**
   * Called as each stack's check ends, in completion order (cached stacks first).
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

/** A stack prepared for terraform, not in the cache. */
interface PendingStack {
  readonly index: number;
  readonly name: string;
  readonly workspace: StackWorkspace;
  readonly key?: string;
}

/**
 * An offline `terraform plan` of every synthesized stack against the real providers (a plan
 * validates the configuration first, with the same diagnostics), or `terraform validate` for a
 * Terraform Cloud stack, which plans only remotely. Each stack gets its own temporary root (see
 * `prepareStackWorkspace`), removed at the end; the synth output is only read. With a check cache,
 * stacks whose key already passed are skipped. Providers come from `PRIVATELINK_TF_PROVIDER_MIRROR`,
 * else the image's mirror, else the registry, through the shared `TF_PLUGIN_CACHE_DIR`. Results
 * come back in the reader's order (by stack name).
 */
export async function checkStacks(options: CheckStacksOptions = {}): Promise<StackCheck[]> {
  const terraform = findTerraform();
  if (terraform === undefined) throw new TerraformCheckError(INSTALL_TERRAFORM_HELP);
  const synthDir = resolve(options.synthDir ?? synthOutputDir());
  const stacks = SynthOutput.read(synthDir).stacks;
  const mirror = providerMirror();

  const workspace = mkdtempSync(join(tmpdir(), 'terraform-check-'));
  removeOnExit(workspace, true);
  try {
    const pluginDir = options.pluginCache === false ? undefined : pluginCacheDir();
    if (pluginDir) mkdirSync(pluginDir, { recursive: true });
    const cliConfigFile = join(workspace, 'terraform.rc');
    writeFileSync(cliConfigFile, cliConfig(mirror, pluginDir));
    // Terraform and every provider it starts make their plugin sockets in TMPDIR; one left by a
    // killed provider goes with the workspace instead of staying in /tmp.
    const processTmp = socketTempDir(workspace);
    if (processTmp !== join(workspace, 'tmp')) removeOnExit(processTmp, true);
    const env = {
      ...terraformEnv(process.env, { cliConfigFile, missingFile: join(workspace, 'no-aws-config') }),
      TMPDIR: processTmp,
    };

    const cache = options.cacheDir === undefined || options.validateOnly ? undefined : new CheckCache(options.cacheDir);
    const toolchain = cache && toolchainDigest({ terraform, providerMirror: mirror }, cache.digests);
    const results: StackCheck[] = new Array(stacks.length);
    const done = (index: number, check: StackCheck) => {
      results[index] = check;
      options.onStackChecked?.(check);
    };
    const pending: PendingStack[] = [];
    for (const [index, stack] of stacks.entries()) {
      const root = join(workspace, 'stacks', stack.name);
      let prepared: StackWorkspace;
      try {
        prepared = await prepareStackWorkspace(stack, root);
      } catch (error) {
        done(index, { stack: stack.name, status: 'failed', step: 'prepare', message: (error as Error).message, seconds: {} });
        continue;
      }
      const key = toolchain === undefined ? undefined : checkKey(toolchain, root);
      const hit = key === undefined ? undefined : cache?.lookup(key, stack.name);
      if (hit) {
        done(index, { stack: stack.name, status: 'passed', ...(hit.toAdd === undefined ? {} : { toAdd: hit.toAdd }), cached: true, seconds: {} });
      } else {
        pending.push({ index, name: stack.name, workspace: prepared, ...(key === undefined ? {} : { key }) });
      }
    }

    // The naive way (no plugin cache) runs every step as-is; the project way lets the first init
    // fill the cache alone, then inits in parallel.
    const validates = options.validateOnly ? pending.length : pending.filter((stack) => usesTerraformCloud(stack.workspace.stack)).length;
    const shared = pluginDir !== undefined ? new SharedSteps(env, validates >= 2) : undefined;
    try {
      await inPool(pending, options.concurrency ?? availableParallelism(), async (stack) => {
        const check = await checkStack(stack.name, stack.workspace, { terraform, env, shared, validateOnly: options.validateOnly === true });
        if (check.status === 'passed' && stack.key !== undefined) {
          cache?.record(stack.key, { stack: stack.name, ...(check.toAdd === undefined ? {} : { toAdd: check.toAdd }) });
        }
        done(stack.index, check);
      });
    } finally {
      await shared?.stop();
    }
    cache?.prune();
    cache?.save();
    return results;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    removeOnExit(workspace, false);
    for (const folder of [...unfinished].filter((entry) => entry.startsWith(SHORT_TMP_PREFIX))) {
      rmSync(folder, { recursive: true, force: true });
      removeOnExit(folder, false);
    }
  }
}

/** Longest TMPDIR whose go-plugin sockets (`<TMPDIR>/plugin<10 digits>`) fit a Unix socket path (108 bytes). */
const MAX_SOCKET_TMPDIR = 80;
const SHORT_TMP_PREFIX = '/tmp/tfcheck-';

/**
 * A temp folder for terraform and its providers, removed with the run: inside the workspace, unless
 * that path is too long for the plugin sockets providers create in it (a test's TMPDIR nested in
 * another's), then a short one in /tmp.
 */
function socketTempDir(workspace: string): string {
  const inside = join(workspace, 'tmp');
  if (inside.length <= MAX_SOCKET_TMPDIR) {
    mkdirSync(inside);
    return inside;
  }
  return mkdtempSync(SHORT_TMP_PREFIX);
}

const unfinished = new Set<string>();

/**
 * Workspaces of the runs in progress are removed if the process exits before they end: on an
 * uncaught error, or on process.exit() from a signal handler (the CLI's, for Ctrl-C and CI
 * timeouts). Removing them is synchronous, as an exit handler must be.
 */
function removeOnExit(workspace: string, pending: boolean): void {
  if (pending) {
    if (unfinished.size === 0) process.once('exit', removeUnfinished);
    unfinished.add(workspace);
  } else {
    unfinished.delete(workspace);
    if (unfinished.size === 0) process.removeListener('exit', removeUnfinished);
  }
}

function removeUnfinished(): void {
  for (const workspace of unfinished) {
    try {
      rmSync(workspace, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // a terraform still writing there; nothing more can be done while exiting
    }
  }
}

interface StackRun {
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
  readonly shared?: SharedSteps;
  readonly validateOnly: boolean;
}

/**
 * What the stacks of one check share. The first init runs alone: concurrent inits filling an empty
 * plugin cache race on its folders ("failed to create directory"); once it is filled they only link
 * to it. When several stacks are only validated, the AWS provider then starts once in debug mode
 * for their validates to attach to.
 */
class SharedSteps {
  private first?: Promise<void>;
  private provider?: Promise<SchemaProvider | undefined>;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly shareSchemaProvider: boolean,
  ) {}

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
    const binary = this.shareSchemaProvider ? awsProviderBinary(cwd) : undefined;
    this.provider = binary ? startSchemaProvider(binary, this.env) : Promise.resolve(undefined);
    return result;
  }

  /** Environment for a validate: attached to the shared provider when it started. */
  async validateEnv(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
    const provider = await this.provider;
    return provider ? { ...env, TF_REATTACH_PROVIDERS: provider.reattach } : env;
  }

  async stop(): Promise<void> {
    await (await this.provider)?.stop();
  }
}

async function checkStack(name: string, workspace: StackWorkspace, run: StackRun): Promise<StackCheck> {
  const { cwd } = workspace;
  const seconds: StepSeconds = {};
  const failed = (step: CheckStep, message: string): StackCheck => ({ stack: name, status: 'failed', step, message, seconds });
  const timed = (step: CheckStep, args: string[], env = run.env) => async () => {
    const started = performance.now();
    const result = await terraformRun(run.terraform, args, cwd, env);
    seconds[step] = (performance.now() - started) / 1000;
    return result;
  };

  // A Terraform Cloud stack plans remotely (speculative plans in CI): offline it is initialized
  // without its backend and validated only.
  const validateOnly = run.validateOnly || usesTerraformCloud(workspace.stack);
  const runInit = timed('init', ['init', '-input=false', '-no-color', ...(validateOnly ? ['-backend=false'] : [])]);
  const init = run.shared ? await run.shared.init(cwd, runInit) : await runInit();
  if (init.code !== 0) return failed('init', outputOf(init));

  if (validateOnly) {
    const validateEnv = run.shared ? await run.shared.validateEnv(run.env) : run.env;
    const validate = await timed('validate', ['validate', '-json'], validateEnv)();
    const validation = parseJson<{ valid?: boolean; diagnostics?: Diagnostic[] }>(validate.stdout);
    if (validate.code !== 0 || validation?.valid !== true) {
      return failed('validate', errorsOf(validation?.diagnostics ?? []) || outputOf(validate));
    }
    return { stack: name, status: 'passed', cached: false, seconds };
  }

  // No separate validate: a plan validates the configuration first and reports the same
  // diagnostics (file and line). -json: diagnostics and the change summary as data.
  // -refresh=false: nothing to refresh (data sources are still read, the remote state fixture
  // among them). -lock=false: throwaway state.
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
  return { stack: name, status: 'passed', toAdd: summary.changes.add, cached: false, seconds };
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
