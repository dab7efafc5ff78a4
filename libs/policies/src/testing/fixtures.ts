/** Test fixtures: one environment's identifiers, request sources and reference policies. */
import type { RequestContext } from '../simulate';

export { ADMINISTRATOR_ACCESS } from '../simulate';

export const ACCOUNT_ID = '111122223333';
/** An account outside the environment (and outside its organization). */
export const OTHER_ACCOUNT_ID = '444455556666';
export const ORGANIZATION_ID = 'o-a1b2c3d4e5';
export const REGION = 'eu-west-1';
/** Mixed case on purpose: SageMaker lower-cases notebook names in ARNs. */
export const NOTEBOOK_NAMES = ['Analysis-Dev', 'reporting-dev'] as const;
export const NOTEBOOK_ENDPOINT_ID = 'vpce-0a1b2c3d4e5f60001';
export const API_ENDPOINT_ID = 'vpce-0a1b2c3d4e5f60002';
/** A second SageMaker API endpoint in the environment's VPC (one without private DNS, say). */
export const OTHER_ENDPOINT_SAME_VPC_ID = 'vpce-0a1b2c3d4e5f60003';
export const VPC_ID = 'vpc-0a1b2c3d4e5f60001';
/** A SageMaker API endpoint in another VPC of the same account. */
export const OTHER_VPC_ENDPOINT_ID = 'vpce-0f9e8d7c6b5a40001';
export const OTHER_VPC_ID = 'vpc-0f9e8d7c6b5a40001';
export const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const EXECUTION_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/notebook-execution-dev`;
export const NOTEBOOK_USER_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/notebook-user-dev`;
export const ADMIN_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/platform-admin`;
export const BREAK_GLASS_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/BreakGlassAdmin`;
export const IDENTITY_CENTER_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_NotebookUsers_0123456789abcdef`;
export const SAML_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT_ID}:saml-provider/CorporateIdP`;
export const OIDC_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;
/** A role and a SAML provider of another account. */
export const FOREIGN_ROLE_ARN = `arn:aws:iam::${OTHER_ACCOUNT_ID}:role/admin`;
export const FOREIGN_SAML_PROVIDER_ARN = `arn:aws:iam::${OTHER_ACCOUNT_ID}:saml-provider/OtherIdP`;

/** The environment's idle-stop lifecycle configuration (`<notebook>-idle-stop`, lower-cased in the ARN). */
export const LIFECYCLE_CONFIG_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT_ID}:notebook-instance-lifecycle-config/analysis-dev-idle-stop`;
/** A lifecycle configuration someone else created in the account. */
export const FOREIGN_LIFECYCLE_CONFIG_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT_ID}:notebook-instance-lifecycle-config/curl-and-run`;

/** `arn:aws:sagemaker:<region>:<account>:notebook-instance/<lower-cased name>` of the first notebook. */
export const NOTEBOOK_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT_ID}:notebook-instance/analysis-dev`;

export type RequestSource =
  | 'notebookEndpoint'
  | 'apiEndpoint'
  | 'otherEndpointSameVpc'
  | 'otherVpc'
  | 'internet'
  | 'awsServiceOnBehalf';

/** The request context AWS builds for a call from each place. */
export const REQUEST_SOURCES: Readonly<Record<RequestSource, RequestContext>> = {
  notebookEndpoint: { 'aws:SourceVpce': NOTEBOOK_ENDPOINT_ID, 'aws:SourceVpc': VPC_ID, 'aws:ViaAWSService': 'false' },
  apiEndpoint: { 'aws:SourceVpce': API_ENDPOINT_ID, 'aws:SourceVpc': VPC_ID, 'aws:ViaAWSService': 'false' },
  otherEndpointSameVpc: {
    'aws:SourceVpce': OTHER_ENDPOINT_SAME_VPC_ID,
    'aws:SourceVpc': VPC_ID,
    'aws:ViaAWSService': 'false',
  },
  otherVpc: { 'aws:SourceVpce': OTHER_VPC_ENDPOINT_ID, 'aws:SourceVpc': OTHER_VPC_ID, 'aws:ViaAWSService': 'false' },
  // No aws:SourceVpce / aws:SourceVpc at all: the keys are absent, not empty.
  internet: { 'aws:SourceIp': '203.0.113.10', 'aws:ViaAWSService': 'false' },
  // A forward-access-session call, e.g. CloudFormation acting with the user's credentials.
  awsServiceOnBehalf: { 'aws:ViaAWSService': 'true', 'aws:CalledVia': ['cloudformation.amazonaws.com'] },
};
