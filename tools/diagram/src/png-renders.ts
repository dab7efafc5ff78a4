import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchitectureDoc } from './architecture-docs';
import { diagramSource, recordedSource, withSource } from './png-source';

/** A PNG that does not show its page's current diagram, and why. */
export interface StalePng {
  readonly file: string;
  readonly reason: 'missing' | 'rendered from another diagram' | 'of an env-region no longer synthesized';
}

export interface PngSyncResult {
  readonly rendered: readonly string[];
  readonly removed: readonly string[];
  /** PNGs that are missing or out of date (`check`, or when nothing may render). */
  readonly stale: readonly StalePng[];
}

/** Renders diagrams to PNG; started only when a PNG needs rendering, closed when done. */
export interface PngRenderer {
  png(name: string, mermaid: string): Promise<Buffer>;
  close(): Promise<void>;
}

function recorded(path: string): string | undefined {
  try {
    return recordedSource(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** The PNGs that need rendering for `docs`, and the generated PNGs of env-regions that are gone. */
export function pngStatus(dir: string, docs: readonly ArchitectureDoc[], profile: string): { stale: StalePng[]; leftover: string[] } {
  const stale = docs.flatMap((doc): StalePng[] => {
    const path = join(dir, doc.png);
    if (!existsSync(path)) return [{ file: doc.png, reason: 'missing' }];
    return recorded(path) === diagramSource(doc.mermaid, profile) ? [] : [{ file: doc.png, reason: 'rendered from another diagram' }];
  });
  const wanted = new Set(docs.map((doc) => doc.png));
  const leftover = existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.png') && !wanted.has(file) && recorded(join(dir, file)) !== undefined)
        .sort()
    : [];
  return { stale, leftover };
}

/**
 * Makes `dir` hold a PNG of every page's diagram: renders those that are missing or were rendered
 * from another diagram (each records the source it shows), removes generated PNGs of env-regions
 * that no longer exist. Without a renderer it changes nothing and reports what is stale.
 */
export async function syncPngs(
  dir: string,
  docs: readonly ArchitectureDoc[],
  profile: string,
  renderer?: () => Promise<PngRenderer>,
): Promise<PngSyncResult> {
  const { stale, leftover } = pngStatus(dir, docs, profile);
  if (!renderer) {
    return { rendered: [], removed: [], stale: [...stale, ...leftover.map((file) => ({ file, reason: 'of an env-region no longer synthesized' as const }))] };
  }
  if (stale.length > 0) {
    const render = await renderer();
    try {
      mkdirSync(dir, { recursive: true });
      for (const doc of docs.filter((candidate) => stale.some((png) => png.file === candidate.png))) {
        writeFileSync(join(dir, doc.png), withSource(await render.png(doc.png, doc.mermaid), diagramSource(doc.mermaid, profile)));
      }
    } finally {
      await render.close();
    }
  }
  for (const file of leftover) rmSync(join(dir, file));
  return { rendered: stale.map((png) => png.file), removed: leftover, stale: [] };
}
