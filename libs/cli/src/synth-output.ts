import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** A tool needs the synth output (`cdktf.out`) and it is missing or older than the config. */
export class SynthOutputMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthOutputMissing';
  }
}

/** Throws SynthOutputMissing, saying to run `npm run synth`, when `outdir` holds no synthesized stacks. */
export function requireSynthOutput(outdir: string): void {
  if (!existsSync(join(outdir, 'manifest.json'))) {
    throw new SynthOutputMissing(`no synthesized stacks in ${outdir}: run \`npm run synth\` first`);
  }
}

/**
 * A file missing inside `outdir` (ENOENT), explained: the synth output lacks what the config names,
 * so it is older than the config. Undefined for any other error.
 */
export function explainSynthOutputError(error: unknown, outdir: string): SynthOutputMissing | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (code !== 'ENOENT' || typeof path !== 'string') return undefined;
  const inside = relative(resolve(outdir), resolve(path));
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
  if (!existsSync(join(outdir, 'manifest.json'))) return new SynthOutputMissing(`no synthesized stacks in ${outdir}: run \`npm run synth\` first`);
  return new SynthOutputMissing(`${outdir} has no ${inside}: the synth output is incomplete or older than the config; run \`npm run synth\``);
}
