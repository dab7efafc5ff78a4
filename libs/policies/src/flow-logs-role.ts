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

/** Lets the flow-logs role write to its own log group and nothing else. */
export function flowLogsDeliveryPolicy(props: FlowLogsDeliveryPolicyProps): PolicyDocument {
  const group = logGroupArn(props, props.logGroupName);
  return policyDocument({
    Sid: 'WriteOwnLogGroup',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
    Resource: [group, `${group}:log-stream:*`],
  });
}
