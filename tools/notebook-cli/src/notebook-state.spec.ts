import { CliError } from './exit-codes';
import { changeState, type Clock, type Progress, type StateChange } from './notebook-state';
import type { NotebookState } from './sagemaker-api';

/** A clock whose sleep moves time on at once. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** SageMaker as a list of answers to DescribeNotebookInstance (the last one repeats), and the calls made. */
function scripted(statuses: readonly (string | NotebookState)[], overrides: Partial<StateChange> = {}) {
  const answers = statuses.map((status) => (typeof status === 'string' ? { status } : status));
  const calls: string[] = [];
  const progress: Progress[] = [];
  const clock = fakeClock();
  let next = 0;
  const change: StateChange = {
    name: 'research-dev',
    target: 'InService',
    describe: async () => {
      calls.push('describe');
      return answers[Math.min(next++, answers.length - 1)];
    },
    act: async () => {
      calls.push('act');
    },
    startFailed: false,
    howTo: 'start it with --start',
    waitSeconds: 60,
    clock,
    progress: (update) => progress.push(update),
    ...overrides,
  };
  return { change, calls, progress, clock };
}

async function refusal(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('resolved');
}

describe('changeState', () => {
  it('returns at once for a notebook already there, without acting', async () => {
    const { change, calls, clock } = scripted(['InService']);
    expect(await changeState(change)).toEqual({ state: { status: 'InService' }, reached: true, acted: false, initial: 'InService' });
    expect(calls).toEqual(['describe']);
    expect(clock.slept).toEqual([]);
  });

  it('starts a stopped notebook once and polls every 10 s until InService, reporting each answer', async () => {
    const { change, calls, progress, clock } = scripted(['Stopped', 'Stopped', 'Pending', 'Pending', 'InService']);
    expect(await changeState(change)).toEqual({ state: { status: 'InService' }, reached: true, acted: true, initial: 'Stopped' });
    // The first answer after the start may still say Stopped: SageMaker has not moved it yet.
    expect(calls).toEqual(['describe', 'act', 'describe', 'describe', 'describe', 'describe']);
    expect(clock.slept).toEqual([10_000, 10_000, 10_000]);
    expect(progress.map((update) => `${update.status}@${update.elapsedSeconds}`)).toEqual(['Stopped@0', 'Stopped@0', 'Pending@10', 'Pending@20', 'InService@30']);
  });

  it('waits out Stopping before starting, and Pending without starting', async () => {
    const stopping = scripted(['Stopping', 'Stopped', 'Pending', 'InService']);
    expect(await changeState(stopping.change)).toMatchObject({ reached: true, acted: true });
    expect(stopping.calls).toEqual(['describe', 'describe', 'act', 'describe', 'describe']);

    const pending = scripted(['Pending', 'Updating', 'InService']);
    expect(await changeState(pending.change)).toMatchObject({ reached: true, acted: false });
    expect(pending.calls).not.toContain('act');
  });

  it('stops an InService notebook and waits for Stopped', async () => {
    const { change, calls } = scripted(['InService', 'Stopping', 'Stopped'], { target: 'Stopped' });
    expect(await changeState(change)).toMatchObject({ state: { status: 'Stopped' }, reached: true, acted: true });
    expect(calls).toEqual(['describe', 'act', 'describe', 'describe']);
  });

  it('gives up when the wait runs out, sleeping no longer than what is left', async () => {
    const { change, clock } = scripted(['Stopped', 'Pending'], { waitSeconds: 25 });
    expect(await changeState(change)).toEqual({ state: { status: 'Pending' }, reached: false, acted: true, initial: 'Stopped' });
    expect(clock.slept).toEqual([10_000, 10_000, 5_000]);
  });

  it('with no wait, acts and returns the state right after', async () => {
    const { change, calls, clock } = scripted(['Stopped', 'Pending'], { waitSeconds: 0 });
    expect(await changeState(change)).toEqual({ state: { status: 'Pending' }, reached: false, acted: true, initial: 'Stopped' });
    expect(calls).toEqual(['describe', 'act', 'describe']);
    expect(clock.slept).toEqual([]);
  });

  it('asks before acting, and leaves the notebook alone on no', async () => {
    const asked: string[] = [];
    const { change, calls } = scripted(['Stopped'], {
      confirm: async (state) => {
        asked.push(state.status);
        return false;
      },
    });
    expect((await refusal(changeState(change))).message).toBe('research-dev is Stopped; left as it is. start it with --start');
    expect(asked).toEqual(['Stopped']);
    expect(calls).toEqual(['describe']);
  });

  it('reports a Failed notebook with its reason, and starts it again only when allowed', async () => {
    const failed = { status: 'Failed', failureReason: 'Insufficient capacity for ml.p3.2xlarge' };
    const open = scripted([failed]);
    const error = await refusal(changeState(open.change));
    expect(error.message).toBe('research-dev is Failed (Insufficient capacity for ml.p3.2xlarge); start it with --start');
    expect(error.exitCode).toBe(6);
    expect(open.calls).toEqual(['describe']);

    const start = scripted([failed, 'Pending', 'InService'], { startFailed: true });
    expect(await changeState(start.change)).toMatchObject({ reached: true, acted: true });
  });

  it('reports a notebook that falls back after the start, a deleted one and an unknown status', async () => {
    const fallsBack = scripted(['Stopped', 'Pending', { status: 'Failed', failureReason: 'lifecycle script failed' }], { startFailed: true });
    expect((await refusal(changeState(fallsBack.change))).message).toBe(
      'research-dev is Failed (lifecycle script failed) again after starting; start it with --start',
    );
    expect((await refusal(changeState(scripted(['Deleting']).change))).message).toBe('research-dev is Deleting: it is being deleted');
    expect((await refusal(changeState(scripted(['Hibernating']).change))).message).toBe(
      'research-dev is Hibernating, which this tool does not know how to bring to InService',
    );
  });
});
