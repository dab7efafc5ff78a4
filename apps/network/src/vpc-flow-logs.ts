import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  flowLogsDeliveryPolicy,
  flowLogsTrustPolicy,
  logsKeyPolicy,
  renderPolicy,
  type AccountRegion,
} from '@privatelink/policies';
import type { Names } from '@privatelink/stack-kit';
import { Construct } from 'constructs';

export interface VpcFlowLogsProps extends AccountRegion {
  readonly vpc: Vpc;
  /** The target's names: key alias, log group, role, Name tag. */
  readonly names: Names;
  /**
   * Days CloudWatch keeps the logs.
   * @default 365 - the minimum the security rules accept
   */
  readonly retentionInDays?: number;
}

/** Flow logs of every packet decision in the VPC, to a log group encrypted with a rotating key. */
export class VpcFlowLogs extends Construct {
  readonly key: KmsKey;
  readonly logGroup: CloudwatchLogGroup;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const logGroupName = props.names.flowLogsLogGroup();
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the VPC flow logs of ${props.names.vpcTag()}`,
      enableKeyRotation: true,
      isEnabled: true,
      deletionWindowInDays: 30,
      policy: renderPolicy(logsKeyPolicy({ ...props, logGroupNames: [logGroupName] })),
    });
    new KmsAlias(this, 'key-alias', { name: props.names.flowLogsKeyAlias(), targetKeyId: this.key.keyId });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.retentionInDays ?? 365,
      kmsKeyId: this.key.arn,
    });
    const role = new IamRole(this, 'role', {
      name: props.names.flowLogsRole(),
      description: 'Lets VPC Flow Logs deliver to its own log group',
      assumeRolePolicy: renderPolicy(flowLogsTrustPolicy(props)),
    });
    new IamRolePolicy(this, 'role-policy', {
      name: 'deliver-flow-logs',
      role: role.id,
      policy: renderPolicy(flowLogsDeliveryPolicy({ ...props, logGroupName })),
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: { Name: props.names.flowLogTag() },
    });
  }
}
