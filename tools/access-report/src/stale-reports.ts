import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first line of every report; only such files count as left over. */
const REPORT_TITLE = '# Notebook access:';

/** Reports in `dir` that are missing, differ from `reports`, or are reports of no current env-region. */
export function staleReports(dir: string, reports: ReadonlyMap<string, string>): string[] {
  const changed = [...reports].filter(([file, content]) => !existsSync(join(dir, file)) || readFileSync(join(dir, file), 'utf8') !== content);
  const leftover = existsSync(dir)
    ? readdirSync(dir).filter((file) => file.endsWith('.md') && !reports.has(file) && readFileSync(join(dir, file), 'utf8').startsWith(REPORT_TITLE))
    : [];
  return [...changed.map(([file]) => file), ...leftover].sort();
}
