export { accountRootArn, logGroupArn, notebookInstanceArn, PARTITION, type AccountRegion } from './arns';
export { endpointPolicy, type EndpointPolicyProps } from './endpoint-policy';
export { logsKeyPolicy, type LogsKeyPolicyProps } from './logs-key-policy';
export {
  actionsOf,
  policyDocument,
  renderPolicy,
  type Condition,
  type Effect,
  type PolicyDocument,
  type PolicyStatement,
  type Principal,
} from './policy-document';
export { flowLogsDeliveryPolicy, flowLogsTrustPolicy, type FlowLogsDeliveryPolicyProps } from './flow-logs-role';
