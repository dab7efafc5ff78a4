import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { TerraformCheckError } from './terraform-check-error';

/** Where the image keeps its filesystem mirror of the pinned providers. */
export const DEFAULT_PROVIDER_MIRROR = '/opt/tf-plugins';

export const INSTALL_TERRAFORM_HELP = [
  'terraform is not on PATH: the stacks cannot be validated and planned.',
  'Install Terraform 1.11 or later, either',
  "  - from HashiCorp's apt repository (https://developer.hashicorp.com/terraform/install#linux):",
  '      wget -O- https://apt.releases.hashicorp.com/gpg | sudo gpg --dearmor -o /usr/share/keyrings/hashicorp-archive-keyring.gpg',
  '      echo "deb [signed-by=/usr/share/keyrings/hashicorp-archive-keyring.gpg] https://apt.releases.hashicorp.com $(lsb_release -cs) main" | sudo tee /etc/apt/sources.list.d/hashicorp.list',
  '      sudo apt-get update && sudo apt-get install terraform',
  '  - or from the release zip: download terraform_<version>_<os>_<arch>.zip from https://releases.hashicorp.com/terraform/',
  '    and unzip the terraform binary into a directory on PATH (e.g. /usr/local/bin).',
  'Outside CI only, PRIVATELINK_SKIP_TERRAFORM=1 skips this check.',
].join('\n');

/** The `terraform` executable found on `searchPath`, if any. */
export function findTerraform(searchPath = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'terraform');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The provider mirror to install from: `PRIVATELINK_TF_PROVIDER_MIRROR` (which must exist), else
 * the image's mirror when present, else none (providers come from the registry).
 */
export function providerMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['PRIVATELINK_TF_PROVIDER_MIRROR'];
  if (configured) {
    if (!existsSync(configured)) {
      throw new TerraformCheckError(`PRIVATELINK_TF_PROVIDER_MIRROR is "${configured}", which does not exist.`);
    }
    return configured;
  }
  return existsSync(DEFAULT_PROVIDER_MIRROR) ? DEFAULT_PROVIDER_MIRROR : undefined;
}

/** Provider cache shared by every stack and every run: `TF_PLUGIN_CACHE_DIR`, else one in the temp dir. */
export function pluginCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['TF_PLUGIN_CACHE_DIR'] || join(tmpdir(), 'privatelink-terraform-plugin-cache');
}

/** Provider addresses (`registry.terraform.io/hashicorp/aws`) a filesystem mirror holds. */
export function mirroredProviders(mirror: string): string[] {
  const subdirs = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  return subdirs(mirror).flatMap((host) =>
    subdirs(join(mirror, host)).flatMap((namespace) =>
      subdirs(join(mirror, host, namespace)).map((type) => `${host}/${namespace}/${type}`),
    ),
  );
}

/**
 * Terraform CLI configuration: providers the mirror holds are installed from it only (never the
 * network), the others from their registry; every install goes through the shared plugin cache
 * (unless `cacheDir` is undefined: the naive way the benchmark compares against).
 * The cache may fill without a lock file entry: the lock files here are throwaway copies.
 */
export function cliConfig(mirror: string | undefined, cacheDir: string | undefined): string {
  const lines =
    cacheDir === undefined
      ? []
      : [`plugin_cache_dir = ${hclString(cacheDir)}`, 'plugin_cache_may_break_dependency_lock_file = true'];
  const providers = mirror === undefined ? [] : mirroredProviders(mirror);
  if (mirror !== undefined && providers.length > 0) {
    const list = `[${providers.map(hclString).join(', ')}]`;
    lines.push(
      'provider_installation {',
      `  filesystem_mirror {\n    path    = ${hclString(mirror)}\n    include = ${list}\n  }`,
      `  direct {\n    exclude = ${list}\n  }`,
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Environment of every terraform run: none of the caller's AWS identity or Terraform settings
 * (profiles, tokens, TF_CLI_ARGS...) leak in; dummy static credentials that the offline override
 * never sends anywhere; AWS config files pointed at a path that does not exist.
 */
export function terraformEnv(
  env: NodeJS.ProcessEnv,
  settings: { readonly cliConfigFile: string; readonly missingFile: string },
): NodeJS.ProcessEnv {
  const kept = Object.entries(env).filter(([name]) => !/^(AWS_|TF_)/.test(name));
  return {
    ...Object.fromEntries(kept),
    TF_CLI_CONFIG_FILE: settings.cliConfigFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPLAN00000',
    AWS_SECRET_ACCESS_KEY: 'offline-plan-not-a-secret',
    AWS_CONFIG_FILE: settings.missingFile,
    AWS_SHARED_CREDENTIALS_FILE: settings.missingFile,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function hclString(value: string): string {
  return JSON.stringify(value);
}
