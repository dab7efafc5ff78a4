import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG, runSynthHost, WORKSPACE_ROOT } from '@privatelink/stack-kit/testing';

export { DEFAULT_CONFIG };
export const ROOT = WORKSPACE_ROOT;

/** Runs the real synth entry point into `outdir`, as `npm run synth` does. */
export function runSynth(outdir: string, config = DEFAULT_CONFIG, env: NodeJS.ProcessEnv = {}) {
  return runSynthHost(outdir, { config, env });
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
