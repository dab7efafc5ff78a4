import { unconditionedWildcardAllows } from './policy-checks';
import type { RenderedPolicy } from './rendered-policy';

const allow = (extra: object): RenderedPolicy => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Open', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', ...extra }],
});

describe('unconditionedWildcardAllows', () => {
  test('finds an Allow to {"AWS": "*"} without a Condition', () => {
    expect(unconditionedWildcardAllows(allow({ Principal: { AWS: '*' } }))).toEqual([
      'statement Open allows principal * without a Condition',
    ]);
  });

  test('passes the same statement with a Condition', () => {
    const Condition = { StringEquals: { 'kms:CallerAccount': '111111111111' } };
    expect(unconditionedWildcardAllows(allow({ Principal: { AWS: '*' }, Condition }))).toEqual([]);
  });
});
