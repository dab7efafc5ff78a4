import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { NetworkHandoff } from '@privatelink/handoff';
import {
  notebookAccessPolicy,
  notebookUserTrustPolicy,
  renderPolicy,
  type AccountRegion,
  type NotebookAccessMode,
  type NotebookAccessScope,
} from '@privatelink/policies';
import { suppressRule } from '@privatelink/guardrails';
import type { Names } from '@privatelink/stack-kit';
import { Construct } from 'constructs';

export interface NotebookAccessProps extends AccountRegion {
  readonly network: NetworkHandoff;
  readonly notebookNames: readonly string[];
  /** The target's names: policy, group, role. */
  readonly names: Names;
  /**
   * How a call proves it came through PrivateLink.
   * @default 'sourceVpce' - only the notebook and API endpoints
   */
  readonly mode?: NotebookAccessMode;
  /**
   * What users may do on that path.
   * @default 'notebook' - open, describe and list the notebooks
   */
  readonly scope?: NotebookAccessScope;
  /** Roles that may assume the notebook-user role. */
  readonly assumeRoleArns: readonly string[];
  /**
   * IAM Identity Center permission sets whose roles in this account may assume the notebook-user role.
   * @default - none
   */
  readonly identityCenterPermissionSets?: readonly string[];
  /** SAML providers whose users may assume the notebook-user role. */
  readonly samlProviderArns: readonly string[];
}

/**
 * Who may open the notebooks: one managed policy (Allow through the endpoints, Deny from anywhere
 * else), carried by an IAM group and by a role assumable only by the configured principals.
 */
export class NotebookAccess extends Construct {
  readonly policy: IamPolicy;
  readonly group: IamGroup;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: NotebookAccessProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, 'policy', {
      name: props.names.notebookAccessPolicy(),
      description: 'Open the SageMaker notebooks only through the VPC endpoints; deny every other path',
      policy: renderPolicy(
        notebookAccessPolicy({
          accountId: props.accountId,
          region: props.region,
          notebookNames: props.notebookNames,
          notebookEndpointId: props.network.notebookEndpointId,
          apiEndpointId: props.network.apiEndpointId,
          vpcId: props.network.vpcId,
          mode: props.mode,
          scope: props.scope,
        }),
      ),
    });
    if (props.scope === 'all') {
      suppressRule(
        this.policy,
        'iam-no-service-wildcard',
        "access.scope 'all' asks for sagemaker:* by name; it stays limited to this environment's resources and to the endpoints by the Allow condition and the Deny guard",
      );
    }
    const permissionSets = props.identityCenterPermissionSets ?? [];
    this.group = new IamGroup(this, 'group', { name: props.names.notebookUsersGroup() });
    new IamGroupPolicyAttachment(this, 'group-policy', { group: this.group.name, policyArn: this.policy.arn });
    this.role = new IamRole(this, 'role', {
      name: props.names.notebookUserRole(),
      description: 'Assumed by the configured principals to open the notebooks through PrivateLink',
      assumeRolePolicy: renderPolicy(
        notebookUserTrustPolicy({
          roleArns: props.assumeRoleArns,
          samlProviderArns: props.samlProviderArns,
          identityCenterPermissionSets: permissionSets,
          accountId: props.accountId,
        }),
      ),
      maxSessionDuration: 3600,
    });
    new IamRolePolicyAttachment(this, 'role-policy', { role: this.role.name, policyArn: this.policy.arn });
  }
}
