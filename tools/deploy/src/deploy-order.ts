import { SynthOutputMissing, type SynthOutput } from '@privatelink/synth-output';

/** The Terraform Cloud workspace a stack runs in (its `terraform.cloud` block). */
export interface CloudWorkspace {
  readonly hostname: string;
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
}

/** What the deploy commands use of one synthesized stack, as the synth-output reader gives it. */
export interface DeployStack {
  /** The stack's name in the manifest. */
  readonly id: string;
  /** Absolute path of the stack's folder, where terraform runs. */
  readonly workingDirectory: string;
  /** Stacks this one reads state from: they are planned and applied first (manifest `dependencies`). */
  readonly dependencies: readonly string[];
  /** The environment the stack records it is for. */
  readonly environment: string;
  /** The region it records, else (a stack of the whole environment) its AWS provider's region. */
  readonly region: string;
  /** The account the provider is pinned to (`allowed_account_ids`). */
  readonly accountId: string;
  /** Present when the stack has a `cloud` block; local state otherwise. */
  readonly cloud?: CloudWorkspace;
  /** sha256 of `cdk.tf.json`: a saved plan is applied only to the configuration it was made from. */
  readonly sha256: string;
}

/** Every stack of a synth output, as the deploy commands use it; a stack that records no environment is an error. */
export function deployStacks(output: SynthOutput): DeployStack[] {
  return output.stacks.map((stack) => {
    const identity = stack.identity();
    if (!identity) {
      throw new SynthOutputMissing(
        `${stack.file} records no environment, so the stack belongs to none (stacks are built on PrivatelinkStack, which records it): run \`npm run synth\``,
      );
    }
    const provider = stack.awsProvider();
    const backend = stack.backend();
    return {
      id: stack.name,
      workingDirectory: stack.directory,
      dependencies: stack.dependencies,
      environment: identity.environment,
      region: identity.region ?? provider?.region ?? '',
      accountId: provider?.accountId ?? '',
      ...(backend.kind === 'cloud'
        ? {
            cloud: {
              hostname: backend.hostname,
              organization: backend.organization,
              project: backend.project ?? 'Default Project',
              workspace: backend.workspace,
            },
          }
        : {}),
      sha256: stack.sha256(),
    };
  });
}

/** A stack of the environment that `--region` leaves out, and the stacks outside the region it needs. */
export interface SkippedStack {
  readonly stack: string;
  readonly needs: readonly string[];
}

export interface DeployOrder {
  /** Every selected stack, each after the stacks it depends on. */
  readonly stacks: readonly DeployStack[];
  /** The same stacks in waves: a wave depends only on earlier waves (network stacks first). */
  readonly waves: readonly (readonly DeployStack[])[];
  /** Left out by `--region`: they read state of stacks outside the region. */
  readonly skipped: readonly SkippedStack[];
}

/** The manifest does not describe a deployable order. */
export class OrderError extends Error {}

/**
 * The stacks of one environment (optionally one region) in the order the synth output's manifest
 * dependencies give: a stack comes after every stack it reads state from. Within a wave stacks keep
 * the reader's (name) order. A stack depending on another environment's stack, on a stack that does not exist,
 * or on itself through a cycle is an error: nothing would deploy it safely.
 */
export function deployOrder(all: readonly DeployStack[], environment: string, region?: string): DeployOrder {
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

  const waves: DeployStack[][] = [];
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
