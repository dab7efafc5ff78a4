import { readNetworkHandoff, type NetworkHandoff } from '@privatelink/handoff';
import { IDLE_STOP_SUFFIX } from '@privatelink/config';
import { notebookInstanceArn, notebookLifecycleConfigArn } from '@privatelink/policies';
import { defaultTags, PrivatelinkStack, protectFromDestroy, type PrivatelinkStackProps } from '@privatelink/stack-kit';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { NotebookAccess } from './notebook-access';
import { NotebookFleet } from './notebook-fleet';
import { NotebookGuard } from './notebook-guard';

/**
 * The SageMaker half of one environment in one region (`sagemaker-<env>-<region>`): notebooks in
 * the private subnets, and the IAM that opens them only through the network stack's endpoints. The
 * environment's first region also carries the organization SCP when it is enabled.
 */
export class SagemakerStack extends PrivatelinkStack {
  readonly network: NetworkHandoff;
  readonly fleet?: NotebookFleet;
  readonly access?: NotebookAccess;
  readonly guard?: NotebookGuard;

  constructor(scope: Construct, props: PrivatelinkStackProps) {
    super(scope, 'sagemaker', props);
    const { project, environment, region } = props.target;
    const settings = environment.sagemaker;
    const namePrefix = `${project}-${environment.name}-${region.region}`;
    const accountRegion = { accountId: environment.accountId, region: region.region };
    this.network = readNetworkHandoff(this, props.target);

    const notebookNames = settings.notebooks.map((notebook) => notebook.name);
    if (notebookNames.length > 0) {
      this.fleet = new NotebookFleet(this, 'notebooks', {
        ...accountRegion,
        network: this.network,
        notebooks: settings.notebooks,
        namePrefix,
        s3DataPrefix: settings.access.s3DataPrefix,
      });
      protectFromDestroy(props.target, this.fleet.key, this.fleet.logsKey);
      this.access = new NotebookAccess(this, 'access', {
        ...accountRegion,
        network: this.network,
        notebookNames,
        namePrefix,
        mode: settings.access.mode,
        scope: settings.access.scope,
        assumeRoleArns: settings.access.assumeRoleArns,
        identityCenterPermissionSets: settings.access.identityCenterPermissionSets,
        samlProviderArns: settings.access.samlProviderArns,
      });
    }

    const scp = settings.scp;
    if (scp?.enabled && environment.regions[0].region === region.region) {
      const networks = environment.regions.map((other, i) =>
        i === 0 ? this.network : readNetworkHandoff(this, { ...props.target, region: other }, `network-${other.region}`),
      );
      this.guard = new NotebookGuard(this, 'organization-guard', {
        name: `${project}-${environment.name}-notebook-guard`,
        allowedEndpointIds: networks.flatMap((network) => [network.apiEndpointId, network.notebookEndpointId]),
        breakGlassPrincipalArns: scp.breakGlassPrincipalArns,
        // The idle-stop configurations NotebookFleet creates, in every region of the environment.
        allowedLifecycleConfigArns: environment.regions.flatMap((other) =>
          settings.notebooks
            .filter((notebook) => notebook.idleStopMinutes !== undefined)
            .map((notebook) =>
              notebookLifecycleConfigArn({ accountId: environment.accountId, region: other.region }, `${notebook.name}${IDLE_STOP_SUFFIX}`),
            ),
        ),
        enableVpcEgressGuard: scp.enableVpcEgressGuard,
        managementAccountId: scp.managementAccountId,
        managementRoleArn: scp.managementRoleArn,
        targetId: scp.targetId ?? environment.accountId,
        region: region.region,
        defaultTags: defaultTags(props.target),
      });
    }

    this.output('notebook_names', notebookNames, 'Names of the notebook instances in this region.');
    this.output(
      'notebook_arns',
      notebookNames.map((name) => notebookInstanceArn(accountRegion, name)),
      'ARNs of the notebook instances in this region.',
    );
    this.output(
      'presigned_url_commands',
      Object.fromEntries(
        notebookNames.map((name) => [
          name,
          Fn.join('', [
            `aws sagemaker create-presigned-notebook-instance-url --notebook-instance-name ${name} --region ${region.region} --endpoint-url https://`,
            this.network.apiEndpointDnsName,
          ]),
        ]),
      ),
      'Per notebook, the AWS CLI command that gets a presigned URL through the SageMaker API endpoint.',
    );
    if (this.access) {
      this.output('notebook_user_role_arn', this.access.role.arn, 'Role the configured principals assume to open the notebooks.');
      this.output('notebook_users_group_name', this.access.group.name, 'IAM group whose members may open the notebooks.');
      this.output('notebook_access_policy_arn', this.access.policy.arn, 'Managed policy that opens the notebooks only through the endpoints.');
    }
  }
}
