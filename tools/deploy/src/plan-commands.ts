import type { EnvironmentConfig, PrivatelinkConfig } from '@privatelink/config';
import { FORCE_DESTROY_VARIABLE } from '@privatelink/synth-output';
import type { DeployOrder } from './deploy-order';

export const ACTIONS = ['synth', 'hcl', 'diff', 'deploy', 'destroy', 'plan', 'apply', 'trust-policy'] as const;
export type Action = (typeof ACTIONS)[number];

export interface EnvCommand {
  readonly action: Action;
  readonly env: string;
  /** Limit to one region of the environment. @default - every region */
  readonly region?: string;
  /** `destroy` of a protected environment needs its name here. */
  readonly forceDestroy?: string;
  /** Pass --auto-approve to cdktf deploy/destroy (CI). */
  readonly autoApprove?: boolean;
  /**
   * The synth output folder, when not `cdktf.out` (CDKTF_OUTDIR); passed to cdktf as --output.
   * @default - cdktf.out
   */
  readonly outdir?: string;
}

/** A refusal before anything runs; `exitCode` 2 = bad usage or unknown name. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** One step: a program and its arguments, run from the repository root. */
export type Step = readonly string[];

const CDKTF = ['npx', 'cdktf'];
export const SYNTH: Step = ['node', '--import', 'tsx', 'tools/synth/src/main.ts'];
export const HCL: Step = [...CDKTF, 'synth', '--hcl', '--output', 'cdktf.out.hcl'];

/** The synth of `destroy --force-destroy <env>`: that environment without prevent_destroy, into `<outdir>.force-destroy`. */
export function forceDestroySynth(environment: string): Step {
  return ['env', `${FORCE_DESTROY_VARIABLE}=${environment}`, ...SYNTH];
}

/** Whether the command destroys a protected environment, forced by its name: only then is prevent_destroy left out. */
export function isForcedDestroy(environment: EnvironmentConfig, command: EnvCommand): boolean {
  return command.action === 'destroy' && environment.protected && command.forceDestroy === environment.name;
}

/**
 * Checks every name of the command against the config, and the protection of the environment,
 * before anything runs.
 */
export function checkCommand(config: PrivatelinkConfig, command: EnvCommand): EnvironmentConfig {
  const environment = config.environments.find((env) => env.name === command.env);
  if (!environment) {
    throw new UsageError(
      `unknown environment '${command.env}' in ${config.file}; known: ${config.environments.map((env) => env.name).join(', ')}`,
    );
  }
  const regions = environment.regions.map((region) => region.region);
  if (command.region !== undefined && !regions.includes(command.region)) {
    throw new UsageError(`environment '${environment.name}' has no region '${command.region}'; its regions: ${regions.join(', ')}`);
  }
  if (command.action === 'destroy' && environment.protected && command.forceDestroy !== environment.name) {
    throw new UsageError(
      `environment '${environment.name}' is protected: destroy refused. To destroy it anyway, run ` +
        `\`npm run env -- destroy --env ${environment.name} --force-destroy ${environment.name}\`: it synthesizes ${environment.name} ` +
        'without prevent_destroy into cdktf.out.force-destroy and destroys from there (cdktf.out keeps it)',
    );
  }
  return environment;
}

/**
 * The cdktf commands of `diff`, `deploy` and `destroy`, in the order of the synthesized manifest's
 * dependencies: every stack after the stacks it reads state from (network stacks first, then the
 * SageMaker and organization stacks); destroy in reverse.
 */
export function cdktfCommands(order: DeployOrder, command: EnvCommand): Step[] {
  const stacks = order.stacks.map((stack) => stack.id);
  const output = command.outdir ? ['--output', command.outdir] : [];
  const approve = command.autoApprove ? ['--auto-approve'] : [];
  switch (command.action) {
    case 'diff':
      return stacks.map((stack) => [...CDKTF, 'diff', stack, '--skip-synth', ...output]);
    case 'deploy':
      return [[...CDKTF, 'deploy', ...stacks, '--skip-synth', ...output, ...approve]];
    case 'destroy':
      return [[...CDKTF, 'destroy', ...[...stacks].reverse(), '--skip-synth', ...output, ...approve]];
    default:
      throw new Error(`cdktfCommands: ${command.action} is not a cdktf command`);
  }
}
