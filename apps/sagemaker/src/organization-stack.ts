import { ORGANIZATION_OUTPUTS, readNetworkHandoff } from '@privatelink/handoff';
import { notebookLifecycleConfigArn } from '@privatelink/policies';
import { names, PrivatelinkStack } from '@privatelink/stack-kit';
import type { DeploymentTarget } from '@privatelink/config';
import type { Construct } from 'constructs';
import { NotebookGuard } from './notebook-guard';

export interface OrganizationStackProps {
  /** Every region of one environment, in config order; the first names the provider's region. */
  readonly targets: readonly DeploymentTarget[];
}

/**
 * The organization-level half of one environment (`sagemaker-<env>-organization`): the SCP that
 * closes what an IAM policy alone leaves open. It needs the endpoints of every region, so it reads
 * every network stack of the environment (and deploys after all of them), and it works in the
 * organization's management account through the configured role.
 */
export class OrganizationStack extends PrivatelinkStack {
  readonly guard: NotebookGuard;

  constructor(scope: Construct, props: OrganizationStackProps) {
    const [first] = props.targets;
    const scp = first?.environment.sagemaker.scp;
    if (!first || !scp?.enabled) throw new Error('OrganizationStack: needs the targets of an environment whose sagemaker.scp is enabled');
    const { environment } = first;
    super(scope, { app: 'sagemaker', environment: environment.name }, { target: first }, {
      allowedAccountIds: [scp.managementAccountId],
      assumeRole: [{ roleArn: scp.managementRoleArn, sessionName: 'sagemaker-privatelink-scp' }],
    });
    const networks = props.targets.map((target) => readNetworkHandoff(this, target, `network-${target.region.region}`));
    this.guard = new NotebookGuard(this, 'organization-guard', {
      name: this.names.notebookGuardScp(),
      allowedEndpointIds: networks.flatMap((network) => [network.apiEndpointId, network.notebookEndpointId]),
      breakGlassPrincipalArns: scp.breakGlassPrincipalArns,
      // The idle-stop configurations NotebookFleet creates, in every region of the environment.
      allowedLifecycleConfigArns: props.targets.flatMap((target) =>
        environment.sagemaker.notebooks
          .filter((notebook) => notebook.idleStopMinutes !== undefined)
          .map((notebook) =>
            notebookLifecycleConfigArn(
              { accountId: environment.accountId, region: target.region.region },
              names(target).idleStopLifecycleConfig(notebook.name),
            ),
          ),
      ),
      enableVpcEgressGuard: scp.enableVpcEgressGuard,
      targetId: scp.targetId ?? environment.accountId,
    });
    this.output(ORGANIZATION_OUTPUTS.scpId, this.guard.policy.id);
  }
}
