/** Secure-by-default resources built from the real provider constructs and policy builders; specs break one thing at a time. */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import {
  SagemakerNotebookInstance,
  type SagemakerNotebookInstanceConfig,
} from '@cdktf/provider-aws/lib/sagemaker-notebook-instance';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint, type VpcEndpointConfig } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  endpointPolicy,
  flowLogsDeliveryPolicy,
  flowLogsTrustPolicy,
  logsKeyPolicy,
  notebookAccessPolicy,
  notebookExecutionPolicy,
  notebookExecutionTrustPolicy,
  notebookGuardScp,
  notebookKeyPolicy,
  renderPolicy,
  type NotebookAccessScope,
} from '@privatelink/policies';
import type { Construct } from 'constructs';

export const ACCOUNT_ID = '111122223333';
export const REGION = 'us-west-2';
export const VPC_CIDR = '10.10.0.0/16';
const accountRegion = { accountId: ACCOUNT_ID, region: REGION };

export interface SecureNotebook {
  readonly notebook: SagemakerNotebookInstance;
  readonly role: IamRole;
  readonly key: KmsKey;
  readonly securityGroup: SecurityGroup;
}

/** A notebook as NotebookFleet builds one: own role, own key, own security group; `overrides` breaks it. */
export function secureNotebook(scope: Construct, overrides: Partial<SagemakerNotebookInstanceConfig> = {}): SecureNotebook {
  const role = new IamRole(scope, 'role', {
    name: 'notebook-exec',
    description: 'Runs the notebook',
    assumeRolePolicy: renderPolicy(notebookExecutionTrustPolicy(accountRegion)),
  });
  const key = new KmsKey(scope, 'key', {
    description: 'Encrypts the notebook volume',
    enableKeyRotation: true,
    policy: renderPolicy(notebookKeyPolicy({ ...accountRegion, executionRoleArn: role.arn })),
  });
  new IamRolePolicy(scope, 'role-policy', {
    role: role.id,
    policy: renderPolicy(notebookExecutionPolicy({ ...accountRegion, notebookNames: ['research'], kmsKeyArn: key.arn })),
  });
  const securityGroup = new SecurityGroup(scope, 'notebook-sg', {
    description: 'Notebook: HTTPS egress to S3 only',
    vpcId: 'vpc-0123456789abcdef0',
  });
  new VpcSecurityGroupEgressRule(scope, 'notebook-https-to-s3', {
    securityGroupId: securityGroup.id,
    description: 'HTTPS to S3 through the gateway endpoint',
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    prefixListId: 'pl-68a54001',
  });
  const notebook = new SagemakerNotebookInstance(scope, 'notebook', {
    name: 'research',
    instanceType: 'ml.t3.medium',
    platformIdentifier: 'notebook-al2-v3',
    roleArn: role.arn,
    subnetId: 'subnet-0123456789abcdef0',
    securityGroups: [securityGroup.id],
    kmsKeyId: key.keyId,
    directInternetAccess: 'Disabled',
    rootAccess: 'Disabled',
    instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
    ...overrides,
  });
  return { notebook, role, key, securityGroup };
}

/** A KMS key for a log group, as VpcFlowLogs builds it. */
export function logsKey(scope: Construct, id = 'logs-key'): KmsKey {
  return new KmsKey(scope, id, {
    description: 'Encrypts the flow logs',
    enableKeyRotation: true,
    isEnabled: true,
    policy: renderPolicy(logsKeyPolicy({ ...accountRegion, logGroupNames: ['/test/flow-logs'] })),
  });
}

export interface PrivateNetwork {
  readonly vpc: Vpc;
  readonly defaultSecurityGroup?: DefaultSecurityGroup;
  readonly endpointSecurityGroup: SecurityGroup;
  readonly ec2Endpoint?: VpcEndpoint;
}

export interface PrivateNetworkOptions {
  /** @default true */
  readonly defaultSecurityGroup?: boolean;
  /** @default true */
  readonly flowLogs?: boolean;
  /** @default true */
  readonly ec2Endpoint?: boolean;
  /** Overrides of the ec2 endpoint. */
  readonly endpoint?: Partial<VpcEndpointConfig>;
}

/** A VPC as PrivateVpc, VpcFlowLogs and PrivatelinkEndpoints build it. */
export function privateNetwork(scope: Construct, options: PrivateNetworkOptions = {}): PrivateNetwork {
  const vpc = new Vpc(scope, 'vpc', { cidrBlock: VPC_CIDR, enableDnsSupport: true, enableDnsHostnames: true });
  const defaultSecurityGroup =
    options.defaultSecurityGroup === false
      ? undefined
      : new DefaultSecurityGroup(scope, 'default-sg', { vpcId: vpc.id, ingress: [], egress: [] });
  const subnet = new Subnet(scope, 'subnet', { vpcId: vpc.id, cidrBlock: '10.10.0.0/18', mapPublicIpOnLaunch: false });
  if (options.flowLogs !== false) {
    const logGroup = new CloudwatchLogGroup(scope, 'flow-log-group', {
      name: '/test/flow-logs',
      retentionInDays: 365,
      kmsKeyId: logsKey(scope).arn,
    });
    const role = new IamRole(scope, 'flow-log-role', {
      description: 'Delivers flow logs',
      assumeRolePolicy: renderPolicy(flowLogsTrustPolicy(accountRegion)),
    });
    new IamRolePolicy(scope, 'flow-log-role-policy', {
      role: role.id,
      policy: renderPolicy(flowLogsDeliveryPolicy({ ...accountRegion, logGroupName: '/test/flow-logs' })),
    });
    new FlowLog(scope, 'flow-log', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
    });
  }
  const endpointSecurityGroup = new SecurityGroup(scope, 'endpoint-sg', {
    description: 'Interface endpoints: HTTPS from the VPC only',
    vpcId: vpc.id,
  });
  new VpcSecurityGroupIngressRule(scope, 'https-from-vpc', {
    securityGroupId: endpointSecurityGroup.id,
    description: 'HTTPS from the VPC',
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    cidrIpv4: VPC_CIDR,
  });
  const ec2Endpoint =
    options.ec2Endpoint === false
      ? undefined
      : new VpcEndpoint(scope, 'ec2-endpoint', {
          vpcId: vpc.id,
          serviceName: `com.amazonaws.${REGION}.ec2`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: [subnet.id],
          securityGroupIds: [endpointSecurityGroup.id],
          policy: renderPolicy(endpointPolicy({ accountId: ACCOUNT_ID })),
          ...options.endpoint,
        });
  return { vpc, defaultSecurityGroup, endpointSecurityGroup, ec2Endpoint };
}

/** Ids of the notebook and API endpoints, as references. */
export const ENDPOINT_IDS = ['${aws_vpc_endpoint.notebook.id}', '${aws_vpc_endpoint.api.id}'];

/** The notebook access policy as NotebookAccess attaches it. */
export function accessPolicy(scope: Construct, id = 'access', notebookScope: NotebookAccessScope = 'notebook'): IamPolicy {
  return new IamPolicy(scope, id, {
    description: 'Open the notebooks only through the endpoints',
    policy: renderPolicy(
      notebookAccessPolicy({
        accountId: ACCOUNT_ID,
        region: REGION,
        notebookNames: ['research'],
        notebookEndpointId: ENDPOINT_IDS[0],
        apiEndpointId: ENDPOINT_IDS[1],
        vpcId: '${aws_vpc.vpc.id}',
        scope: notebookScope,
      }),
    ),
  });
}

/** The organization guard as NotebookGuard creates it. */
export function guardScp(scope: Construct, id = 'scp'): OrganizationsPolicy {
  return new OrganizationsPolicy(scope, id, {
    name: 'notebook-guard',
    type: 'SERVICE_CONTROL_POLICY',
    content: renderPolicy(
      notebookGuardScp({ allowedEndpointIds: ENDPOINT_IDS, breakGlassPrincipalArns: [`arn:aws:iam::${ACCOUNT_ID}:role/BreakGlassAdmin`] }),
    ),
  });
}

/** The Terraform address of a construct's resource, as findings print it. */
export function addressOf(resource: { readonly terraformResourceType: string; readonly friendlyUniqueId: string }): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}
