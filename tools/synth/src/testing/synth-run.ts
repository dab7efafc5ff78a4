import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');
export const DEFAULT_CONFIG = join(ROOT, 'config/environments.yaml');

/** Runs the real synth entry point into `outdir`, as `npm run synth` does. */
export function runSynth(outdir: string, config = DEFAULT_CONFIG, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'tools/synth/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      PRIVATELINK_CONFIG: config,
      CHECKPOINT_DISABLE: '1',
      DISABLE_VERSION_CHECK: 'true',
      ...env,
    },
    encoding: 'utf8',
  });
}

/** Every file below `dir` with its sha256, so a comparison covers names and bytes. */
export function fingerprint(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else result[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return result;
}
