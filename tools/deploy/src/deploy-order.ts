import type { SynthesizedStack } from './synth-output';

/** A stack of the environment that `--region` leaves out, and the stacks outside the region it needs. */
export interface SkippedStack {
  readonly stack: string;
  readonly needs: readonly string[];
}

export interface DeployOrder {
  /** Every selected stack, each after the stacks it depends on. */
  readonly stacks: readonly SynthesizedStack[];
  /** The same stacks in waves: a wave depends only on earlier waves (network stacks first). */
  readonly waves: readonly (readonly SynthesizedStack[])[];
  /** Left out by `--region`: they read state of stacks outside the region. */
  readonly skipped: readonly SkippedStack[];
}

/** The manifest does not describe a deployable order. */
export class OrderError extends Error {}

/**
 * The stacks of one environment (optionally one region) in the order `cdktf.out/manifest.json`
 * dependencies give: a stack comes after every stack it reads state from. Within a wave stacks keep
 * manifest order. A stack depending on another environment's stack, on a stack that does not exist,
 * or on itself through a cycle is an error: nothing would deploy it safely.
 */
export function deployOrder(all: readonly SynthesizedStack[], environment: string, region?: string): DeployOrder {
  const byId = new Map(all.map((stack) => [stack.id, stack]));
  const ofEnvironment = all.filter((stack) => stack.environment === environment);
  for (const stack of ofEnvironment) {
    for (const dependency of stack.dependencies) {
      const target = byId.get(dependency);
      if (!target) throw new OrderError(`${stack.id} depends on ${dependency}, which is not in the synth output`);
      if (target.environment !== environment) {
        throw new OrderError(`${stack.id} (environment ${environment}) depends on ${dependency} of environment ${target.environment}`);
      }
    }
  }

  let selected = region === undefined ? ofEnvironment : ofEnvironment.filter((stack) => stack.region === region);
  const skipped: SkippedStack[] = [];
  for (;;) {
    const ids = new Set(selected.map((stack) => stack.id));
    const outside = selected.find((stack) => stack.dependencies.some((dependency) => !ids.has(dependency)));
    if (!outside) break;
    skipped.push({ stack: outside.id, needs: outside.dependencies.filter((dependency) => !ids.has(dependency)) });
    selected = selected.filter((stack) => stack !== outside);
  }

  const waves: SynthesizedStack[][] = [];
  const placed = new Set<string>();
  let remaining = selected;
  while (remaining.length > 0) {
    const wave = remaining.filter((stack) => stack.dependencies.every((dependency) => placed.has(dependency)));
    if (wave.length === 0) {
      throw new OrderError(`the dependencies of ${remaining.map((stack) => stack.id).join(', ')} form a cycle`);
    }
    for (const stack of wave) placed.add(stack.id);
    waves.push(wave);
    remaining = remaining.filter((stack) => !placed.has(stack.id));
  }
  return { stacks: waves.flat(), waves, skipped };
}
