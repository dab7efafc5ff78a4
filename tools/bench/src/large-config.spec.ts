import { deploymentTargets, parseConfig } from '@privatelink/config';
import { largeConfig } from './large-config';
import { median } from './measure';

describe('largeConfig', () => {
  it.each([12, 13, 18, 24])('is a valid config with %i env-regions, all VPCs apart', (count) => {
    const config = parseConfig('large.yaml', largeConfig(count));
    const targets = deploymentTargets(config);
    expect(targets).toHaveLength(count);
    expect(new Set(targets.map((t) => t.region.vpcCidr)).size).toBe(count);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
