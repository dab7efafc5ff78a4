import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTITY_KEY, MANIFEST_FILE, type StackIdentity } from '@privatelink/synth-output';
import type { CloudWorkspace } from '../deploy-order';

/** One stack of a hand-made synth output. */
export interface FixtureStack {
  readonly id: string;
  /** @default 'network' */
  readonly app?: StackIdentity['app'];
  readonly environment: string;
  readonly region: string;
  /** @default [] */
  readonly dependencies?: readonly string[];
  /** @default '111111111111' */
  readonly accountId?: string;
  readonly cloud?: CloudWorkspace;
  /**
   * The stack's Terraform body beside the provider and backend (resources, data, outputs).
   * @default - one terraform_data resource
   */
  readonly body?: Record<string, unknown>;
}

/**
 * Writes a `cdktf.out`-shaped folder (the manifest plus stacks/<id>/cdk.tf.json) as the synth host
 * does: the identity PrivatelinkStack records, an AWS provider with the environment's default tags
 * and, unless a cloud workspace is given, local state in the stack's own folder. Resources are Terraform built-ins, so the real
 * terraform plans and applies them without any cloud account.
 */
export function writeSynthFixture(outdir: string, stacks: readonly FixtureStack[]): void {
  const manifest: Record<string, unknown> = {};
  for (const stack of stacks) {
    const dir = join(outdir, 'stacks', stack.id);
    mkdirSync(dir, { recursive: true });
    const backend = stack.cloud
      ? { cloud: { hostname: stack.cloud.hostname, organization: stack.cloud.organization, workspaces: { name: stack.cloud.workspace, project: stack.cloud.project } } }
      : { backend: { local: { path: 'terraform.tfstate' } } };
    const identity: StackIdentity = { app: stack.app ?? 'network', environment: stack.environment, region: stack.region };
    const json = {
      '//': { [IDENTITY_KEY]: identity },
      terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } }, ...backend },
      provider: {
        aws: [
          {
            region: stack.region,
            allowed_account_ids: [stack.accountId ?? '111111111111'],
            default_tags: [{ tags: { project: 'fixture', environment: stack.environment, 'managed-by': 'cdktf' } }],
          },
        ],
      },
      ...(stack.body ?? { resource: { terraform_data: { marker: { input: stack.id } } } }),
    };
    writeFileSync(join(dir, 'cdk.tf.json'), `${JSON.stringify(json, null, 2)}\n`);
    manifest[stack.id] = {
      annotations: [],
      constructPath: stack.id,
      dependencies: stack.dependencies ?? [],
      name: stack.id,
      stackMetadataPath: `stacks/${stack.id}/metadata.json`,
      synthesizedStackPath: `stacks/${stack.id}/cdk.tf.json`,
      workingDirectory: `stacks/${stack.id}`,
    };
  }
  writeFileSync(join(outdir, MANIFEST_FILE), `${JSON.stringify({ stacks: manifest }, null, 2)}\n`);
}

/**
 * Environment for terraform in tests: the offline provider mirror when there is one
 * (PRIVATELINK_TF_PROVIDER_MIRROR, else /opt/tf-plugins), otherwise the public registry.
 */
export function terraformTestEnv(work: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const mirror = env['PRIVATELINK_TF_PROVIDER_MIRROR'] || '/opt/tf-plugins';
  const result: NodeJS.ProcessEnv = { ...env };
  delete result['TF_CLI_CONFIG_FILE'];
  if (existsSync(mirror)) {
    const file = join(work, 'cli.tfrc');
    writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
    result['TF_CLI_CONFIG_FILE'] = file;
  }
  return result;
}
