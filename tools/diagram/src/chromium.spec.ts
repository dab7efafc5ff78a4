import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath, launchOptions } from './chromium';
import { chromiumTempBase } from './render';

describe('chromiumPath', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'chromium-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the executable PRIVATELINK_CHROMIUM names', () => {
    const binary = join(dir, 'chromium');
    writeFileSync(binary, '#!/bin/sh\n', { mode: 0o755 });
    expect(chromiumPath({ PRIVATELINK_CHROMIUM: binary })).toBe(binary);
  });

  it('says how to get Chromium when there is none, or it cannot run', () => {
    const missing = join(dir, 'missing');
    expect(() => chromiumPath({ PRIVATELINK_CHROMIUM: missing })).toThrow(
      `no Chromium at ${missing} (PRIVATELINK_CHROMIUM): rendering the PNGs needs one; install it with \`apt-get install -y chromium\` or set PRIVATELINK_CHROMIUM to its path`,
    );
    const notExecutable = join(dir, 'chromium.txt');
    writeFileSync(notExecutable, 'not a program', { mode: 0o644 });
    expect(() => chromiumPath({ PRIVATELINK_CHROMIUM: notExecutable })).toThrow(`no Chromium at ${notExecutable} (PRIVATELINK_CHROMIUM)`);
  });
});

describe('launchOptions', () => {
  it('starts Chromium headless, quiet on the network, with its profile and its temporary files in the given folder', () => {
    expect(launchOptions('/usr/bin/chromium', '/tmp/diagram-chromium-x', { PATH: '/usr/bin', TMPDIR: '/tmp' })).toEqual({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--user-data-dir=/tmp/diagram-chromium-x/profile'],
      env: { PATH: '/usr/bin', TMPDIR: '/tmp/diagram-chromium-x' },
    });
    expect(CHROMIUM_ARGS).not.toContain('--user-data-dir');
  });
});

describe('chromiumTempBase', () => {
  it('keeps a temp folder short enough for Chromium’s singleton socket, and falls back to /tmp otherwise', () => {
    expect(chromiumTempBase('/tmp/privatelink-test-tmp-abc')).toBe('/tmp/privatelink-test-tmp-abc');
    // The path npm test failed with: the socket would have been 125 bytes long.
    expect(chromiumTempBase('/tmp/privatelink-test-tmp-E63sOa/diagram-render-Se4cWD/tmp')).toBe('/tmp');
  });
});
