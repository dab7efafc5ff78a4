import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deploymentTargets, stackId, type PrivatelinkConfig } from '@privatelink/config';
import { checkSynthOutput, GuardrailsFailed, writeGuardrailsReport, type GuardrailsReport } from '@privatelink/guardrails';
import { APPS, type SynthApp } from './apps';

interface ManifestStack {
  name: string;
  workingDirectory: string;
  dependencies: string[];
  [key: string]: unknown;
}

interface Manifest {
  version: string;
  stacks: Record<string, ManifestStack>;
  [key: string]: unknown;
}

export interface SynthOptions {
  readonly config: PrivatelinkConfig;
  /** Where the stacks end up (`cdktf.out` unless the cdktf CLI says otherwise). */
  readonly outdir: string;
  /** Repository root: the apps' entry points are relative to it. */
  readonly root: string;
  /**
   * The programs to run.
   * @default APPS - the network and SageMaker apps
   */
  readonly apps?: readonly SynthApp[];
}

export interface SynthResult {
  readonly stacks: string[];
  /** What the guardrails rule pack checked; written to `<outdir>/guardrails.md`. */
  readonly guardrails: GuardrailsReport;
}

/** Files `cdktf deploy` leaves in a stack folder; kept across synths so providers need no re-init. */
const KEPT_IN_STACK_FOLDERS = ['.terraform', '.terraform.lock.hcl'];

/**
 * Runs every app into a staging folder beside the output, in parallel, merges their manifests
 * (SageMaker stacks depend on their network stack) and only then swaps the result into place:
 * a failed synth leaves the previous output exactly as it was.
 */
export async function synthesize({ config, outdir, root, apps = APPS }: SynthOptions): Promise<SynthResult> {
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    // Wait for every app, even after one failed, so none still writes while staging is removed.
    const runs = await Promise.allSettled(apps.map((app) => runApp(root, app.entry, join(staging, app.name))));
    const failed = runs.find((run): run is PromiseRejectedResult => run.status === 'rejected');
    if (failed) throw failed.reason;
    const merged = join(staging, 'out');
    const manifest = mergeOutputs(
      apps.map((app) => join(staging, app.name)),
      merged,
      config,
    );
    // Checked before anything is taken from the previous output: a violation leaves it as it was.
    const guardrails = checkSynthOutput(merged);
    if (guardrails.findings.length > 0) throw new GuardrailsFailed(guardrails);
    writeGuardrailsReport(merged, guardrails);
    keepTerraformFiles(outdir, merged, Object.values(manifest.stacks));
    swapInto(merged, outdir);
    return { stacks: Object.keys(manifest.stacks), guardrails };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function runApp(root: string, entry: string, outdir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new AppFailed(entry, code ?? -1, output.trim()));
    });
  });
}

export class AppFailed extends Error {
  constructor(
    readonly entry: string,
    readonly exitCode: number,
    readonly output: string,
  ) {
    super(`${entry} failed (exit ${exitCode}); nothing was written\n${output}`);
  }
}

function readManifest(folder: string): Manifest {
  return JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
}

function mergeOutputs(folders: string[], merged: string, config: PrivatelinkConfig): Manifest {
  const manifests = folders.map(readManifest);
  const stacks: Record<string, ManifestStack> = {};
  mkdirSync(join(merged, 'stacks'), { recursive: true });
  folders.forEach((folder, i) => {
    for (const stack of Object.values(manifests[i].stacks)) {
      if (stacks[stack.name]) throw new Error(`two apps synthesized a stack named ${stack.name}`);
      renameSync(join(folder, stack.workingDirectory), join(merged, stack.workingDirectory));
      stacks[stack.name] = stack;
    }
  });
  for (const target of deploymentTargets(config)) {
    const sagemaker = stacks[stackId('sagemaker', target.environment.name, target.region.region)];
    const network = stackId('network', target.environment.name, target.region.region);
    if (sagemaker && !sagemaker.dependencies.includes(network)) sagemaker.dependencies.push(network);
  }
  const sorted = Object.fromEntries(Object.keys(stacks).sort().map((name) => [name, stacks[name]]));
  const manifest: Manifest = { ...manifests[0], stacks: sorted };
  writeFileSync(join(merged, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function keepTerraformFiles(outdir: string, merged: string, stacks: ManifestStack[]): void {
  for (const stack of stacks) {
    const previous = join(outdir, stack.workingDirectory);
    if (!existsSync(previous)) continue;
    for (const entry of readdirSync(previous)) {
      if (KEPT_IN_STACK_FOLDERS.includes(entry)) renameSync(join(previous, entry), join(merged, stack.workingDirectory, entry));
    }
  }
}

function swapInto(merged: string, outdir: string): void {
  const retired = `${outdir}.previous-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, retired);
  renameSync(merged, outdir);
  rmSync(retired, { recursive: true, force: true });
}

export function defaultOutdir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(root, env['CDKTF_OUTDIR'] || 'cdktf.out');
}
