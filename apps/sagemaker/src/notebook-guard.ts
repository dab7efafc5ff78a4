import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { notebookGuardScp, renderPolicy } from '@privatelink/policies';
import { Construct } from 'constructs';

export interface NotebookGuardProps {
  readonly name: string;
  /** The endpoints presigned URLs may come through (API and notebook endpoints of every region). */
  readonly allowedEndpointIds: readonly string[];
  readonly breakGlassPrincipalArns: readonly string[];
  readonly managementAccountId: string;
  readonly managementRoleArn: string;
  /** Account, OU or root the SCP is attached to. */
  readonly targetId: string;
  readonly region: string;
  readonly defaultTags: Record<string, string>;
}

/**
 * The organization SCP, managed through a provider aliased to the management account: no
 * principal of the target mints a notebook URL outside the endpoints or creates an exposed notebook.
 */
export class NotebookGuard extends Construct {
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: NotebookGuardProps) {
    super(scope, id);
    const provider = new AwsProvider(this, 'organization', {
      alias: 'organization',
      region: props.region,
      allowedAccountIds: [props.managementAccountId],
      assumeRole: [{ roleArn: props.managementRoleArn, sessionName: 'sagemaker-privatelink-scp' }],
      defaultTags: [{ tags: props.defaultTags }],
    });
    this.policy = new OrganizationsPolicy(this, 'scp', {
      provider,
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
    new OrganizationsPolicyAttachment(this, 'scp-attachment', {
      provider,
      policyId: this.policy.id,
      targetId: props.targetId,
    });
  }
}
