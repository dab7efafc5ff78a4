import { spawnSync } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { git, NX_ENV, workspaceCopy } from './testing/workspace-copy';

/**
 * The test boundary as Nx sees it: a project's tests import its dependencies' `testing` entries
 * (shared fixtures), which `production` leaves out, so a change to one must invalidate the cached
 * results of the tests that use it. Run in a throwaway copy with a cache of its own.
 */
describe('Nx cache inputs of test targets', () => {
  let repo: string;
  const runTests = (project: string) => {
    const run = spawnSync('npx', ['nx', 'run', `${project}:test`, '--outputStyle=static'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...NX_ENV, NX_SKIP_NX_CACHE: '', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    if (run.status !== 0) throw new Error(`${project}:test failed:\n${run.stdout}\n${run.stderr}`);
    return /read the output from the cache|existing outputs match the cache/.test(run.stdout) ? 'cached' : 'ran';
  };

  beforeAll(() => {
    repo = workspaceCopy('test-inputs-');
  }, 60_000);
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('replays a test target only while the shared test helpers it uses are unchanged', () => {
    // GIVEN guardrails' tests, which build their fixtures from libs/policies' testing entry
    expect(runTests('guardrails')).toBe('ran');
    expect(runTests('guardrails')).toBe('cached');
    // WHEN a shared helper of that entry changes
    appendFileSync(join(repo, 'libs/policies/src/testing/fixtures.ts'), '\n// changed by the test-inputs test\n');
    // THEN the dependants' tests run again
    expect(runTests('guardrails')).toBe('ran');
    git(repo, 'checkout', '-q', '--', 'libs/policies/src/testing/fixtures.ts');
  }, 180_000);

  it('still replays them when only a spec of the dependency changes (specs are no input of other projects)', () => {
    expect(runTests('guardrails')).toBe('cached');
    appendFileSync(join(repo, 'libs/policies/src/notebook-access-policy.spec.ts'), '\n// changed by the test-inputs test\n');
    expect(runTests('guardrails')).toBe('cached');
    git(repo, 'checkout', '-q', '--', 'libs/policies/src/notebook-access-policy.spec.ts');
  }, 180_000);
});
