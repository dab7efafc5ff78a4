import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI as `npm run test:terraform` does (tsx, from the repository root), with `env` as
 * its whole environment: CI, PRIVATELINK_SKIP_TERRAFORM and PATH are what the caller says.
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): CliRun {
  const tsx = require.resolve('tsx/cli');
  const main = join(ROOT, 'tools/terraform-check/src/main.ts');
  const result = spawnSync(process.execPath, [tsx, main, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The caller's environment without the switches the CLI reads (a test names its own check cache). */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['CI'];
  delete env['PRIVATELINK_SKIP_TERRAFORM'];
  delete env['PRIVATELINK_TF_CHECK_CACHE'];
  return env;
}
