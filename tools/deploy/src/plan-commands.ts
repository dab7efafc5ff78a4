import { deploymentTargets, organizationStackId, stackId, type PrivatelinkConfig } from '@privatelink/config';

export const ACTIONS = ['synth', 'hcl', 'diff', 'deploy', 'destroy'] as const;
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
}

/** A refusal before anything runs; `exitCode` 2 = bad usage or unknown name. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** One step: a program and its arguments, run from the repository root. */
export type Step = readonly string[];

const CDKTF = ['npx', 'cdktf'];
const SYNTH = ['node', '--import', 'tsx', 'tools/synth/src/main.ts'];

/**
 * Turns `<action> --env <env> [--region <region>]` into the cdktf commands to run, network stacks
 * before the SageMaker and organization stacks that read them (destroy in reverse), after checking
 * every name against the config.
 */
export function planCommands(config: PrivatelinkConfig, command: EnvCommand): Step[] {
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
  const targets = deploymentTargets(config).filter(
    (target) => target.environment.name === environment.name && (command.region === undefined || target.region.region === command.region),
  );
  const network = targets.map((target) => stackId('network', target.environment.name, target.region.region));
  // The organization stack reads every region's network: it goes with the whole environment only.
  const organization = environment.sagemaker.scp?.enabled && command.region === undefined ? [organizationStackId(environment.name)] : [];
  const sagemaker = [...targets.map((target) => stackId('sagemaker', target.environment.name, target.region.region)), ...organization];
  const approve = command.autoApprove ? ['--auto-approve'] : [];

  switch (command.action) {
    case 'synth':
      return [SYNTH];
    case 'hcl':
      return [[...CDKTF, 'synth', '--hcl', '--output', 'cdktf.out.hcl']];
    case 'diff':
      return [SYNTH, ...[...network, ...sagemaker].map((stack) => [...CDKTF, 'diff', stack, '--skip-synth'])];
    case 'deploy':
      return [SYNTH, [...CDKTF, 'deploy', ...network, ...sagemaker, '--skip-synth', ...approve]];
    case 'destroy':
      if (environment.protected && command.forceDestroy !== environment.name) {
        throw new UsageError(
          `environment '${environment.name}' is protected: destroy refused. To destroy it anyway, pass --force-destroy ${environment.name}`,
        );
      }
      return [SYNTH, [...CDKTF, 'destroy', ...sagemaker, ...network, '--skip-synth', ...approve]];
  }
}
