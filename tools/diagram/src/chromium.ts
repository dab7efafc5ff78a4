import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** Debian's Chromium (`apt-get install -y chromium`); `PRIVATELINK_CHROMIUM` names another binary. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless, and quiet on the network: this machine's closed network refuses Chromium's background
 * connections (component updates, sync, field trials), which would otherwise slow every start.
 * `--no-sandbox` because CI runs as root, where Chromium's sandbox refuses to start.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export class ChromiumMissing extends Error {}

/** The Chromium binary to render with, or a ChromiumMissing error that says how to get one. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env['PRIVATELINK_CHROMIUM'] || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    const source = env['PRIVATELINK_CHROMIUM'] ? 'PRIVATELINK_CHROMIUM' : 'the default';
    throw new ChromiumMissing(
      `no Chromium at ${path} (${source}): rendering the PNGs needs one; install it with \`apt-get install -y chromium\` or set PRIVATELINK_CHROMIUM to its path`,
    );
  }
  return path;
}

/**
 * Puppeteer launch options: the given binary, headless, everything it writes inside `workDir` (a
 * folder of the caller's, removed after the browser closed): its user-data dir (`workDir/profile`)
 * and its temporary files, through TMPDIR. Chromium creates `org.chromium.Chromium.*` entries in
 * TMPDIR while it runs and does not always remove them (one was left in `npm test`'s temp folder).
 */
export function launchOptions(
  executablePath: string,
  workDir: string,
  env: NodeJS.ProcessEnv = process.env,
): { executablePath: string; headless: true; args: string[]; env: Record<string, string | undefined> } {
  return { executablePath, headless: true, args: [...CHROMIUM_ARGS, `--user-data-dir=${join(workDir, 'profile')}`], env: { ...env, TMPDIR: workDir } };
}
