import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { ROOT } from './workspace-copy';

/** A step as GitHub's parser reads it (parse-workflow.mjs). */
export interface ParsedStep {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  /** The `uses:` source line, with the comment the parser drops. */
  readonly usesLine?: string;
  readonly with?: Readonly<Record<string, string>>;
  readonly run?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
}

export interface ParsedJob {
  readonly id: string;
  readonly needs: readonly string[];
  readonly environment?: string;
  readonly if?: string;
  readonly permissions?: Readonly<Record<string, string>> | string;
  readonly secrets: readonly string[];
  readonly matrix?: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly runs: readonly string[];
  readonly uses: readonly string[];
  readonly steps: readonly ParsedStep[];
}

export interface ParsedWorkflow {
  readonly file: string;
  readonly errors: readonly string[];
  readonly events: readonly string[];
  readonly permissions?: Readonly<Record<string, string>> | string;
  readonly env: Readonly<Record<string, string>>;
  /** Secrets read outside any job. */
  readonly secrets: readonly string[];
  readonly jobs: readonly ParsedJob[];
}

/** Parses with GitHub's own workflow parser (see parse-workflow.mjs). */
export function parseWorkflowFile(file: string): ParsedWorkflow {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'parse-workflow.mjs'), file], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`parser failed on ${file}: ${run.stderr}`);
  return { file: relative(ROOT, file) || file, ...(JSON.parse(run.stdout) as Omit<ParsedWorkflow, 'file'>) };
}

/**
 * The Terraform Cloud tokens and the GitHub environments that hold them. Each token is an
 * environment secret, readable only by jobs that run in that environment; the environments' own
 * protection (deployment branches, reviewers) decides who gets there.
 */
export const ENVIRONMENT_SECRETS: Readonly<Record<string, { readonly environments: readonly string[]; readonly canApply: boolean }>> = {
  TFC_TOKEN_PLAN: { environments: ['plan', 'pull-request'], canApply: false },
  TFC_TOKEN_DEV: { environments: ['dev'], canApply: true },
  TFC_TOKEN_STAGING: { environments: ['staging'], canApply: true },
  TFC_TOKEN_PROD: { environments: ['prod'], canApply: true },
};

/** Events whose runs execute code from a pull request (the workflow file included). */
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target', 'workflow_run'];

const MAIN_ONLY = "github.ref == 'refs/heads/main'";

/** A workflow rule: what a security reviewer checks, as messages naming file and job. */
export type WorkflowRule = (workflow: ParsedWorkflow) => string[];

/** No job that runs pull-request code reads a token that can apply, and any token it reads sits behind an environment. */
export const pullRequestCodeCannotApply: WorkflowRule = (workflow) => {
  if (!workflow.events.some((event) => PULL_REQUEST_EVENTS.includes(event))) return [];
  return workflow.jobs.flatMap((job) =>
    job.secrets.flatMap((secret) => {
      const known = ENVIRONMENT_SECRETS[secret];
      if (!known || known.canApply) return [`${workflow.file} job ${job.id} runs pull-request code and reads ${secret}, which can apply`];
      if (!job.environment) return [`${workflow.file} job ${job.id} runs pull-request code and reads ${secret} without an environment gate`];
      return [];
    }),
  );
};

/** Every secret a job reads is a known environment secret, and the job runs in an environment that holds it. */
export const secretsOnlyInTheirEnvironment: WorkflowRule = (workflow) =>
  workflow.jobs.flatMap((job) =>
    job.secrets
      .filter((secret) => secret !== 'GITHUB_TOKEN')
      .flatMap((secret) => {
        const known = ENVIRONMENT_SECRETS[secret];
        if (!known) return [`${workflow.file} job ${job.id} reads ${secret}, which is no environment secret (known: ${Object.keys(ENVIRONMENT_SECRETS).join(', ')})`];
        if (!job.environment || !known.environments.includes(job.environment)) {
          return [`${workflow.file} job ${job.id} reads ${secret} in environment ${job.environment ?? '(none)'}; it lives in ${known.environments.join(', ')}`];
        }
        return [];
      }),
  );

/** No secret at workflow level: it would reach every job. */
export const noWorkflowLevelSecrets: WorkflowRule = (workflow) =>
  workflow.secrets.map((secret) => `${workflow.file} reads ${secret} at workflow level, where every job gets it`);

const PINNED = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /\s#\s*v\d+\.\d+\.\d+\s*$/;

/** Every action is pinned to a full commit SHA, with the release it is in a comment. */
export const actionsPinnedToCommits: WorkflowRule = (workflow) =>
  workflow.jobs.flatMap((job) =>
    job.steps.flatMap((step) => {
      if (!step.uses || step.uses.startsWith('./')) return [];
      if (!PINNED.test(step.uses)) return [`${workflow.file} job ${job.id} uses ${step.uses}: not pinned to a 40-hex commit SHA`];
      if (!VERSION_COMMENT.test(step.usesLine ?? '')) return [`${workflow.file} job ${job.id} uses ${step.uses} without a version comment (# vX.Y.Z)`];
      return [];
    }),
  );

/** actions/checkout leaves no token in .git/config for later steps. */
export const checkoutWithoutCredentials: WorkflowRule = (workflow) =>
  workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => step.uses?.startsWith('actions/checkout@'))
      .filter((step) => String(step.with?.['persist-credentials']) !== 'false')
      .map(() => `${workflow.file} job ${job.id} checks out without persist-credentials: false`),
  );

/** `permissions: {}` for the workflow; each job names what it needs, and nothing here needs more than reading the repository. */
export const leastPrivilege: WorkflowRule = (workflow) => {
  const problems: string[] = [];
  if (JSON.stringify(workflow.permissions) !== '{}') {
    problems.push(`${workflow.file} grants ${JSON.stringify(workflow.permissions ?? 'the default token permissions')} at workflow level; use permissions: {}`);
  }
  for (const job of workflow.jobs) {
    if (job.permissions === undefined) problems.push(`${workflow.file} job ${job.id} names no permissions`);
    else if (typeof job.permissions === 'string') problems.push(`${workflow.file} job ${job.id} grants ${job.permissions}`);
    else {
      for (const [scope, level] of Object.entries(job.permissions)) {
        if (scope === 'id-token') problems.push(`${workflow.file} job ${job.id} can mint OIDC tokens (id-token: ${level}), which no job here uses`);
        else if (level !== 'read' && level !== 'none') problems.push(`${workflow.file} job ${job.id} grants ${scope}: ${level}`);
        else if (scope !== 'contents' && level === 'read') problems.push(`${workflow.file} job ${job.id} grants ${scope}: read, which it does not use`);
      }
    }
  }
  return problems;
};

/** workflow_dispatch would deploy any branch: every job runs only for refs/heads/main. */
export const dispatchOnlyFromMain: WorkflowRule = (workflow) => {
  if (!workflow.events.includes('workflow_dispatch')) return [];
  return workflow.jobs
    .filter((job) => !(job.if ?? '').includes(MAIN_ONLY) || /\|\||always\(\)/.test(job.if ?? ''))
    .map((job) => `${workflow.file} job ${job.id} can run from any branch: its if must require ${MAIN_ONLY} (and no || or always())`);
};

const envCommand = (job: ParsedJob, action: string, environment: string) =>
  job.runs.some((run) => run.startsWith(`npm run env -- ${action} --env ${environment} `) || run === `npm run env -- ${action} --env ${environment}`);

/**
 * Each apply applies what was approved: it runs in its environment (the approval), after a plan job
 * of that environment that is not itself behind the approval, and it takes that plan job's output.
 */
export function applyAfterApprovedPlan(environment: string): WorkflowRule {
  return (workflow) => {
    const applies = workflow.jobs.filter((job) => envCommand(job, 'apply', environment));
    if (applies.length === 0) return [`${workflow.file} has no job applying ${environment}`];
    return applies.flatMap((apply) => {
      const problems: string[] = [];
      if (apply.environment !== environment) problems.push(`${workflow.file} job ${apply.id} applies ${environment} outside the ${environment} environment (no approval)`);
      const plans = apply.needs.map((id) => workflow.jobs.find((job) => job.id === id)).filter((job): job is ParsedJob => !!job && envCommand(job, 'plan', environment));
      if (plans.length === 0) problems.push(`${workflow.file} job ${apply.id} applies ${environment} without needing a job that plans it`);
      for (const plan of plans) {
        if (plan.environment === environment) problems.push(`${workflow.file} job ${plan.id} plans ${environment} behind its approval: reviewers would approve before the plan exists`);
        const usesOutput = `needs.${plan.id}.outputs.`;
        const readsPlan = (apply.if ?? '').includes(usesOutput) && apply.steps.some((step) => Object.values(step.with ?? {}).some((value) => String(value).includes(usesOutput)));
        if (!readsPlan) problems.push(`${workflow.file} job ${apply.id} does not take ${plan.id}'s output (its plans) in its if and its download`);
      }
      return problems;
    });
  };
}

export const SECURITY_RULES: Readonly<Record<string, WorkflowRule>> = {
  pullRequestCodeCannotApply,
  secretsOnlyInTheirEnvironment,
  noWorkflowLevelSecrets,
  actionsPinnedToCommits,
  checkoutWithoutCredentials,
  leastPrivilege,
  dispatchOnlyFromMain,
};
