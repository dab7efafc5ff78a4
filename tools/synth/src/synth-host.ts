import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PrivatelinkConfig } from '@privatelink/config';
import { checkSynthOutput, GuardrailsFailed, writeGuardrailsReport, type GuardrailsReport } from '@privatelink/guardrails';
import { SynthOutput } from '@privatelink/synth-output';
import { FORCE_DESTROY_CONTEXT } from '@privatelink/stack-kit';
import { App } from 'cdktf';
import { composeStacks } from './compose';
import { addCloudWorkspaceProject, escapeHclStringLines } from './hcl-strings';

export interface SynthOptions {
  readonly config: PrivatelinkConfig;
  /** Where the stacks end up (`cdktf.out` unless the cdktf CLI says otherwise). */
  readonly outdir: string;
  /**
   * Adds the stacks to the app.
   * @default composeStacks - every stack of every deployment target
   */
  readonly compose?: (app: App, config: PrivatelinkConfig) => void;
  /**
   * Write HCL (`cdk.tf`) instead of JSON; the guardrails still read the JSON model.
   * @default - what `cdktf synth --hcl` asks for (SYNTH_HCL_OUTPUT)
   */
  readonly hcl?: boolean;
  /**
   * The protected environment whose stacks are synthesized without `prevent_destroy`, to destroy it.
   * @default - every protected environment keeps it
   */
  readonly forceDestroy?: string;
}

export interface SynthResult {
  readonly stacks: string[];
  /** What the guardrails rule pack checked; written to `<outdir>/guardrails.md`. */
  readonly guardrails: GuardrailsReport;
}

/** What `cdktf deploy` leaves in a stack folder and synth keeps, so providers need no re-init. */
const KEPT_IN_STACK_FOLDERS = ['.terraform'];

/**
 * The committed provider lock (hashicorp/aws and its hashes; `terraform providers lock` adds
 * platforms to it): synth puts it in every stack folder, so every init, here or in CI or Terraform
 * Cloud, installs exactly those provider bits.
 */
export const PROVIDER_LOCK_FILE = resolve(__dirname, '../../../terraform/.terraform.lock.hcl');
const LOCK_NAME = '.terraform.lock.hcl';

/** Another synth holds the output folder. */
export class SynthBusy extends Error {
  override readonly name = 'SynthBusy';
}

/** A synth stopped by a signal; its staging folder is gone and the previous output is untouched. */
export class SynthInterrupted extends Error {
  override readonly name = 'SynthInterrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`synth stopped by ${signal}; the previous output was left as it was`);
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Builds every stack in this process into a staging folder beside the output, runs the guardrails
 * on what was staged, and only then swaps it into place: a failed or interrupted synth leaves the
 * previous output exactly as it was. One synth at a time per output folder (a lock beside it);
 * staging folders of killed runs are removed first.
 */
export async function synthesize({ config, outdir, compose = composeStacks, hcl = hclRequested(), forceDestroy }: SynthOptions): Promise<SynthResult> {
  const lock = acquireLock(outdir);
  const staging = `${outdir}.staging-${process.pid}`;
  const interrupted = watchSignals();
  try {
    removeAbandoned(outdir);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    await interrupted.checkpoint();

    const model = join(staging, 'json');
    const context: Record<string, string> = forceDestroy ? { [FORCE_DESTROY_CONTEXT]: forceDestroy } : {};
    const stacks = synthApp(model, config, compose, false, context);
    await interrupted.checkpoint();
    // Checked before anything is taken from the previous output: a violation leaves it as it was.
    const guardrails = checkSynthOutput(model);
    if (guardrails.findings.length > 0) throw new GuardrailsFailed(guardrails);
    let written = model;
    if (hcl) {
      written = join(staging, 'hcl');
      synthApp(written, config, compose, true, context);
      const json = SynthOutput.read(model);
      for (const stack of SynthOutput.read(written).stacks) {
        let text = escapeHclStringLines(readFileSync(stack.file, 'utf8'));
        const backend = json.stack(stack.name).backend();
        if (backend.kind === 'cloud' && backend.project) text = addCloudWorkspaceProject(text, backend.project);
        writeFileSync(stack.file, text);
      }
    }
    for (const stack of SynthOutput.read(written).stacks) copyFileSync(PROVIDER_LOCK_FILE, join(stack.directory, LOCK_NAME));
    writeGuardrailsReport(written, guardrails);
    await interrupted.checkpoint();

    keepTerraformFiles(outdir, written, stacks);
    swapInto(written, outdir);
    return { stacks, guardrails };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    interrupted.stop();
    lock.release();
  }
}

/** One App, synthesized into `outdir`; returns the stack names in manifest order. */
function synthApp(
  outdir: string,
  config: PrivatelinkConfig,
  compose: NonNullable<SynthOptions['compose']>,
  hclOutput: boolean,
  context: Readonly<Record<string, string>>,
): string[] {
  // cdktf reads SYNTH_HCL_OUTPUT (set by `cdktf synth --hcl`) over its hclOutput option, when the
  // App is built and again when stacks are written: the JSON model the guardrails read must be
  // JSON even then, so the variable says what this app writes for as long as it is synthesized.
  const requested = process.env['SYNTH_HCL_OUTPUT'];
  process.env['SYNTH_HCL_OUTPUT'] = String(hclOutput);
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = withoutTokenStacks(previous);
  try {
    const app = new App({ outdir, hclOutput, skipValidation: false, context: { ...context } });
    compose(app, config);
    app.synth();
  } finally {
    Error.prepareStackTrace = previous;
    if (requested === undefined) delete process.env['SYNTH_HCL_OUTPUT'];
    else process.env['SYNTH_HCL_OUTPUT'] = requested;
  }
  return SynthOutput.read(outdir).stacks.map((stack) => stack.name);
}

/**
 * cdktf records where every token was created by capturing a full stack trace into a plain object
 * (`Error.captureStackTrace({}, ...)`), thousands per synth; formatting those frames (through tsx's
 * source maps) was a fifth of the synth's time. Those captures get no text; a real Error keeps the
 * formatting it had, source maps and all.
 */
function withoutTokenStacks(previous: ErrorConstructor['prepareStackTrace']): NonNullable<ErrorConstructor['prepareStackTrace']> {
  return (target, frames) => {
    if (!(target instanceof Error)) return '';
    return previous ? previous(target, frames) : [String(target), ...frames.map((frame) => `    at ${String(frame)}`)].join('\n');
  };
}

function hclRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['SYNTH_HCL_OUTPUT'] === 'true' || env['SYNTH_HCL_OUTPUT'] === '1';
}

function keepTerraformFiles(outdir: string, staged: string, stacks: readonly string[]): void {
  for (const stack of stacks) {
    const previous = join(outdir, 'stacks', stack);
    if (!existsSync(previous)) continue;
    for (const entry of readdirSync(previous)) {
      if (KEPT_IN_STACK_FOLDERS.includes(entry)) renameSync(join(previous, entry), join(staged, 'stacks', stack, entry));
    }
  }
}

function swapInto(staged: string, outdir: string): void {
  const retired = `${outdir}.previous-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, retired);
  renameSync(staged, outdir);
  rmSync(retired, { recursive: true, force: true });
}

/** Whether a process with this id is alive (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `<outdir>.lock`, created exclusively and holding the owner's pid. A lock whose owner is gone
 * (killed, power loss) is taken over; a live owner's is a clear refusal, so two synths into one
 * folder never mix their outputs.
 */
function acquireLock(outdir: string): { release(): void } {
  const file = `${outdir}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (alive(owner) && owner !== process.pid) {
        throw new SynthBusy(
          `another synth (pid ${owner}) is writing ${outdir}; wait for it to finish, or remove ${file} if no such process runs`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new SynthBusy(`cannot take the lock ${file}: another synth keeps taking it`);
}

/** Staging and retired folders a killed synth left beside the output (`<outdir>.staging-<pid>`). */
function removeAbandoned(outdir: string): void {
  const parent = dirname(resolve(outdir));
  const prefix = `${basename(outdir)}.`;
  for (const entry of readdirSync(parent)) {
    const match = /^(staging|previous)-(\d+)$/.exec(entry.startsWith(prefix) ? entry.slice(prefix.length) : '');
    if (match && !alive(Number(match[2]))) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * Turns SIGINT/SIGTERM/SIGHUP into a stop at the next checkpoint (the synth itself is synchronous),
 * so the finally blocks remove the staging folder and the lock before the process exits.
 */
function watchSignals(): { checkpoint(): Promise<void>; stop(): void } {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received = signal;
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    async checkpoint() {
      await new Promise((done) => setImmediate(done));
      if (received) throw new SynthInterrupted(received);
    },
    stop() {
      for (const signal of SIGNALS) process.off(signal, onSignal);
    },
  };
}

export function defaultOutdir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(root, env['CDKTF_OUTDIR'] || 'cdktf.out');
}
