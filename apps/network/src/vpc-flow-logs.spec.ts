import { kmsKeyEnabled, kmsKeyNoPublicPrincipal, kmsKeyPolicy, kmsKeyRotation } from '@privatelink/guardrails';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  directConnectOnlyTarget,
  onlyResource,
  parsePolicy,
  ref,
  synthNetwork,
  synthScope,
  testTarget,
  packFindings,
} from './testing';
import { names } from '@privatelink/stack-kit';
import { VpcFlowLogs } from './vpc-flow-logs';

// GIVEN the dev target (account 111111111111, us-west-2), WHEN synthesized
const dev = synthNetwork(testTarget());
const vpc = onlyResource(dev.json, Vpc);
const logGroup = onlyResource(dev.json, CloudwatchLogGroup);
const key = onlyResource(dev.json, KmsKey);
const role = onlyResource(dev.json, IamRole);
const LOG_GROUP_ARN = 'arn:aws:logs:us-west-2:111111111111:log-group:/sagemaker-privatelink-dev/vpc-flow-logs';

describe('VpcFlowLogs: flow log', () => {
  test('records ALL traffic of the VPC into the log group, through the flow-logs role', () => {
    const { attributes } = onlyResource(dev.json, FlowLog);
    expect(attributes).toMatchObject({
      vpc_id: ref(Vpc, vpc.id),
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: ref(CloudwatchLogGroup, logGroup.id, 'arn'),
      iam_role_arn: ref(IamRole, role.id, 'arn'),
      max_aggregation_interval: 60,
    });
  });
});

describe('VpcFlowLogs: log group', () => {
  test('is encrypted with the flow-logs key and kept 365 days by default', () => {
    expect(dev.text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/sagemaker-privatelink-dev/vpc-flow-logs',
      kms_key_id: ref(KmsKey, key.id, 'arn'),
      retention_in_days: 365,
    });
  });

  test('retention is at least the 365 days the rules ask for', () => {
    const retention = logGroup.attributes['retention_in_days'];
    expect(typeof retention).toBe('number');
    expect(retention as number).toBeGreaterThanOrEqual(365);
  });

  test('retentionInDays sets a longer retention', () => {
    // GIVEN the construct on its own, WHEN asked for ten years
    const { json } = synthScope((scope) => {
      const vpc = new Vpc(scope, 'vpc', { cidrBlock: '10.0.0.0/16' });
      new VpcFlowLogs(scope, 'flow-logs', {
        accountId: '123456789012',
        region: 'eu-west-1',
        vpc,
        names: names(testTarget({ project: 'p', environmentName: 'e' })),
        retentionInDays: 3653,
      });
    });
    // THEN only the retention changes
    expect(onlyResource(json, CloudwatchLogGroup).attributes).toMatchObject({
      name: '/p-e/vpc-flow-logs',
      retention_in_days: 3653,
    });
  });
});

describe('VpcFlowLogs: KMS key', () => {
  test('rotates, is enabled, has a 30-day deletion window and an alias', () => {
    expect(key.attributes).toMatchObject({ enable_key_rotation: true, is_enabled: true, deletion_window_in_days: 30 });
    expect(dev.text).toHaveResourceWithProperties(KmsAlias, {
      name: 'alias/sagemaker-privatelink-dev-flow-logs',
      target_key_id: ref(KmsKey, key.id, 'key_id'),
    });
  });

  test('has a literal JSON policy with no Allow to principal * without a Condition', () => {
    expect(() => parsePolicy(key.attributes['policy'])).not.toThrow();
    expect(packFindings(dev, [kmsKeyNoPublicPrincipal, kmsKeyPolicy, kmsKeyRotation, kmsKeyEnabled])).toEqual([]);
  });

  test('the account administers the key; CloudWatch Logs of the region uses it only for this log group', () => {
    const policy = parsePolicy(key.attributes['policy']);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' } }),
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'logs.us-west-2.amazonaws.com' },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [LOG_GROUP_ARN] } },
      }),
    ]);
  });

  test('follows the account and region of the target', () => {
    const dx = synthNetwork(directConnectOnlyTarget());
    const policy = parsePolicy(onlyResource(dx.json, KmsKey).attributes['policy']);
    expect(JSON.stringify(policy)).toContain(
      'arn:aws:logs:eu-west-1:444444444444:log-group:/sagemaker-privatelink-dxonly/vpc-flow-logs',
    );
    expect(JSON.stringify(policy)).not.toContain('111111111111');
  });
});

describe('VpcFlowLogs: role', () => {
  test('is named with the region: IAM names are unique per account, and the regions of an environment share one', () => {
    expect(role.attributes['name']).toBe('sagemaker-privatelink-dev-us-west-2-flow-logs');
    expect(onlyResource(synthNetwork(directConnectOnlyTarget()).json, IamRole).attributes['name']).toBe(
      'sagemaker-privatelink-dxonly-eu-west-1-flow-logs',
    );
  });

  test('is trusted by vpc-flow-logs.amazonaws.com only, on behalf of this account', () => {
    const trust = parsePolicy(role.attributes['assume_role_policy']);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '111111111111' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:us-west-2:111111111111:vpc-flow-log/*' },
      },
    });
  });

  test('may write to its own log group, list log groups (as AWS documents for the role), and nothing else', () => {
    const { attributes } = onlyResource(dev.json, IamRolePolicy);
    expect(attributes['role']).toBe(ref(IamRole, role.id));
    const policy = parsePolicy(attributes['policy']);
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: [LOG_GROUP_ARN, `${LOG_GROUP_ARN}:log-stream:*`],
    });
    // DescribeLogGroups has no resource type: it can only be granted on "*", alone.
    expect(policy.Statement[1]).toEqual({ Sid: 'ListLogGroups', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' });
  });
});
