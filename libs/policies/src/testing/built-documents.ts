/** Every document the builders produce, in every mode, for whole-library checks. */
import { endpointPolicy, stsEndpointPolicy } from '../endpoint-policy';
import { flowLogsDeliveryPolicy, flowLogsTrustPolicy } from '../flow-logs-role';
import { logsKeyPolicy } from '../logs-key-policy';
import { notebookAccessPolicy, type NotebookAccessMode, type NotebookAccessScope } from '../notebook-access-policy';
import { notebookExecutionPolicy, notebookExecutionTrustPolicy } from '../notebook-execution-role';
import { notebookGuardScp } from '../notebook-guard-scp';
import { notebookKeyPolicy } from '../notebook-key-policy';
import { notebookSelfStopPolicy } from '../notebook-self-stop-policy';
import { notebookUserTrustPolicy } from '../notebook-user-trust-policy';
import type { PolicyDocument } from '../policy-document';
import { s3GatewayPolicy } from '../s3-gateway-policy';
import { terraformCloudTrustPolicy } from '../terraform-cloud-trust-policy';
import {
  ACCOUNT_ID,
  API_ENDPOINT_ID,
  BREAK_GLASS_ROLE_ARN,
  EXECUTION_ROLE_ARN,
  IDENTITY_CENTER_ROLE_ARN,
  KMS_KEY_ARN,
  LIFECYCLE_CONFIG_ARN,
  NOTEBOOK_ENDPOINT_ID,
  NOTEBOOK_NAMES,
  OTHER_VPC_ENDPOINT_ID,
  REGION,
  SAML_PROVIDER_ARN,
  VPC_ID,
} from './fixtures';

/** Where a document is attached; the security rules differ per kind. */
export type PolicyKind = 'identity' | 'trust' | 'key' | 'scp' | 'endpoint';

export interface BuiltDocument {
  /** Builder and options, e.g. `notebookAccessPolicy(sourceVpc, all)`. */
  readonly name: string;
  readonly kind: PolicyKind;
  readonly document: PolicyDocument;
  /** Statement Sids that are documented exceptions to a rule id (e.g. IAM.21 for an explicit opt-in). */
  readonly exemptions?: Readonly<Record<string, readonly string[]>>;
}

export const ACCESS_MODES: readonly NotebookAccessMode[] = ['sourceVpce', 'sourceVpc'];
export const ACCESS_SCOPES: readonly NotebookAccessScope[] = ['notebook', 'all'];

/** The access policy of the fixture environment. */
export function fixtureAccessPolicy(mode?: NotebookAccessMode, scope?: NotebookAccessScope): PolicyDocument {
  return notebookAccessPolicy({
    accountId: ACCOUNT_ID,
    region: REGION,
    notebookNames: NOTEBOOK_NAMES,
    notebookEndpointId: NOTEBOOK_ENDPOINT_ID,
    apiEndpointId: API_ENDPOINT_ID,
    vpcId: VPC_ID,
    ...(mode === undefined ? {} : { mode }),
    ...(scope === undefined ? {} : { scope }),
  });
}

/** The guard SCP admitting the fixture environment's two endpoints and its idle-stop lifecycle configuration only. */
export function fixtureGuardScp(): PolicyDocument {
  return notebookGuardScp({
    allowedEndpointIds: [NOTEBOOK_ENDPOINT_ID, API_ENDPOINT_ID],
    breakGlassPrincipalArns: [BREAK_GLASS_ROLE_ARN],
    allowedLifecycleConfigArns: [LIFECYCLE_CONFIG_ARN],
  });
}

export function builtDocuments(): readonly BuiltDocument[] {
  const accountRegion = { accountId: ACCOUNT_ID, region: REGION };
  return [
    ...ACCESS_MODES.flatMap((mode) =>
      ACCESS_SCOPES.map(
        (scope): BuiltDocument => ({
          name: `notebookAccessPolicy(${mode}, ${scope})`,
          kind: 'identity',
          document: fixtureAccessPolicy(mode, scope),
          ...(scope === 'all' ? { exemptions: { 'IAM.21': ['AllSageMakerOnNotebooksThroughEndpoints'] } } : {}),
        }),
      ),
    ),
    {
      name: 'notebookGuardScp',
      kind: 'scp',
      document: notebookGuardScp({
        allowedEndpointIds: [NOTEBOOK_ENDPOINT_ID, API_ENDPOINT_ID, OTHER_VPC_ENDPOINT_ID],
        breakGlassPrincipalArns: [BREAK_GLASS_ROLE_ARN],
        allowedLifecycleConfigArns: [LIFECYCLE_CONFIG_ARN],
      }),
    },
    { name: 'notebookExecutionTrustPolicy', kind: 'trust', document: notebookExecutionTrustPolicy(accountRegion) },
    {
      name: 'notebookExecutionPolicy(no S3)',
      kind: 'identity',
      document: notebookExecutionPolicy({ ...accountRegion, notebookNames: ['dev-research'], kmsKeyArn: KMS_KEY_ARN }),
    },
    {
      name: 'notebookExecutionPolicy(S3 prefix)',
      kind: 'identity',
      document: notebookExecutionPolicy({
        ...accountRegion,
        notebookNames: ['dev-research'],
        kmsKeyArn: KMS_KEY_ARN,
        s3BucketName: 'example-notebook-data',
        s3Prefix: 'notebooks/dev',
      }),
    },
    {
      name: 'notebookKeyPolicy',
      kind: 'key',
      document: notebookKeyPolicy({ ...accountRegion, executionRoleArn: EXECUTION_ROLE_ARN }),
    },
    {
      name: 'notebookSelfStopPolicy',
      kind: 'identity',
      document: notebookSelfStopPolicy({ ...accountRegion, notebookNames: NOTEBOOK_NAMES }),
    },
    {
      name: 'notebookUserTrustPolicy(roles and SAML)',
      kind: 'trust',
      document: notebookUserTrustPolicy({
        roleArns: [IDENTITY_CENTER_ROLE_ARN],
        samlProviderArns: [SAML_PROVIDER_ARN],
      }),
    },
    {
      name: 'notebookUserTrustPolicy(Identity Center permission sets)',
      kind: 'trust',
      document: notebookUserTrustPolicy({ identityCenterPermissionSets: ['MLEngineer'], accountId: ACCOUNT_ID }),
    },
    {
      // The rule pack checks it (built-documents.spec in libs/guardrails): iam-trust-narrow reads its sub and aud.
      name: 'terraformCloudTrustPolicy',
      kind: 'trust',
      document: terraformCloudTrustPolicy({
        accountId: ACCOUNT_ID,
        organization: 'acme-ml',
        project: 'sagemaker-privatelink',
        workspace: 'smpl-network-dev-us-west-2',
        runPhase: 'apply',
      }),
    },
    { name: 'endpointPolicy', kind: 'endpoint', document: endpointPolicy({ accountId: ACCOUNT_ID }) },
    {
      name: 'endpointPolicy(organization)',
      kind: 'endpoint',
      document: endpointPolicy({ accountId: ACCOUNT_ID, organizationId: 'o-a1b2c3d4e5' }),
    },
    { name: 'stsEndpointPolicy', kind: 'endpoint', document: stsEndpointPolicy({ accountId: ACCOUNT_ID }) },
    {
      name: 's3GatewayPolicy(with ECR layers)',
      kind: 'endpoint',
      document: s3GatewayPolicy({ accountId: ACCOUNT_ID, region: REGION, allowEcrLayers: true }),
    },
    {
      name: 'logsKeyPolicy',
      kind: 'key',
      document: logsKeyPolicy({ ...accountRegion, logGroupNames: ['/aws/vpc/flow-logs/dev'] }),
    },
    { name: 'flowLogsTrustPolicy', kind: 'trust', document: flowLogsTrustPolicy(accountRegion) },
    {
      name: 'flowLogsDeliveryPolicy',
      kind: 'identity',
      document: flowLogsDeliveryPolicy({ ...accountRegion, logGroupName: '/aws/vpc/flow-logs/dev' }),
    },
  ];
}
