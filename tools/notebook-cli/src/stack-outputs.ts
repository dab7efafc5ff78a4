import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from './exit-codes';
import { readWorkspaceOutputs, type TerraformCloudOptions, type TerraformCloudWorkspace } from './terraform-cloud';

/** Output name to value, as `terraform output -json` shows them without the type. */
export type StackOutputs = Readonly<Record<string, unknown>>;

export interface ReadOutputsOptions {
  /** The synth output folder (`cdktf.out`). */
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Where the Terraform Cloud API is served, and the CAs to trust for it; tests point it at loopback. */
  readonly terraformCloud?: Pick<TerraformCloudOptions, 'baseUrl' | 'ca'>;
}

/** Where a synthesized stack keeps its state. */
export type StackBackend =
  | { readonly kind: 'local'; readonly statePath: string }
  | ({ readonly kind: 'cloud' } & TerraformCloudWorkspace);

interface SynthesizedTerraformBlock {
  backend?: Record<string, { path?: string }>;
  cloud?: { hostname?: string; organization?: string; workspaces?: { name?: string; tags?: unknown } };
}

/** The backend of a stack as synthesized in `outdir`: the local state file (resolved) or the Terraform Cloud workspace. */
export function synthesizedBackend(outdir: string, stack: string): StackBackend {
  const manifestPath = join(outdir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new CliError('outputsMissing', `no synthesized stacks in ${outdir}: run \`npm run synth\` first`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    stacks?: Record<string, { workingDirectory: string; synthesizedStackPath: string }>;
  };
  const entry = manifest.stacks?.[stack];
  if (!entry) {
    throw new CliError(
      'outputsMissing',
      `${stack} is not among the stacks synthesized in ${outdir}: run \`npm run synth\` (the output is older than the config)`,
    );
  }
  const terraform = (JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), 'utf8')) as { terraform?: SynthesizedTerraformBlock })
    .terraform;
  const cloud = terraform?.cloud;
  if (cloud) {
    if (!cloud.organization || !cloud.workspaces?.name) {
      throw new CliError('failed', `${stack}: only a Terraform Cloud block with an organization and one workspace name is supported`);
    }
    return {
      kind: 'cloud',
      ...(cloud.hostname ? { hostname: cloud.hostname } : {}),
      organization: cloud.organization,
      workspace: cloud.workspaces.name,
    };
  }
  const [kind, settings] = Object.entries(terraform?.backend ?? { local: {} })[0];
  if (kind !== 'local') {
    throw new CliError(
      'failed',
      `${stack} keeps its state in a "${kind}" backend, which this tool cannot read; run \`terraform output\` in ${join(outdir, entry.workingDirectory)}`,
    );
  }
  // Terraform's own default when the local backend has no path.
  return { kind: 'local', statePath: resolve(outdir, entry.workingDirectory, settings.path ?? 'terraform.tfstate') };
}

/** The outputs of a deployed stack, read the way `terraform output` does: from its local state or its Terraform Cloud workspace. */
export async function readStackOutputs(stack: string, options: ReadOutputsOptions): Promise<StackOutputs> {
  const backend = synthesizedBackend(options.outdir, stack);
  if (backend.kind === 'cloud') {
    return readWorkspaceOutputs(backend, { stack, env: options.env, timeoutMs: options.timeoutMs, ...options.terraformCloud });
  }
  if (!existsSync(backend.statePath)) {
    throw new CliError(
      'outputsMissing',
      `${stack} is not deployed: no state at ${backend.statePath}. Deploy it with \`npx cdktf deploy ${stack}\``,
    );
  }
  let state: { outputs?: Record<string, { value?: unknown }> };
  try {
    state = JSON.parse(readFileSync(backend.statePath, 'utf8'));
  } catch (error) {
    throw new CliError('outputsMissing', `cannot read the state of ${stack} at ${backend.statePath}: ${(error as Error).message}`);
  }
  return Object.fromEntries(Object.entries(state.outputs ?? {}).map(([name, output]) => [name, output.value]));
}

function missingOutput(stack: string, name: string, expected: string): CliError {
  return new CliError(
    'outputsMissing',
    `${stack} has no output ${name} (${expected}) in its state: deploy the current version with \`npx cdktf deploy ${stack}\``,
  );
}

export function requireString(outputs: StackOutputs, name: string, stack: string): string {
  const value = outputs[name];
  if (typeof value !== 'string' || value === '') throw missingOutput(stack, name, 'a string');
  return value;
}

export function requireStringList(outputs: StackOutputs, name: string, stack: string): string[] {
  const value = outputs[name];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw missingOutput(stack, name, 'a list of strings');
  return value;
}

/** Where a stack's outputs are read, for messages: its local state file or its Terraform Cloud workspace. */
export function backendLocation(backend: StackBackend): string {
  return backend.kind === 'local'
    ? backend.statePath
    : `${backend.hostname ?? 'app.terraform.io'} workspace ${backend.organization}/${backend.workspace}`;
}
