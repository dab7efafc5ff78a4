import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { notebookGuardScp, renderPolicy } from '@privatelink/policies';
import { Construct } from 'constructs';

export interface NotebookGuardProps {
  readonly name: string;
  /** The endpoints presigned URLs may come through (API and notebook endpoints of every region). */
  readonly allowedEndpointIds: readonly string[];
  readonly breakGlassPrincipalArns: readonly string[];
  /** Account, OU or root the SCP is attached to. */
  readonly targetId: string;
}

/**
 * The organization SCP: no principal of the target mints a notebook URL outside the endpoints or
 * creates an exposed notebook. Created through the stack's provider, which works in the
 * organization's management account.
 */
export class NotebookGuard extends Construct {
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: NotebookGuardProps) {
    super(scope, id);
    this.policy = new OrganizationsPolicy(this, 'scp', {
      name: props.name,
      description: 'SageMaker notebooks only through PrivateLink; no internet, root or non-VPC notebooks',
      type: 'SERVICE_CONTROL_POLICY',
      content: renderPolicy(
        notebookGuardScp({
          allowedEndpointIds: props.allowedEndpointIds,
          breakGlassPrincipalArns: props.breakGlassPrincipalArns,
        }),
      ),
    });
    new OrganizationsPolicyAttachment(this, 'scp-attachment', { policyId: this.policy.id, targetId: props.targetId });
  }
}
