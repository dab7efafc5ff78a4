/** Machine paths that must never reach a synthesized stack (it is committed, diffed, shared). */
export const ABSOLUTE_PATH_PREFIXES = ['/work', '/tmp', '/home', '/root', '/Users'] as const;

/** The absolute paths found in synthesized text, with a little context each. */
export function absolutePathsIn(text: string): string[] {
  return ABSOLUTE_PATH_PREFIXES.flatMap((prefix) => {
    const found: string[] = [];
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
      found.push(text.slice(Math.max(0, at - 20), at + 40));
    }
    return found;
  });
}
