import {
  absolutePathsIn,
  parsePolicy,
  statement,
  unconditionedWildcardAllows,
  wildcardAllows,
  type RenderedPolicy,
  type RenderedStatement,
} from '@privatelink/stack-kit/testing';

// The stack specs lean on these checks to say "no violation"; each must be seen to find one.

const policy = (...statements: Partial<RenderedStatement>[]): RenderedPolicy => ({
  Version: '2012-10-17',
  Statement: statements.map((part, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', ...part })),
});

describe('unconditionedWildcardAllows', () => {
  test.each([['*'], [{ AWS: '*' }], [{ AWS: ['arn:aws:iam::111111111111:root', '*'] }]])(
    'flags an Allow to principal %j without a Condition',
    (principal) => {
      expect(unconditionedWildcardAllows(policy({ Principal: principal }))).toEqual(['statement S0 allows principal * without a Condition']);
    },
  );

  test('passes principal * with a Condition, a named principal and a Deny', () => {
    const conditioned = { Principal: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111111111111' } } };
    expect(unconditionedWildcardAllows(policy(conditioned))).toEqual([]);
    expect(unconditionedWildcardAllows(policy({ Principal: { AWS: 'arn:aws:iam::111111111111:root' } }))).toEqual([]);
    expect(unconditionedWildcardAllows(policy({ Principal: '*', Effect: 'Deny' }))).toEqual([]);
  });

  test('an empty Condition is no condition', () => {
    expect(unconditionedWildcardAllows(policy({ Principal: '*', Condition: {} }))).toHaveLength(1);
  });
});

describe('wildcardAllows', () => {
  test.each([['*'], ['iam:*'], [['s3:GetObject', 'sagemaker:*']]])('flags an Allow of %j', (action) => {
    expect(wildcardAllows(policy({ Action: action }))).toHaveLength(1);
  });

  test('flags an Allow through NotAction', () => {
    expect(wildcardAllows(policy({ Action: undefined, NotAction: 'iam:*' }))).toEqual(['statement S0 allows through NotAction']);
  });

  test('passes named actions, action prefixes with a word, and a Deny of *', () => {
    expect(wildcardAllows(policy({ Action: ['s3:GetObject', 's3:Get*'] }, { Effect: 'Deny', Action: '*' }))).toEqual([]);
  });
});

describe('parsePolicy and statement', () => {
  test('refuses a policy that is not literal JSON', () => {
    expect(() => parsePolicy({ Version: '2012-10-17' })).toThrow('policy is not a string: {"Version":"2012-10-17"}');
  });

  test('finds a statement by Sid and refuses a missing one', () => {
    const document = parsePolicy(JSON.stringify(policy({ Sid: 'Keep' })));
    expect(statement(document, 'Keep').Action).toBe('kms:Decrypt');
    expect(() => statement(document, 'Other')).toThrow('expected one statement Other, found 0');
  });
});

describe('absolutePathsIn', () => {
  test.each(['/work/main/cdktf.out', '/tmp/cdktf.outdir.x', '/home/dev/repo', '/root/.terraform.d', '/Users/dev/repo'])('finds %s', (path) => {
    expect(absolutePathsIn(JSON.stringify({ backend: { local: { path: `${path}/terraform.tfstate` } } }))).toHaveLength(1);
  });

  test('passes relative paths, ARNs and the notebook log group', () => {
    const text = JSON.stringify({
      path: '../../../terraform.network-dev-us-west-2.tfstate',
      arn: 'arn:aws:iam::111111111111:root',
      group: 'arn:aws:logs:us-west-2:111111111111:log-group:/aws/sagemaker/NotebookInstances',
      script: '/usr/local/bin/idle-stop.py',
    });
    expect(absolutePathsIn(text)).toEqual([]);
  });
});
