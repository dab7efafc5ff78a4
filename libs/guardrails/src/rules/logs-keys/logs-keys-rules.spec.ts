import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { logsKeyPolicy, policyDocument, renderPolicy } from '@privatelink/policies';
import { ACCOUNT_ID, compliantCount, expectedMessage, logsKey, messagesOf, REGION, secureNotebook, synthTestStack } from '../../testing';
import { kmsKeyEnabled } from './kms-key-enabled';
import { kmsKeyNoPublicPrincipal } from './kms-key-no-public-principal';
import { kmsKeyPolicy } from './kms-key-policy';
import { kmsKeyRotation } from './kms-key-rotation';
import { logGroupKms } from './log-group-kms';
import { logGroupRetention } from './log-group-retention';

// GIVEN the flow-logs group and key, and the notebook key, as the stacks build them
const secure = synthTestStack((stack) => {
  new CloudwatchLogGroup(stack, 'logs', { name: '/test/flow-logs', retentionInDays: 365, kmsKeyId: logsKey(stack).arn });
  secureNotebook(stack);
});

test.each(
  [logGroupKms, logGroupRetention, kmsKeyRotation, kmsKeyEnabled, kmsKeyNoPublicPrincipal, kmsKeyPolicy].map((rule) => [rule.id, rule]),
)('%s: the log group and keys comply', (_id, rule) => {
  expect(messagesOf(rule, secure)).toEqual([]);
  expect(compliantCount(rule, secure)).toBeGreaterThan(0);
});

describe('log-group-kms', () => {
  test('refuses a log group without a key', () => {
    const stack = synthTestStack((scope) => new CloudwatchLogGroup(scope, 'logs', { name: '/x', retentionInDays: 365 }));
    expect(messagesOf(logGroupKms, stack)).toEqual([expectedMessage(logGroupKms, 'aws_cloudwatch_log_group.logs', 'kms_key_id is not set')]);
  });
});

describe('log-group-retention', () => {
  test.each([
    ['a short retention', 30, 'retention_in_days is 30'],
    ['no retention set', undefined, 'retention_in_days is not set'],
  ])('refuses %s', (_case, retentionInDays, detail) => {
    const stack = synthTestStack((scope) => new CloudwatchLogGroup(scope, 'logs', { name: '/x', kmsKeyId: logsKey(scope).arn, retentionInDays }));
    expect(messagesOf(logGroupRetention, stack)).toEqual([expectedMessage(logGroupRetention, 'aws_cloudwatch_log_group.logs', detail)]);
  });

  test('accepts 0 (never expire)', () => {
    const stack = synthTestStack((scope) => new CloudwatchLogGroup(scope, 'logs', { name: '/x', retentionInDays: 0 }));
    expect(messagesOf(logGroupRetention, stack)).toEqual([]);
    expect(compliantCount(logGroupRetention, stack)).toBe(1);
  });
});

const keyPolicy = renderPolicy(logsKeyPolicy({ accountId: ACCOUNT_ID, region: REGION, logGroupNames: ['/x'] }));

describe('kms-key-rotation', () => {
  test('refuses a symmetric key without rotation', () => {
    const stack = synthTestStack((scope) => new KmsKey(scope, 'key', { description: 'k', policy: keyPolicy }));
    expect(messagesOf(kmsKeyRotation, stack)).toEqual([expectedMessage(kmsKeyRotation, 'aws_kms_key.key', 'enable_key_rotation is not set')]);
  });

  test('is not applicable to an asymmetric key (AWS cannot rotate it)', () => {
    const stack = synthTestStack(
      (scope) => new KmsKey(scope, 'key', { description: 'k', policy: keyPolicy, customerMasterKeySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }),
    );
    expect(messagesOf(kmsKeyRotation, stack)).toEqual([]);
    expect(compliantCount(kmsKeyRotation, stack)).toBe(0);
  });
});

describe('kms-key-enabled', () => {
  test('refuses a disabled key', () => {
    const stack = synthTestStack((scope) => new KmsKey(scope, 'key', { enableKeyRotation: true, policy: keyPolicy, isEnabled: false }));
    expect(messagesOf(kmsKeyEnabled, stack)).toEqual([expectedMessage(kmsKeyEnabled, 'aws_kms_key.key', 'is_enabled is false')]);
  });
});

describe('kms-key-no-public-principal', () => {
  const publicKeyPolicy = renderPolicy(
    policyDocument(
      { Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
      {
        Sid: 'AnyoneThroughSageMaker',
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT_ID } },
      },
    ),
  );

  test('refuses an unconditioned Allow to "*", on the key and on aws_kms_key_policy', () => {
    const stack = synthTestStack((scope) => {
      new KmsKey(scope, 'key', { enableKeyRotation: true, policy: publicKeyPolicy });
      const other = new KmsKey(scope, 'other', { enableKeyRotation: true });
      new KmsKeyPolicy(scope, 'other-policy', { keyId: other.keyId, policy: publicKeyPolicy });
    });
    expect(messagesOf(kmsKeyNoPublicPrincipal, stack)).toEqual([
      expectedMessage(kmsKeyNoPublicPrincipal, 'aws_kms_key.key', 'Anyone allows principal "*" without a Condition'),
      expectedMessage(kmsKeyNoPublicPrincipal, 'aws_kms_key_policy.other-policy', 'Anyone allows principal "*" without a Condition'),
    ]);
  });
});

describe('kms-key-policy', () => {
  test('refuses a key without a policy; accepts one whose policy is a separate aws_kms_key_policy', () => {
    const stack = synthTestStack((scope) => {
      new KmsKey(scope, 'bare', { enableKeyRotation: true });
      const separate = new KmsKey(scope, 'separate', { enableKeyRotation: true });
      new KmsKeyPolicy(scope, 'separate-policy', { keyId: separate.id, policy: keyPolicy });
    });
    expect(messagesOf(kmsKeyPolicy, stack)).toEqual([
      expectedMessage(kmsKeyPolicy, 'aws_kms_key.bare', 'has no policy, so AWS applies its default key policy'),
    ]);
    expect(compliantCount(kmsKeyPolicy, stack)).toBe(1);
  });
});
