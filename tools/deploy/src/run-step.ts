import { spawnSync } from 'node:child_process';
import type { Step } from './plan-commands';
import { DeployError } from './saved-plans';
import { toolEnv } from './tool-env';

export interface RunStepOptions {
  /** Print the step, run nothing. @default false */
  readonly dryRun?: boolean;
  /** Echo and child stdout to stderr, keeping stdout for the command's own result (JSON). @default false */
  readonly toStderr?: boolean;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs one cdktf (or synth) step from the current folder, with the checkpoint calls off. */
export function runStep(step: Step, options: RunStepOptions = {}): number {
  (options.toStderr ? process.stderr : process.stdout).write(`$ ${step.join(' ')}\n`);
  if (options.dryRun) return 0;
  const run = spawnSync(step[0], step.slice(1), {
    stdio: ['inherit', options.toStderr ? 2 : 'inherit', 'inherit'],
    env: toolEnv(options.env ?? process.env),
  });
  if (run.error) throw new DeployError(`cannot run ${step[0]}: ${run.error.message}`);
  return run.status ?? 1;
}
