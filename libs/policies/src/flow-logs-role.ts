import { logGroupArn, type AccountRegion } from './arns';
import { policyDocument, type PolicyDocument } from './policy-document';

/** Trust policy: only the VPC Flow Logs service, and only on behalf of this account. */
export function flowLogsTrustPolicy({ accountId, region }: AccountRegion): PolicyDocument {
  return policyDocument({
    Sid: 'FlowLogsServiceForThisAccount',
    Effect: 'Allow',
    Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: {
      StringEquals: { 'aws:SourceAccount': accountId },
      ArnLike: { 'aws:SourceArn': `arn:aws:ec2:${region}:${accountId}:vpc-flow-log/*` },
    },
  });
}

export interface FlowLogsDeliveryPolicyProps extends AccountRegion {
  readonly logGroupName: string;
}

/**
 * What AWS lists for the flow-logs role (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html:
 * CreateLogGroup, CreateLogStream, PutLogEvents, DescribeLogGroups, DescribeLogStreams, on "*"),
 * scoped as far as the Service Authorization Reference lets each action be: streams and events of
 * the own group only; DescribeLogGroups is list-only (no resource type), so it stands alone on "*".
 * CreateLogGroup is left out on purpose: the group exists (this stack creates it, KMS-encrypted and
 * with a retention), and a group re-created by the service would have neither.
 */
export function flowLogsDeliveryPolicy(props: FlowLogsDeliveryPolicyProps): PolicyDocument {
  const group = logGroupArn(props, props.logGroupName);
  return policyDocument(
    {
      Sid: 'WriteOwnLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: [group, `${group}:log-stream:*`],
    },
    {
      Sid: 'ListLogGroups',
      Effect: 'Allow',
      Action: 'logs:DescribeLogGroups',
      Resource: '*',
    },
  );
}
