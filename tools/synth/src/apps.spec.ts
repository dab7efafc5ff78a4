import { APPS, appsFromEnv } from './apps';

describe('appsFromEnv', () => {
  it('runs the network and SageMaker apps by default', () => {
    expect(appsFromEnv({})).toBe(APPS);
    expect(APPS.map((app) => app.entry)).toEqual(['apps/network/src/main.ts', 'apps/sagemaker/src/main.ts']);
  });

  it('runs the listed programs instead when PRIVATELINK_SYNTH_APP_ENTRIES is set (the benchmark floor)', () => {
    expect(appsFromEnv({ PRIVATELINK_SYNTH_APP_ENTRIES: 'a.ts, b.ts,' })).toEqual([
      { name: 'app-0', entry: 'a.ts' },
      { name: 'app-1', entry: 'b.ts' },
    ]);
  });
});
