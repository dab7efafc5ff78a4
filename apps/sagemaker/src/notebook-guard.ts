import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { notebookGuardScp, renderPolicy } from '@privatelink/policies';
import { Construct } from 'constructs';

export interface NotebookGuardProps {
  readonly name: string;
  /** The endpoints presigned URLs may come through (API and notebook endpoints of every region). */
  readonly allowedEndpointIds: readonly string[];
  /** Exact ARNs of the break-glass roles, exempt from the SCP and the only ones that may change them. */
  readonly breakGlassPrincipalArns: readonly string[];
  /**
   * The environment's notebook lifecycle configurations: a notebook with any other is refused.
   * @default - none: a notebook with any lifecycle configuration is refused
   */
  readonly allowedLifecycleConfigArns?: readonly string[];
  /**
   * Also deny internet gateways, egress-only internet gateways and VPC peering in the target.
   * @default true
   */
  readonly enableVpcEgressGuard?: boolean;
  /** Account, OU or root the SCP is attached to. */
  readonly targetId: string;
}

/**
 * The organization SCP: no principal of the target mints a notebook URL outside the endpoints,
 * creates an exposed notebook, opens a way out of the VPC or changes the break-glass roles. Created
 * through the stack's provider, which works in the organization's management account.
 */
export class NotebookGuard extends Construct {
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: NotebookGuardProps) {
    super(scope, id);
    this.policy = new OrganizationsPolicy(this, 'scp', {
      name: props.name,
      description: 'SageMaker notebooks only through PrivateLink; no internet, root, IMDSv1 or non-VPC notebooks; break-glass roles protected',
      type: 'SERVICE_CONTROL_POLICY',
      content: renderPolicy(
        notebookGuardScp({
          allowedEndpointIds: props.allowedEndpointIds,
          breakGlassPrincipalArns: props.breakGlassPrincipalArns,
          allowedLifecycleConfigArns: props.allowedLifecycleConfigArns,
          enableVpcEgressGuard: props.enableVpcEgressGuard,
        }),
      ),
    });
    new OrganizationsPolicyAttachment(this, 'scp-attachment', { policyId: this.policy.id, targetId: props.targetId });
  }
}
