import { TerraformStack } from 'cdktf';
import { synthesizedOnce } from './synthesize';
import { testApp } from './test-app';

describe('synthesizedOnce', () => {
  test('builds and synthesizes once per key', () => {
    const build = jest.fn(() => new TerraformStack(testApp('privatelink-stack-kit-spec'), 'stack'));
    const first = synthesizedOnce('empty', build);
    expect(synthesizedOnce('empty', build)).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
    expect(first.stack).toBe(build.mock.results[0].value);
  });
});
