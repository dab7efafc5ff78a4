import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { DeployOrder, DeployStack } from './deploy-order';
import { countsFromPlanJson, renderSummary, type DeferredStack, type PlannedStack, type PlanRecord } from './plan-summary';
import { fetchRunCounts, readSavedCloudPlan, runUrl } from './terraform-cloud-runs';
import { terraformEnv } from './tool-env';

export const PLAN_RECORD = 'plans.json';
export const PLAN_SUMMARY = 'summary.md';

/** A plan or an apply could not go on; `exitCode` is terraform's when terraform failed. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs terraform in a stack's folder. */
export interface Terraform {
  /** Output goes to the console; returns the exit status. */
  run(stack: DeployStack, args: readonly string[]): number;
  /** Returns stdout (for `show -json`); throws on failure. */
  capture(stack: DeployStack, args: readonly string[]): string;
}

export interface TerraformCliOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Where relative `-chdir` paths start: the repository root. */
  readonly root: string;
  readonly log: (line: string) => void;
  /** Capture terraform's output and pass it to `log` instead of the console (tests). @default false */
  readonly quiet?: boolean;
}

/** The real terraform on PATH, with the checkpoint calls off and no prompts. */
export function terraformCli(options: TerraformCliOptions): Terraform {
  const argv = (stack: DeployStack, args: readonly string[]) => [`-chdir=${relative(options.root, stack.workingDirectory)}`, ...args];
  return {
    run(stack, args) {
      options.log(`$ terraform ${argv(stack, args).join(' ')}`);
      const result = spawnSync('terraform', argv(stack, args), {
        cwd: options.root,
        env: terraformEnv(options.env),
        stdio: options.quiet ? 'pipe' : 'inherit',
        encoding: 'utf8',
      });
      if (result.error) throw new DeployError(`cannot run terraform: ${result.error.message}`);
      if (options.quiet) options.log(`${result.stdout ?? ''}${result.stderr ?? ''}`);
      return result.status ?? 1;
    },
    capture(stack, args) {
      const result = spawnSync('terraform', argv(stack, args), {
        cwd: options.root,
        env: terraformEnv(options.env),
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      if (result.error) throw new DeployError(`cannot run terraform: ${result.error.message}`);
      if (result.status !== 0) throw new DeployError(`terraform ${args.join(' ')} failed for ${stack.id}: ${result.stderr.trim()}`, result.status ?? 1);
      return result.stdout;
    },
  };
}

export interface PlanOptions {
  readonly environment: string;
  readonly region?: string;
  /** Where the plan files, `plans.json` and `summary.md` go. */
  readonly plansDir: string;
  readonly terraform: Terraform;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  /** HCP Terraform API base URL (tests). @default - https://<host of the saved plan> */
  readonly terraformCloudUrl?: string;
  /**
   * No round follows this one: a stack that would be deferred is an error (the dependencies are
   * deeper than the rounds the workflow has).
   * @default false
   */
  readonly lastRound?: boolean;
}

const planFileOf = (stack: string) => `${stack}.tfplan`;

function runOrFail(terraform: Terraform, stack: DeployStack, args: readonly string[]): void {
  const status = terraform.run(stack, args);
  if (status !== 0) throw new DeployError(`terraform ${args[0]} failed for ${stack.id} (exit ${status})`, status);
}

/**
 * Plans every stack of the order with a saved plan (`terraform plan -out`: a plan file for local
 * state, a saved-plan run for a `cloud` block) and records the plans, their counts and the run
 * links in `plans.json` and `summary.md`. A stack whose dependencies change in this round (or
 * have no state yet: a first deploy) is deferred: its plan would read state that the approval is
 * about to change, so it is planned in the next round, after this one is applied.
 */
export async function planStacks(order: DeployOrder, options: PlanOptions): Promise<PlanRecord> {
  const plansDir = resolve(options.plansDir);
  mkdirSync(plansDir, { recursive: true });
  const planned: PlannedStack[] = [];
  const deferred: DeferredStack[] = [];
  const unsettled = new Set<string>();
  for (const stack of order.stacks) {
    const waitsFor = stack.dependencies.filter((dependency) => unsettled.has(dependency));
    if (waitsFor.length > 0) {
      if (options.lastRound) {
        throw new DeployError(
          `${stack.id} reads ${waitsFor.join(', ')}, which this round changes, but no round follows this one: the stack dependencies need another plan, approval and apply round`,
        );
      }
      deferred.push({ stack: stack.id, waitsFor });
      unsettled.add(stack.id);
      options.log(`defer ${stack.id}: it reads ${waitsFor.join(', ')}, which this round changes`);
      continue;
    }
    const planFile = planFileOf(stack.id);
    const path = join(plansDir, planFile);
    runOrFail(options.terraform, stack, ['init', '-input=false']);
    runOrFail(options.terraform, stack, ['plan', '-input=false', `-out=${path}`]);
    const cloudPlan = readSavedCloudPlan(path);
    if (cloudPlan) {
      if (!stack.cloud) throw new DeployError(`${stack.id} has local state, yet terraform saved a cloud plan for it in ${path}`);
      const counts = await fetchRunCounts(cloudPlan, {
        stack: stack.id,
        env: options.env,
        ...(options.terraformCloudUrl ? { baseUrl: options.terraformCloudUrl } : {}),
      });
      planned.push({ stack: stack.id, planFile, counts, runId: cloudPlan.runId, runUrl: runUrl(stack.cloud, cloudPlan.runId), sha256: stack.sha256 });
    } else {
      const counts = countsFromPlanJson(JSON.parse(options.terraform.capture(stack, ['show', '-json', path])));
      planned.push({ stack: stack.id, planFile, counts, sha256: stack.sha256 });
    }
    if (planned[planned.length - 1].counts.hasChanges) unsettled.add(stack.id);
  }
  const record: PlanRecord = {
    format: 1,
    environment: options.environment,
    ...(options.region ? { region: options.region } : {}),
    planned,
    deferred,
  };
  writeFileSync(join(plansDir, PLAN_RECORD), `${JSON.stringify(record, null, 2)}\n`);
  const summary = renderSummary(record);
  writeFileSync(join(plansDir, PLAN_SUMMARY), summary);
  publish(options.env, summary, {
    'has-changes': String(planned.some((stack) => stack.counts.hasChanges)),
    deferred: String(deferred.length > 0),
  });
  options.log(summary);
  return record;
}

/** In GitHub Actions: the summary on the job's page, and the step outputs later jobs read. */
function publish(env: NodeJS.ProcessEnv, summary: string, outputs: Record<string, string>): void {
  if (env['GITHUB_STEP_SUMMARY']) appendFileSync(env['GITHUB_STEP_SUMMARY'], summary);
  if (env['GITHUB_OUTPUT']) {
    appendFileSync(env['GITHUB_OUTPUT'], Object.entries(outputs).map(([name, value]) => `${name}=${value}\n`).join(''));
  }
}

/** Reads and checks `plans.json` of a plans folder against the command. */
export function readPlanRecord(plansDir: string, environment: string, region: string | undefined): PlanRecord {
  const file = join(resolve(plansDir), PLAN_RECORD);
  if (!existsSync(file)) {
    throw new DeployError(`no ${PLAN_RECORD} in ${resolve(plansDir)}: make the plans first with \`npm run env -- plan --env ${environment} --plans ${plansDir}\``);
  }
  const record = JSON.parse(readFileSync(file, 'utf8')) as PlanRecord;
  if (record.format !== 1) throw new DeployError(`${file}: unknown format ${JSON.stringify(record.format)}; expected 1`);
  if (record.environment !== environment || record.region !== region) {
    const planned = record.region ? `${record.environment} (${record.region})` : record.environment;
    const asked = region ? `${environment} (${region})` : environment;
    throw new DeployError(`${file} holds the plans of ${planned}, not of ${asked}`);
  }
  return record;
}

export interface ApplyOptions {
  readonly environment: string;
  readonly region?: string;
  readonly plansDir: string;
  readonly terraform: Terraform;
  readonly log: (line: string) => void;
}

/**
 * Applies exactly the saved plans of `plans.json`, in their order, with `terraform apply <plan>`:
 * nothing is planned again. Refused, before anything is applied, when a stack's synthesized
 * configuration is not the one it was planned from.
 */
export function applySavedPlans(order: DeployOrder, options: ApplyOptions): PlannedStack[] {
  const record = readPlanRecord(options.plansDir, options.environment, options.region);
  const current = new Map(order.stacks.map((stack) => [stack.id, stack]));
  const toApply = record.planned.filter((planned) => planned.counts.hasChanges);
  const stacks = toApply.map((planned) => {
    const stack = current.get(planned.stack);
    if (!stack) throw new DeployError(`${planned.stack} was planned but is not a stack of ${options.environment} in this synth output`);
    if (stack.sha256 !== planned.sha256) {
      throw new DeployError(
        `${planned.stack} was planned from another configuration (cdk.tf.json sha256 ${planned.sha256.slice(0, 12)}, now ${stack.sha256.slice(0, 12)}): make the plans again from this commit`,
      );
    }
    const file = join(resolve(options.plansDir), planned.planFile);
    if (!existsSync(file)) throw new DeployError(`the saved plan of ${planned.stack} is missing: ${file}`);
    return { stack, file };
  });
  if (toApply.length === 0) options.log(`nothing to apply: no stack of ${options.environment} has changes in these plans`);
  for (const { stack, file } of stacks) {
    runOrFail(options.terraform, stack, ['init', '-input=false']);
    runOrFail(options.terraform, stack, ['apply', '-input=false', file]);
  }
  for (const deferred of record.deferred) {
    options.log(`not applied, planned in the next round: ${deferred.stack} (reads ${deferred.waitsFor.join(', ')})`);
  }
  return toApply;
}
