import { existsSync, readFileSync } from 'node:fs';
import type { DeploymentTarget } from '@privatelink/config';
import type { OutputSpec } from '@privatelink/handoff/outputs';
import { SynthOutput, SynthOutputMissing, type StackIdentity, type SynthesizedStack } from '@privatelink/synth-output';
import { CliError } from './exit-codes';
import { readWorkspaceOutputs, type TerraformCloudOptions, type TerraformCloudWorkspace } from './terraform-cloud';

/** Output name to value, as `terraform output -json` shows them without the type. */
export type StackOutputs = Readonly<Record<string, unknown>>;

export interface ReadOutputsOptions {
  /** The synth output folder (`cdktf.out`, or `CDKTF_OUTDIR`). */
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Where the Terraform Cloud API is served, and the CAs to trust for it; tests point it at loopback. */
  readonly terraformCloud?: Pick<TerraformCloudOptions, 'baseUrl' | 'ca'>;
}

/** Where a synthesized stack keeps its state, as far as this tool can read it. */
export type StackBackend =
  | { readonly kind: 'local'; readonly statePath: string }
  | ({ readonly kind: 'cloud' } & TerraformCloudWorkspace);

/** The network and SageMaker stacks of an env-region, as the manifest names them. */
export interface TargetStacks {
  readonly network: SynthesizedStack;
  readonly sagemaker: SynthesizedStack;
}

/** A synth output the CLI cannot use is "outputs unavailable" (exit 3), with the reader's message. */
function asCliError(error: unknown): unknown {
  return error instanceof SynthOutputMissing ? new CliError('outputsMissing', error.message) : error;
}

/** The stacks of an env-region in the synth output, found by the identity they record, never by a name built here. */
export function targetStacks(outdir: string, target: DeploymentTarget): TargetStacks {
  try {
    const output = SynthOutput.read(outdir);
    const only = (app: StackIdentity['app']) => output.only(app, target.environment.name, target.region.region);
    return { network: only('network'), sagemaker: only('sagemaker') };
  } catch (error) {
    throw asCliError(error);
  }
}

/** Where a stack keeps its state: the local state file or the Terraform Cloud workspace. */
export function stackBackend(stack: SynthesizedStack): StackBackend {
  try {
    stack.json();
  } catch (error) {
    throw asCliError(error);
  }
  let backend;
  try {
    backend = stack.backend();
  } catch (error) {
    // The stack is there, with a backend this tool does not support (a cloud block selecting workspaces by tag).
    if (error instanceof SynthOutputMissing) throw new CliError('failed', `${error.message}: this tool reads one named workspace`);
    throw error;
  }
  switch (backend.kind) {
    case 'local':
      return backend;
    case 'cloud':
      return { kind: 'cloud', hostname: backend.hostname, organization: backend.organization, workspace: backend.workspace };
    case 'other':
      throw new CliError(
        'failed',
        `${stack.name} keeps its state in a "${backend.type}" backend, which this tool cannot read; run \`terraform output\` in ${stack.directory}`,
      );
  }
}

/** The outputs of a deployed stack, read the way `terraform output` does: from its local state or its Terraform Cloud workspace. */
export async function readStackOutputs(stack: SynthesizedStack, options: ReadOutputsOptions): Promise<StackOutputs> {
  const backend = stackBackend(stack);
  if (backend.kind === 'cloud') {
    return readWorkspaceOutputs(backend, { stack: stack.name, env: options.env, timeoutMs: options.timeoutMs, ...options.terraformCloud });
  }
  if (!existsSync(backend.statePath)) {
    throw new CliError(
      'outputsMissing',
      `${stack.name} is not deployed: no state at ${backend.statePath}. Deploy it with \`npx cdktf deploy ${stack.name}\``,
    );
  }
  let state: { outputs?: Record<string, { value?: unknown }> };
  try {
    state = JSON.parse(readFileSync(backend.statePath, 'utf8'));
  } catch (error) {
    throw new CliError('outputsMissing', `cannot read the state of ${stack.name} at ${backend.statePath}: ${(error as Error).message}`);
  }
  return Object.fromEntries(Object.entries(state.outputs ?? {}).map(([name, output]) => [name, output.value]));
}

function missingOutput(stack: string, name: string, expected: string): CliError {
  return new CliError(
    'outputsMissing',
    `${stack} has no output ${name} (${expected}) in its state: deploy the current version with \`npx cdktf deploy ${stack}\``,
  );
}

/** The value of a declared string output of a deployed stack; exit 3 with the deploy command when it has none. */
export function requireString(outputs: StackOutputs, spec: Pick<OutputSpec, 'output'>, stack: string): string {
  const value = outputs[spec.output];
  if (typeof value !== 'string' || value === '') throw missingOutput(stack, spec.output, 'a string');
  return value;
}

/** The value of a declared list output of a deployed stack; exit 3 with the deploy command when it has none. */
export function requireStringList(outputs: StackOutputs, spec: Pick<OutputSpec, 'output'>, stack: string): string[] {
  const value = outputs[spec.output];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw missingOutput(stack, spec.output, 'a list of strings');
  return value;
}

/** Where a stack's outputs are read, for messages: its local state file or its Terraform Cloud workspace. */
export function backendLocation(backend: StackBackend): string {
  return backend.kind === 'local'
    ? backend.statePath
    : `${backend.hostname ?? 'app.terraform.io'} workspace ${backend.organization}/${backend.workspace}`;
}
