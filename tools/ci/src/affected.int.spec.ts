import { spawnSync } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { git, NX_ENV, workspaceCopy } from './testing/workspace-copy';

/**
 * A throwaway git repository holding this workspace's files (node_modules linked, not copied), in
 * which the test edits one file at a time and asks Nx what is affected.
 */
describe('nx affected', () => {
  let repo: string;

  beforeAll(() => {
    repo = workspaceCopy('affected-');
  }, 60_000);

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  function affectedBy(file: string): string[] {
    appendFileSync(join(repo, file), '\n// touched by the affected test\n');
    try {
      const run = spawnSync('npx', ['nx', 'show', 'projects', '--affected', '--base=main', '--json'], {
        cwd: repo,
        encoding: 'utf8',
        env: NX_ENV,
      });
      if (run.status !== 0) throw new Error(run.stderr);
      return (JSON.parse(run.stdout) as string[]).sort();
    } finally {
      git(repo, 'checkout', '-q', '--', file);
    }
  }

  it('a change to libs/policies affects both apps', () => {
    expect(affectedBy('libs/policies/src/endpoint-policy.ts')).toEqual(expect.arrayContaining(['network', 'sagemaker', 'policies']));
  }, 60_000);

  it('a change to apps/network alone does not affect the SageMaker app', () => {
    const affected = affectedBy('apps/network/src/private-vpc.ts');
    expect(affected).toContain('network');
    expect(affected).not.toContain('sagemaker');
    // The tools whose tests synthesize every stack do rerun.
    expect(affected).toEqual(expect.arrayContaining(['synth', 'access-report', 'diagram']));
  }, 60_000);

  it('a change to the handoff contract affects both apps', () => {
    expect(affectedBy('libs/handoff/src/network-handoff.ts')).toEqual(expect.arrayContaining(['network', 'sagemaker']));
  }, 60_000);

  it('a change to apps/sagemaker alone does not affect the network app', () => {
    const affected = affectedBy('apps/sagemaker/src/notebook-fleet.ts');
    expect(affected).toContain('sagemaker');
    expect(affected).not.toContain('network');
  }, 60_000);
});
