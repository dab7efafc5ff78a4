import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

/**
 * A throwaway git repository holding this workspace's files (node_modules linked, not copied), in
 * which the test edits one file at a time and asks Nx what is affected.
 */
describe('nx affected', () => {
  let repo: string;

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'affected-'));
    const files = git(ROOT, 'ls-files', '--cached', '--others', '--exclude-standard').split('\n').filter(Boolean);
    for (const file of files) {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      cpSync(join(ROOT, file), join(repo, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, '-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'add', '-A');
    git(repo, '-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-qm', 'base');
  }, 60_000);

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  function affectedBy(file: string): string[] {
    appendFileSync(join(repo, file), '\n// touched by the affected test\n');
    try {
      const run = spawnSync('npx', ['nx', 'show', 'projects', '--affected', '--base=main', '--json'], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
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
