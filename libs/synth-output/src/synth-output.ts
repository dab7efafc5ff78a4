import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** The file cdktf writes at the root of a synth output, listing the stacks. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * Where in a stack's JSON the project records which app, environment and region the stack is for
 * (`"//": { "privatelink": {...} }`: Terraform ignores `//` keys, cdktf keeps its own metadata there).
 */
export const IDENTITY_KEY = 'privatelink';

/** What a stack is for: written by PrivatelinkStack, read here; tools never derive it from a name. */
export interface StackIdentity {
  readonly app: 'network' | 'sagemaker';
  readonly environment: string;
  /** Absent for a stack of the whole environment (the organization stack). */
  readonly region?: string;
}

/** No synth output where a tool looks for one, or one older than what the tool asks of it. */
export class SynthOutputMissing extends Error {
  override readonly name = 'SynthOutputMissing';
}

/** The one message for a folder with no synth output in it. */
function noSynthOutput(outdir: string): SynthOutputMissing {
  return new SynthOutputMissing(`no synth output in ${outdir}: run \`npm run synth\``);
}

/**
 * A failure of a tool reading `outdir`, explained when the synth output is at fault: a
 * SynthOutputMissing as it is, and a file missing inside `outdir` (ENOENT) as no synth output (no
 * manifest) or one older than the config. Undefined for any other error.
 */
export function explainSynthOutputError(error: unknown, outdir: string): SynthOutputMissing | undefined {
  if (error instanceof SynthOutputMissing) return error;
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (code !== 'ENOENT' || typeof path !== 'string') return undefined;
  const root = resolve(outdir);
  const inside = relative(root, resolve(path));
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
  if (!existsSync(join(root, MANIFEST_FILE))) return noSynthOutput(root);
  return new SynthOutputMissing(`${root} has no ${inside}: the synth output is incomplete or older than the config; run \`npm run synth\``);
}

/** The synth output folder: `CDKTF_OUTDIR` (set by the cdktf CLI and by tests), else `cdktf.out`. */
export function synthOutputDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env['CDKTF_OUTDIR'] || 'cdktf.out');
}

/**
 * Names the one protected environment to synthesize without `prevent_destroy`, for `destroy
 * --force-destroy <env>`: the synth then writes to `forceDestroyOutputDir`, never to the normal output.
 */
export const FORCE_DESTROY_VARIABLE = 'PRIVATELINK_FORCE_DESTROY';

/** Where the synth for destroying a protected environment goes: beside the normal output, `cdktf.out.force-destroy`. */
export function forceDestroyOutputDir(outdir: string): string {
  return `${resolve(outdir)}.force-destroy`;
}

/** Where a stack keeps its state. */
export type StackBackend =
  | { readonly kind: 'local'; /** Absolute path of the state file. */ readonly statePath: string }
  | {
      readonly kind: 'cloud';
      readonly hostname: string;
      readonly organization: string;
      readonly workspace: string;
      /** The Terraform Cloud project, when the stack names one. */
      readonly project?: string;
    }
  | { readonly kind: 'other'; readonly type: string };

/** What a stack's default AWS provider is pinned to. */
export interface AwsProviderSettings {
  readonly region?: string;
  /** The first of `allowed_account_ids`: the environment's account. */
  readonly accountId?: string;
}

/** One `terraform_remote_state` a stack reads. */
export interface RemoteStateRead {
  readonly address: string;
  readonly backend: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A parsed `cdk.tf.json`, loosely typed: what the tools read of it. */
export interface StackJson {
  readonly '//'?: Readonly<Record<string, unknown>>;
  readonly terraform?: Readonly<Record<string, unknown>>;
  readonly provider?: Readonly<Record<string, unknown>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly output?: Readonly<Record<string, { readonly value: unknown; readonly description?: string }>>;
}

interface ManifestEntry {
  readonly name?: string;
  readonly synthesizedStackPath?: string;
  readonly workingDirectory?: string;
  readonly dependencies?: readonly string[];
}

/** One synthesized stack, as the manifest places it. */
export class SynthesizedStack {
  private parsed?: StackJson;

  constructor(
    readonly output: SynthOutput,
    readonly name: string,
    /** Relative to the synth output: `stacks/<name>`. */
    readonly workingDirectory: string,
    /** Relative to the synth output: `stacks/<name>/cdk.tf.json` (or `cdk.tf` for HCL). */
    readonly stackFile: string,
    /** Stacks this one deploys after (the manifest's `dependencies`). */
    readonly dependencies: readonly string[],
  ) {}

  /** `json` for `cdk.tf.json`, `hcl` for the `cdk.tf` of `cdktf synth --hcl`. */
  get format(): 'json' | 'hcl' {
    return this.stackFile.endsWith('.json') ? 'json' : 'hcl';
  }

  /** Absolute path of the stack's folder, where terraform runs. */
  get directory(): string {
    return join(this.output.outdir, this.workingDirectory);
  }

  /** Absolute path of the stack file. */
  get file(): string {
    return join(this.output.outdir, this.stackFile);
  }

  /** The stack file's text, read once. */
  text(): string {
    try {
      return readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new SynthOutputMissing(`${this.output.outdir} lists ${this.name} but has no ${this.stackFile}: run \`npm run synth\``);
    }
  }

  /** sha256 of the stack file: a saved plan applies only to the configuration it was made from. */
  sha256(): string {
    return createHash('sha256').update(this.text()).digest('hex');
  }

  /** The parsed JSON stack; an HCL synth has none (run the JSON synth to read stacks). */
  json(): StackJson {
    if (this.format !== 'json') {
      throw new SynthOutputMissing(`${this.file} is HCL, which this tool does not read: point it at the JSON synth output (npm run synth)`);
    }
    this.parsed ??= JSON.parse(this.text()) as StackJson;
    return this.parsed;
  }

  /** What the stack is for, as PrivatelinkStack recorded it; undefined for a stack of another origin. */
  identity(): StackIdentity | undefined {
    const recorded = this.json()['//']?.[IDENTITY_KEY] as StackIdentity | undefined;
    return recorded && typeof recorded.app === 'string' && typeof recorded.environment === 'string' ? recorded : undefined;
  }

  /** Where the stack keeps its state: its `cloud` block, else its backend (local by default). */
  backend(): StackBackend {
    const terraform = this.json().terraform ?? {};
    const cloud = terraform['cloud'] as
      | { hostname?: string; organization?: string; workspaces?: { name?: string; project?: string } }
      | undefined;
    if (cloud) {
      if (!cloud.organization || !cloud.workspaces?.name) {
        throw new SynthOutputMissing(`${this.file}: a cloud block needs an organization and one workspace name`);
      }
      return {
        kind: 'cloud',
        hostname: cloud.hostname ?? 'app.terraform.io',
        organization: cloud.organization,
        workspace: cloud.workspaces.name,
        ...(cloud.workspaces.project ? { project: cloud.workspaces.project } : {}),
      };
    }
    const [type, settings] = Object.entries((terraform['backend'] ?? { local: {} }) as Record<string, { path?: string }>)[0];
    if (type !== 'local') return { kind: 'other', type };
    // Terraform's own default when the local backend has no path; paths are relative to the stack folder.
    return { kind: 'local', statePath: resolve(this.directory, settings.path ?? 'terraform.tfstate') };
  }

  /** The stack's default AWS provider (the block without an alias): its region and the account it is pinned to. */
  awsProvider(): AwsProviderSettings | undefined {
    const blocks = [this.json().provider?.['aws'] ?? []].flat() as { alias?: string; region?: string; allowed_account_ids?: string[] }[];
    const block = blocks.find((candidate) => candidate.alias === undefined);
    if (!block) return undefined;
    const accountId = block.allowed_account_ids?.[0];
    return { ...(block.region ? { region: block.region } : {}), ...(accountId ? { accountId } : {}) };
  }

  /** Every `terraform_remote_state` the stack reads. */
  remoteStates(): RemoteStateRead[] {
    return Object.entries(this.json().data?.['terraform_remote_state'] ?? {}).map(([name, attributes]) => ({
      address: `data.terraform_remote_state.${name}`,
      backend: String(attributes['backend']),
      config: (attributes['config'] ?? {}) as Readonly<Record<string, unknown>>,
    }));
  }

  /** Resources of one type, by logical id. */
  resources(type: string): Readonly<Record<string, Readonly<Record<string, unknown>>>> {
    return this.json().resource?.[type] ?? {};
  }

  /** The synthesized value (a literal or a Terraform expression) of a declared output. */
  outputValue(spec: { readonly output: string }): unknown {
    const output = this.json().output?.[spec.output];
    if (!output) {
      throw new SynthOutputMissing(`${this.name} has no output ${spec.output}: the synth output is older than the code; run \`npm run synth\``);
    }
    return output.value;
  }
}

/**
 * The one reader of a synth output folder: its manifest, every stack the manifest names and what
 * tools read of them. Loads no cdktf. Stacks come back in name order.
 */
export class SynthOutput {
  readonly stacks: readonly SynthesizedStack[];

  private constructor(
    /** Absolute path of the synth output folder. */
    readonly outdir: string,
    manifest: { readonly stacks?: Readonly<Record<string, ManifestEntry>> },
  ) {
    const manifestFile = join(outdir, MANIFEST_FILE);
    this.stacks = Object.entries(manifest.stacks ?? {})
      .map(([name, entry]) => {
        if (!entry.synthesizedStackPath || !entry.workingDirectory) {
          throw new SynthOutputMissing(`${manifestFile}: stack ${name} has no synthesizedStackPath or workingDirectory: run \`npm run synth\``);
        }
        return new SynthesizedStack(this, entry.name ?? name, entry.workingDirectory, entry.synthesizedStackPath, entry.dependencies ?? []);
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Reads `outdir` (default: `CDKTF_OUTDIR`, else `cdktf.out`); one error, saying to synthesize, when there is nothing to read. */
  static read(outdir: string = synthOutputDir()): SynthOutput {
    const root = resolve(outdir);
    const manifestFile = join(root, MANIFEST_FILE);
    if (!existsSync(manifestFile)) throw noSynthOutput(root);
    let manifest: { stacks?: Record<string, ManifestEntry> };
    try {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as typeof manifest;
    } catch (error) {
      throw new SynthOutputMissing(`${manifestFile} is not a cdktf manifest (${(error as Error).message}): run \`npm run synth\``);
    }
    const output = new SynthOutput(root, manifest);
    if (output.stacks.length === 0) throw new SynthOutputMissing(`${manifestFile} lists no stacks: run \`npm run synth\``);
    return output;
  }

  has(name: string): boolean {
    return this.stacks.some((stack) => stack.name === name);
  }

  /** The stack of this name; an error saying to synthesize when the output does not have it. */
  stack(name: string): SynthesizedStack {
    const found = this.stacks.find((stack) => stack.name === name);
    if (!found) {
      throw new SynthOutputMissing(`${name} is not among the stacks synthesized in ${this.outdir}: run \`npm run synth\` (the output is older than the config)`);
    }
    return found;
  }

  /** The stacks recorded for this app and environment (and region: `null` asks for the environment's own stack). */
  find(app: StackIdentity['app'], environment: string, region?: string | null): SynthesizedStack[] {
    return this.stacks.filter((stack) => {
      const identity = stack.identity();
      if (!identity || identity.app !== app || identity.environment !== environment) return false;
      if (region === undefined) return true;
      return region === null ? identity.region === undefined : identity.region === region;
    });
  }

  /** The one stack of an app for an environment and region (`null`: the environment's own stack). */
  only(app: StackIdentity['app'], environment: string, region: string | null): SynthesizedStack {
    const [found, ...more] = this.find(app, environment, region);
    const what = `${app} stack of ${environment}${region ? `/${region}` : ''}`;
    if (!found) throw new SynthOutputMissing(`no ${what} in ${this.outdir}: run \`npm run synth\` (the output is older than the config)`);
    if (more.length > 0) throw new Error(`${this.outdir} holds more than one ${what}: ${[found, ...more].map((stack) => stack.name).join(', ')}`);
    return found;
  }
}
