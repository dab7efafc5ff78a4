import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './testing/workspace-copy';

/** Nx's own decision (nx/src/utils/nx-cloud-utils): no onboarding-URL call, no remote-cache or agents advert. */
const { isNxCloudDisabled } = require('nx/src/utils/nx-cloud-utils') as { isNxCloudDisabled(nxJson: object): boolean | undefined };

describe('Nx Cloud stays off, with or without NX_NO_CLOUD in the environment', () => {
  const nxJson = JSON.parse(readFileSync(join(ROOT, 'nx.json'), 'utf8')) as Record<string, unknown>;
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env['NX_NO_CLOUD'];
    delete process.env['NX_NO_CLOUD'];
  });
  afterAll(() => {
    if (saved !== undefined) process.env['NX_NO_CLOUD'] = saved;
  });

  it('nx.json opts out (neverConnectToCloud), so Nx neither calls Nx Cloud nor prints its advert', () => {
    expect(isNxCloudDisabled(nxJson)).toBe(true);
  });

  it('would leave Nx Cloud on without that setting (what a developer shell without NX_NO_CLOUD got)', () => {
    const withoutSetting = { ...nxJson };
    delete withoutSetting['neverConnectToCloud'];
    expect(isNxCloudDisabled(withoutSetting)).toBeFalsy();
  });
});
