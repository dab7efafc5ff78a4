/** The flow-logs role's permissions through the real IAM evaluator: what VPC Flow Logs calls to deliver. */
import { flowLogsDeliveryPolicy } from './flow-logs-role';
import { ACCOUNT_ID, REGION } from './testing/fixtures';
import { simulate } from './simulate';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/sagemaker-privatelink-dev-flow-logs`;
const GROUP = `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/sagemaker-privatelink-dev/vpc-flow-logs`;
const OTHER_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/lambda/other`;
const policy = flowLogsDeliveryPolicy({ accountId: ACCOUNT_ID, region: REGION, logGroupName: '/sagemaker-privatelink-dev/vpc-flow-logs' });
const call = (action: string, resource: string) =>
  simulate({ principal: ROLE_ARN, action, resource, identityPolicies: [policy] });

describe('flowLogsDeliveryPolicy', () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
  it.each([
    ['logs:DescribeLogGroups', '*'],
    ['logs:DescribeLogStreams', GROUP],
    ['logs:CreateLogStream', `${GROUP}:log-stream:eni-0a1b2c3d4e5f60001-all`],
    ['logs:PutLogEvents', `${GROUP}:log-stream:eni-0a1b2c3d4e5f60001-all`],
  ])('allows %s on %s, as AWS documents for the flow-logs role', async (action, resource) => {
    expect(await call(action, resource)).toBe('Allowed');
  });

  it.each([
    ['logs:CreateLogStream', `${OTHER_GROUP}:log-stream:x`],
    ['logs:PutLogEvents', `${OTHER_GROUP}:log-stream:x`],
    ['logs:DescribeLogStreams', OTHER_GROUP],
    // The group is the stack's (KMS key, retention): the service may not re-create it without them.
    ['logs:CreateLogGroup', GROUP],
    ['logs:DeleteLogGroup', GROUP],
  ])('refuses %s on %s', async (action, resource) => {
    expect(await call(action, resource)).toBe('ImplicitlyDenied');
  });
});
