import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const DEFAULT_CONFIG = join(WORKSPACE_ROOT, 'config/environments.yaml');

export interface RunSynthHostOptions {
  /** @default DEFAULT_CONFIG - the shipped config */
  readonly config?: string;
  /** Extra environment, e.g. `{ TFC_ORGANIZATION: 'acme-ml' }`. @default - none */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs the real synth host (what `npm run synth` runs) into `outdir`. The caller's own
 * TFC_ORGANIZATION is dropped unless `env` sets it, so a developer's shell cannot change results.
 */
export function runSynthHost(outdir: string, options: RunSynthHostOptions = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDKTF_OUTDIR: outdir,
    PRIVATELINK_CONFIG: options.config ?? DEFAULT_CONFIG,
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: 'true',
  };
  delete env['TFC_ORGANIZATION'];
  return spawnSync(process.execPath, ['--import', 'tsx', 'tools/synth/src/main.ts'], {
    cwd: WORKSPACE_ROOT,
    env: { ...env, ...options.env },
    encoding: 'utf8',
  });
}
