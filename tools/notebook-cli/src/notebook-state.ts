import { CliError } from './exit-codes';
import type { NotebookState } from './sagemaker-api';

/** Time as the waits see it; tests pass a clock whose sleep returns at once. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Seconds between two DescribeNotebookInstance calls while waiting. */
export const POLL_SECONDS = 10;

/** States SageMaker moves out of by itself; anything else needs a call or is final. */
export const CHANGING_STATUSES: ReadonlySet<string> = new Set(['Pending', 'Updating', 'Stopping']);

export interface Progress {
  readonly status: string;
  readonly elapsedSeconds: number;
  readonly waitSeconds: number;
}

export interface StateChange {
  /** The notebook, for messages. */
  readonly name: string;
  readonly target: 'InService' | 'Stopped';
  readonly describe: () => Promise<NotebookState>;
  /** StartNotebookInstance for InService, StopNotebookInstance for Stopped. */
  readonly act: () => Promise<void>;
  /**
   * Asked once, before acting; false leaves the notebook as it is (a CliError says how to go on).
   * @default - act without asking
   */
  readonly confirm?: (state: NotebookState) => Promise<boolean>;
  /** A Failed notebook may be started again (the start command); open only reports it. */
  readonly startFailed: boolean;
  /** How to make the change by hand, for the messages (e.g. `npm run notebook -- start ...`). */
  readonly howTo: string;
  readonly waitSeconds: number;
  readonly clock: Clock;
  /** Called after every DescribeNotebookInstance. */
  readonly progress: (progress: Progress) => void;
  /** @default POLL_SECONDS */
  readonly pollSeconds?: number;
}

/** Where the wait ended: at the target, or still on the way when the wait ran out. */
export interface StateChangeResult {
  readonly state: NotebookState;
  readonly reached: boolean;
  /** A start or stop was asked for. */
  readonly acted: boolean;
  /** The status found first: the notebook was already at the target when it equals it. */
  readonly initial: string;
}

function describeState(name: string, state: NotebookState): string {
  return `${name} is ${state.status}${state.failureReason ? ` (${state.failureReason})` : ''}`;
}

/**
 * Brings a notebook to InService or Stopped: waits out Pending, Updating and Stopping, starts or
 * stops it once (after `confirm`, when given), and polls until it gets there or `waitSeconds`
 * runs out. Failed (unless it may be started again) and Deleting end it with a CliError, as does a
 * notebook that falls back after the start or stop.
 */
export async function changeState(change: StateChange): Promise<StateChangeResult> {
  const { clock, name, target } = change;
  const started = clock.now();
  const deadline = started + change.waitSeconds * 1000;
  const poll = (change.pollSeconds ?? POLL_SECONDS) * 1000;
  const startable = new Set(target === 'InService' ? ['Stopped', ...(change.startFailed ? ['Failed'] : [])] : ['InService']);
  let acted = false;
  // SageMaker may still report the old status right after the call: only a notebook seen moving
  // and then back where it was has failed to change.
  let moved = false;
  let initial: string | undefined;
  for (;;) {
    const state = await change.describe();
    initial ??= state.status;
    change.progress({ status: state.status, elapsedSeconds: Math.round((clock.now() - started) / 1000), waitSeconds: change.waitSeconds });
    if (state.status === target) return { state, reached: true, acted, initial };
    if (startable.has(state.status)) {
      if (!acted) {
        if (change.confirm && !(await change.confirm(state))) {
          throw new CliError('notInService', `${describeState(name, state)}; left as it is. ${change.howTo}`);
        }
        await change.act();
        acted = true;
        if (change.waitSeconds === 0) return { state: await change.describe(), reached: false, acted, initial };
        continue;
      }
      if (moved) {
        throw new CliError('notInService', `${describeState(name, state)} again after ${target === 'InService' ? 'starting' : 'stopping'}; ${change.howTo}`);
      }
    } else if (CHANGING_STATUSES.has(state.status)) {
      moved = acted;
    } else {
      const why =
        state.status === 'Failed'
          ? `; ${change.howTo}`
          : state.status === 'Deleting'
            ? ': it is being deleted'
            : `, which this tool does not know how to bring to ${target}`;
      throw new CliError('notInService', `${describeState(name, state)}${why}`);
    }
    const left = deadline - clock.now();
    if (left <= 0) return { state, reached: false, acted, initial };
    await clock.sleep(Math.min(poll, left));
  }
}
