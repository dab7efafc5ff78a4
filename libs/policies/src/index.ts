export {
  accountRootArn,
  logGroupArn,
  notebookInstanceArn,
  notebookLifecycleConfigArn,
  PARTITION,
  type AccountRegion,
} from './arns';
export { endpointPolicy, stsEndpointPolicy, type EndpointPolicyProps } from './endpoint-policy';
export {
  actionMatches,
  catalogueAction,
  expandAction,
  onlyGrantableOnAll,
  serviceActions,
  unknownActions,
  unknownConditionKeys,
  type CatalogueAction,
} from './iam-catalogue';
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
export {
  notebookAccessPolicy,
  type NotebookAccessMode,
  type NotebookAccessPolicyProps,
  type NotebookAccessScope,
} from './notebook-access-policy';
export { notebookGuardScp, SCP_MAX_CHARACTERS, type NotebookGuardScpProps } from './notebook-guard-scp';
export {
  NOTEBOOK_LOG_GROUP_NAME,
  notebookExecutionPolicy,
  notebookExecutionTrustPolicy,
  type NotebookExecutionPolicyProps,
  type NotebookExecutionTrustPolicyProps,
} from './notebook-execution-role';
export { notebookKeyPolicy, type NotebookKeyPolicyProps } from './notebook-key-policy';
export {
  AWS_SAML_AUDIENCE,
  identityCenterRoleArnPatterns,
  notebookUserTrustPolicy,
  type NotebookUserTrustPolicyProps,
} from './notebook-user-trust-policy';
export { notebookSelfStopPolicy, type NotebookSelfStopPolicyProps } from './notebook-self-stop-policy';
export { resourcePerimeter, type PerimeterProps } from './resource-perimeter';
export { s3GatewayPolicy, type S3GatewayPolicyProps } from './s3-gateway-policy';
export {
  TERRAFORM_CLOUD_AWS_AUDIENCE,
  TERRAFORM_RUN_PHASES,
  terraformCloudSubject,
  terraformCloudTrustPolicy,
  type TerraformCloudTrustPolicyProps,
  type TerraformRunPhase,
} from './terraform-cloud-trust-policy';
