import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Terraform Cloud workspace a stack runs in (its `terraform.cloud` block). */
export interface CloudWorkspace {
  readonly hostname: string;
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
}

/** What the deploy commands read of one synthesized stack. */
export interface SynthesizedStack {
  readonly id: string;
  /** Absolute path of the stack's folder, where terraform runs. */
  readonly workingDirectory: string;
  /** Stacks this one reads state from: they are planned and applied first (manifest `dependencies`). */
  readonly dependencies: readonly string[];
  /** The `environment` default tag of the stack's AWS provider. */
  readonly environment: string;
  readonly region: string;
  /** The account the provider is pinned to (`allowed_account_ids`). */
  readonly accountId: string;
  /** Present when the stack has a `cloud` block; local state otherwise. */
  readonly cloud?: CloudWorkspace;
  /** sha256 of `cdk.tf.json`: a saved plan is applied only to the configuration it was made from. */
  readonly sha256: string;
}

/** cdktf.out is missing or is not a synth output. */
export class NotSynthesized extends Error {}

interface ManifestJson {
  stacks?: Record<string, { synthesizedStackPath?: string; workingDirectory?: string; dependencies?: string[] }>;
}

interface AwsProviderJson {
  alias?: string;
  region?: string;
  allowed_account_ids?: string[];
  default_tags?: { tags?: Record<string, string> }[];
}

interface StackJson {
  provider?: { aws?: AwsProviderJson[] };
  terraform?: {
    cloud?: { hostname?: string; organization?: string; workspaces?: { name?: string; project?: string } };
  };
}

/** Every stack of a synth output folder (`cdktf.out`), in manifest order. */
export function readSynthOutput(outdir: string): SynthesizedStack[] {
  const root = resolve(outdir);
  const manifestPath = join(root, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new NotSynthesized(`no synthesized stacks in ${root} (no manifest.json): run \`npm run synth\` first`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestJson;
  return Object.entries(manifest.stacks ?? {}).map(([id, entry]) => {
    if (!entry.synthesizedStackPath || !entry.workingDirectory) {
      throw new NotSynthesized(`${manifestPath}: stack ${id} has no synthesizedStackPath or workingDirectory`);
    }
    const file = join(root, entry.synthesizedStackPath);
    const text = readFileSync(file, 'utf8');
    const json = JSON.parse(text) as StackJson;
    const providers = json.provider?.aws ?? [];
    const aws = providers.find((provider) => provider.alias === undefined) ?? providers[0];
    const environment = aws?.default_tags?.[0]?.tags?.['environment'];
    if (!aws || !environment) {
      throw new NotSynthesized(
        `${file}: no AWS provider with an \`environment\` default tag, so the stack belongs to no environment (stacks are built on PrivatelinkStack, which sets it)`,
      );
    }
    const cloud = json.terraform?.cloud;
    return {
      id,
      workingDirectory: join(root, entry.workingDirectory),
      dependencies: entry.dependencies ?? [],
      environment,
      region: aws.region ?? '',
      accountId: aws.allowed_account_ids?.[0] ?? '',
      ...(cloud?.organization && cloud.workspaces?.name
        ? {
            cloud: {
              hostname: cloud.hostname ?? 'app.terraform.io',
              organization: cloud.organization,
              project: cloud.workspaces.project ?? 'Default Project',
              workspace: cloud.workspaces.name,
            },
          }
        : {}),
      sha256: createHash('sha256').update(text).digest('hex'),
    };
  });
}
