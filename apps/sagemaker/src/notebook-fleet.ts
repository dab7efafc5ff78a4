import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SagemakerNotebookInstance } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance';
import { SagemakerNotebookInstanceLifecycleConfiguration } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance-lifecycle-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { NotebookConfig } from '@privatelink/config';
import type { NetworkHandoff } from '@privatelink/handoff';
import {
  notebookExecutionPolicy,
  notebookExecutionTrustPolicy,
  notebookKeyPolicy,
  logsKeyPolicy,
  NOTEBOOK_LOG_GROUP_NAME,
  notebookSelfStopPolicy,
  renderPolicy,
  type AccountRegion,
} from '@privatelink/policies';
import { Fn } from 'cdktf';
import type { Names } from '@privatelink/stack-kit';
import { Construct } from 'constructs';
import { idleStopScript } from './idle-stop-script';

export interface NotebookFleetProps extends AccountRegion {
  readonly network: NetworkHandoff;
  readonly notebooks: readonly NotebookConfig[];
  /** The target's names: roles, key aliases, security group, lifecycle configurations. */
  readonly names: Names;
  /**
   * S3 location the notebooks may use.
   * @default - no S3 access
   */
  readonly s3DataPrefix?: { readonly bucket: string; readonly prefix: string };
}

/**
 * The notebook instances: in a private subnet, no direct internet, no root, IMDSv2 only, volumes
 * encrypted with their own rotating key, egress only to the endpoints, run by a least-privilege role.
 */
export class NotebookFleet extends Construct {
  readonly key: KmsKey;
  /** Encrypts the notebook log group. */
  readonly logsKey: KmsKey;
  readonly logGroup: CloudwatchLogGroup;
  readonly securityGroup: SecurityGroup;
  readonly executionRole: IamRole;
  readonly instances: SagemakerNotebookInstance[];

  constructor(scope: Construct, id: string, props: NotebookFleetProps) {
    super(scope, id);
    const accountRegion = { accountId: props.accountId, region: props.region };

    this.executionRole = new IamRole(this, 'execution-role', {
      name: props.names.notebookExecutionRole(),
      description: 'Runs the SageMaker notebooks: own logs, own key, optional S3 prefix',
      assumeRolePolicy: renderPolicy(notebookExecutionTrustPolicy(accountRegion)),
    });
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the notebook volumes of ${props.names.label()}`,
      enableKeyRotation: true,
      isEnabled: true,
      deletionWindowInDays: 30,
      policy: renderPolicy(notebookKeyPolicy({ ...accountRegion, executionRoleArn: this.executionRole.arn })),
    });
    new KmsAlias(this, 'key-alias', { name: props.names.notebookKeyAlias(), targetKeyId: this.key.keyId });
    new IamRolePolicy(this, 'execution-policy', {
      name: 'notebook-execution',
      role: this.executionRole.id,
      policy: renderPolicy(
        notebookExecutionPolicy({
          ...accountRegion,
          notebookNames: props.notebooks.map((notebook) => notebook.name),
          kmsKeyArn: this.key.arn,
          ...(props.s3DataPrefix ? { s3BucketName: props.s3DataPrefix.bucket, s3Prefix: props.s3DataPrefix.prefix } : {}),
        }),
      ),
    });
    // SageMaker writes notebook logs to this fixed group; owning it gives it a key and a retention
    // (the execution role cannot create groups).
    this.logsKey = new KmsKey(this, 'logs-key', {
      description: `Encrypts the notebook logs of ${props.names.label()}`,
      enableKeyRotation: true,
      isEnabled: true,
      deletionWindowInDays: 30,
      policy: renderPolicy(logsKeyPolicy({ ...accountRegion, logGroupNames: [NOTEBOOK_LOG_GROUP_NAME] })),
    });
    new KmsAlias(this, 'logs-key-alias', { name: props.names.notebookLogsKeyAlias(), targetKeyId: this.logsKey.keyId });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: NOTEBOOK_LOG_GROUP_NAME,
      retentionInDays: 365,
      kmsKeyId: this.logsKey.arn,
    });

    const stoppable = props.notebooks.filter((notebook) => notebook.idleStopMinutes !== undefined);
    if (stoppable.length > 0) {
      new IamRolePolicy(this, 'idle-stop-policy', {
        name: 'stop-idle-notebooks',
        role: this.executionRole.id,
        policy: renderPolicy(notebookSelfStopPolicy({ ...accountRegion, notebookNames: stoppable.map((n) => n.name) })),
      });
    }

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: props.names.notebookSecurityGroup(),
      description: 'SageMaker notebooks: no ingress; HTTPS egress to the VPC endpoints and S3 only',
      vpcId: props.network.vpcId,
      tags: { Name: props.names.notebookSecurityGroup() },
    });
    new VpcSecurityGroupEgressRule(this, 'https-to-endpoints', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS to the interface endpoints',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: props.network.endpointSecurityGroupId,
    });
    new VpcSecurityGroupEgressRule(this, 'https-to-s3', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS to S3 through the gateway endpoint',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      prefixListId: props.network.s3PrefixListId,
    });

    const subnetId = Fn.element(props.network.privateSubnetIds, 0);
    this.instances = props.notebooks.map((notebook) => {
      const lifecycle =
        notebook.idleStopMinutes === undefined
          ? undefined
          : new SagemakerNotebookInstanceLifecycleConfiguration(this, `${notebook.name}-idle-stop`, {
              name: props.names.idleStopLifecycleConfig(notebook.name),
              onStart: Buffer.from(idleStopScript(notebook.idleStopMinutes, props.region)).toString('base64'),
            });
      return new SagemakerNotebookInstance(this, notebook.name, {
        name: notebook.name,
        instanceType: notebook.instanceType,
        platformIdentifier: notebook.platformIdentifier,
        volumeSize: notebook.volumeSizeGb,
        roleArn: this.executionRole.arn,
        subnetId,
        securityGroups: [this.securityGroup.id],
        kmsKeyId: this.key.keyId,
        directInternetAccess: 'Disabled',
        rootAccess: 'Disabled',
        instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
        ...(lifecycle ? { lifecycleConfigName: lifecycle.name } : {}),
        dependsOn: [this.logGroup],
        tags: { Name: notebook.name },
      });
    });
  }
}
