import { spawn } from 'node:child_process';

export interface BrowserCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** cmd.exe parses its own command line; the URL's `&` is escaped instead of quoted. */
  readonly windowsVerbatimArguments?: boolean;
}

/** How the platform opens a URL in the default browser: `open`, `start` or `xdg-open`. */
export function browserCommand(platform: NodeJS.Platform, url: string): BrowserCommand {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') {
    return { command: 'cmd', args: ['/d', '/s', '/c', 'start', '""', url.replace(/[&^|<>]/g, '^$&')], windowsVerbatimArguments: true };
  }
  return { command: 'xdg-open', args: [url] };
}

/** Opens the URL in the default browser, detached; resolves to why it could not, or undefined once launched. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const { command, args, windowsVerbatimArguments } = browserCommand(platform, url);
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsVerbatimArguments });
    child.once('error', (error) => resolve(`${command}: ${error.message}`));
    child.once('spawn', () => {
      child.unref();
      resolve(undefined);
    });
  });
}
