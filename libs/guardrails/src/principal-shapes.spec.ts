import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { SCP_MAX_CHARACTERS } from '@privatelink/policies';
import type { Rule } from './rule';
import { iamTrustNarrow } from './rules/iam/iam-trust-narrow';
import { policyLiteralJson } from './rules/iam/policy-literal-json';
import { kmsKeyNoPublicPrincipal } from './rules/logs-keys/kms-key-no-public-principal';
import { endpointPolicy } from './rules/privatelink/endpoint-policy';
import { ACCOUNT_ID, compliantCount, expectedMessage, messagesOf, privateNetwork, synthTestStack } from './testing';

/**
 * A Principal is "*" or a map of AWS, Service, Federated or CanonicalUser to one id or a list of ids
 * (IAM policy grammar). Checkov's KmsKeyWildcardPrincipal fixtures also use a bare list, which AWS refuses.
 */
const ROOT = `arn:aws:iam::${ACCOUNT_ID}:root`;
const ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/notebook-exec`;
const WILDCARD_SHAPES: readonly [string, unknown][] = [
  ['the string "*"', '*'],
  ['{"AWS": "*"}', { AWS: '*' }],
  ['{"AWS": [<role>, "*"]}', { AWS: [ROLE, '*'] }],
  ['a map of lists of several types', { CanonicalUser: ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'], AWS: [ROLE, '*'] }],
  ['a bare list (AWS refuses it)', ['foo', '*']],
];

const document = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** Each principal-reading rule, with the resource it reads and what it says about an Allow to anyone. */
const READERS: readonly { rule: Rule; address: string; build: (policy: string) => ReturnType<typeof synthTestStack>; detail: string }[] = [
  {
    rule: kmsKeyNoPublicPrincipal,
    address: 'aws_kms_key.key',
    build: (policy) => synthTestStack((scope) => new KmsKey(scope, 'key', { enableKeyRotation: true, policy })),
    detail: 'Open allows principal "*" without a Condition',
  },
  {
    rule: endpointPolicy,
    address: 'aws_vpc_endpoint.ec2-endpoint',
    build: (policy) => synthTestStack((scope) => privateNetwork(scope, { endpoint: { policy } })),
    detail:
      'Open allows principal "*" without aws:PrincipalAccount / aws:PrincipalOrgID / aws:PrincipalOrgPaths / aws:PrincipalArn ' +
      'and without a resource perimeter (aws:ResourceAccount / aws:ResourceOrgID / aws:ResourceOrgPaths)',
  },
  {
    rule: iamTrustNarrow,
    address: 'aws_iam_role.role',
    build: (policy) => synthTestStack((scope) => new IamRole(scope, 'role', { assumeRolePolicy: policy })),
    detail: 'assume_role_policy Open trusts "*"',
  },
];

describe.each(READERS.map((reader) => [reader.rule.id, reader] as const))('%s sees "*" in a Principal of any shape', (_id, reader) => {
  test.each(WILDCARD_SHAPES)('%s', (_shape, principal) => {
    const stack = reader.build(document({ Sid: 'Open', Effect: 'Allow', Principal: principal, Action: '*', Resource: '*' }));
    expect(messagesOf(reader.rule, stack)).toEqual([expectedMessage(reader.rule, reader.address, reader.detail)]);
  });
});

describe('kms-key-no-public-principal', () => {
  test('refuses an unconditioned Allow with NotPrincipal: it admits every principal it does not name', () => {
    const stack = READERS[0].build(document({ Sid: 'AllButOne', Effect: 'Allow', NotPrincipal: { AWS: ROLE }, Action: 'kms:*', Resource: '*' }));
    expect(messagesOf(kmsKeyNoPublicPrincipal, stack)).toEqual([
      expectedMessage(kmsKeyNoPublicPrincipal, 'aws_kms_key.key', 'AllButOne allows NotPrincipal (every principal it does not name) without a Condition'),
    ]);
  });

  test('accepts named principals in every shape, and a Deny to "*" (Checkov pass cases)', () => {
    const stack = READERS[0].build(
      document(
        { Sid: 'Root', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Named', Effect: 'Allow', Principal: { AWS: [ROLE], Service: 'logs.us-west-2.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*' },
        { Sid: 'DenyAnyone', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
      ),
    );
    expect(messagesOf(kmsKeyNoPublicPrincipal, stack)).toEqual([]);
    expect(compliantCount(kmsKeyNoPublicPrincipal, stack)).toBe(1);
  });
});

describe('iam-trust-narrow', () => {
  test('reads every entry of a bare-list Principal (an account root among them)', () => {
    const stack = READERS[2].build(
      document({ Sid: 'Listed', Effect: 'Allow', Principal: [ROLE, ROOT], Action: 'sts:AssumeRole' }),
    );
    expect(messagesOf(iamTrustNarrow, stack)).toEqual([expectedMessage(iamTrustNarrow, 'aws_iam_role.role', `assume_role_policy Listed trusts "${ROOT}"`)]);
  });
});

describe('policy-literal-json: a document AWS would refuse does not pass silently', () => {
  const grammar = 'which AWS refuses: a Principal is "*" or a map of AWS, Service, Federated or CanonicalUser to an id or a list of ids';

  test('refuses a Principal or NotPrincipal that is not "*" or a map of the four principal types to ids', () => {
    const stack = synthTestStack(
      (scope) =>
        new KmsKey(scope, 'key', {
          enableKeyRotation: true,
          policy: document(
            { Sid: 'BareList', Effect: 'Allow', Principal: ['foo', '*'], Action: 'kms:*', Resource: '*' },
            { Sid: 'BareString', Effect: 'Allow', Principal: 'foo', Action: 'kms:*', Resource: '*' },
            { Sid: 'WrongCase', Effect: 'Allow', Principal: { Aws: ROLE }, Action: 'kms:*', Resource: '*' },
            { Sid: 'Empty', Effect: 'Allow', Principal: {}, Action: 'kms:*', Resource: '*' },
            { Sid: 'NoIds', Effect: 'Allow', Principal: { AWS: [] }, Action: 'kms:*', Resource: '*' },
            { Sid: 'NotText', Effect: 'Deny', NotPrincipal: { AWS: [ROLE, 12] }, Action: 'kms:*', Resource: '*' },
            { Sid: 'Fine', Effect: 'Allow', Principal: { AWS: [ROOT], CanonicalUser: 'abc' }, Action: 'kms:*', Resource: '*' },
          ),
        }),
    );
    expect(messagesOf(policyLiteralJson, stack)).toEqual([
      expectedMessage(
        policyLiteralJson,
        'aws_kms_key.key',
        [
          `policy BareList has Principal ["foo","*"], ${grammar}`,
          `policy BareString has Principal "foo", ${grammar}`,
          `policy WrongCase has Principal {"Aws":"${ROLE}"}, ${grammar}`,
          `policy Empty has Principal {}, ${grammar}`,
          `policy NoIds has Principal {"AWS":[]}, ${grammar}`,
          `policy NotText has NotPrincipal {"AWS":["${ROLE}",12]}, ${grammar.replace('a Principal', 'a NotPrincipal')}`,
        ].join('; '),
      ),
    ]);
  });

  test('refuses a Principal in an identity policy or an SCP, and an SCP over the Organizations size quota', () => {
    const big = document({
      Sid: 'Big',
      Effect: 'Deny',
      Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': Array.from({ length: 300 }, (_, i) => `vpce-0${i.toString(16).padStart(16, '0')}`) } },
    });
    expect(big.length).toBeGreaterThan(SCP_MAX_CHARACTERS);
    const stack = synthTestStack((scope) => {
      new IamPolicy(scope, 'identity', {
        policy: document({ Sid: 'WithPrincipal', Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
      });
      new OrganizationsPolicy(scope, 'scp', {
        name: 'guard',
        content: document({ Sid: 'WithPrincipal', Effect: 'Deny', Principal: '*', Action: 'sagemaker:CreateNotebookInstance', Resource: '*' }),
      });
      new OrganizationsPolicy(scope, 'big', { name: 'big', content: big });
    });
    expect(messagesOf(policyLiteralJson, stack)).toEqual([
      expectedMessage(policyLiteralJson, 'aws_iam_policy.identity', 'policy WithPrincipal has a Principal, which an identity policy does not take'),
      expectedMessage(
        policyLiteralJson,
        'aws_organizations_policy.big',
        `content is ${big.length} characters, over the ${SCP_MAX_CHARACTERS} an SCP may have`,
      ),
      expectedMessage(policyLiteralJson, 'aws_organizations_policy.scp', 'content WithPrincipal has a Principal, which an SCP does not take'),
    ]);
  });
});
