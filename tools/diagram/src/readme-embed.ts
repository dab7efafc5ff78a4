import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ArchitectureDoc } from './architecture-docs';

const START = /<!-- architecture:([a-z0-9-]+) -->\n/;
const END = '<!-- /architecture -->';

export interface EmbedResult {
  /** The page embedded, e.g. `dev-us-west-2`, or undefined when the file has no marker. */
  readonly page?: string;
  readonly stale: boolean;
}

/**
 * Keeps the diagram and legend a README embeds between `<!-- architecture:<env>-<region> -->` and
 * `<!-- /architecture -->` equal to the generated page's, so the README cannot drift from the stacks.
 * With `check`, changes nothing and reports whether it is stale.
 */
export function syncEmbeddedDiagram(file: string, docs: readonly ArchitectureDoc[], check = false): EmbedResult {
  if (!existsSync(file)) return { stale: false };
  const text = readFileSync(file, 'utf8');
  const start = START.exec(text);
  if (!start) return { stale: false };
  const page = start[1];
  const doc = docs.find((candidate) => candidate.file === `${page}.md`);
  if (!doc) throw new Error(`${file} embeds architecture:${page}, which is not a synthesized env-region`);
  const from = start.index + start[0].length;
  const to = text.indexOf(END, from);
  if (to < 0) throw new Error(`${file}: <!-- architecture:${page} --> has no closing ${END}`);
  const wanted = `${text.slice(0, from)}${doc.embed}${text.slice(to)}`;
  const stale = wanted !== text;
  if (stale && !check) writeFileSync(file, wanted);
  return { page, stale };
}
