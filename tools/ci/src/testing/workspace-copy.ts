import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');

export const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

/** Environment for nx in a copy: no daemon, no cloud, plain output. */
export const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

/**
 * A throwaway git repository holding this workspace's files (node_modules linked, not copied), with
 * one commit on main, for tests that change files and ask Nx or ESLint about them.
 */
export function workspaceCopy(prefix: string): string {
  const repo = mkdtempSync(join(tmpdir(), prefix));
  const files = git(ROOT, 'ls-files', '--cached', '--others', '--exclude-standard').split('\n').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(ROOT, file), join(repo, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, '-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'add', '-A');
  git(repo, '-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-qm', 'base');
  return repo;
}
