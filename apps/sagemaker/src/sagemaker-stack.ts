import { readNetworkHandoff, type NetworkHandoff } from '@privatelink/handoff';
import { notebookInstanceArn } from '@privatelink/policies';
import { PrivatelinkStack, protectFromDestroy, stackId, type PrivatelinkStackProps } from '@privatelink/stack-kit';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { NotebookAccess } from './notebook-access';
import { NotebookFleet } from './notebook-fleet';

/**
 * The SageMaker half of one environment in one region (`sagemaker-<env>-<region>`): notebooks in
 * the private subnets, and the IAM that opens them only through the network stack's endpoints. The
 * organization SCP has a stack of its own per environment (OrganizationStack).
 */
export class SagemakerStack extends PrivatelinkStack {
  readonly network: NetworkHandoff;
  readonly fleet?: NotebookFleet;
  readonly access?: NotebookAccess;

  constructor(scope: Construct, props: PrivatelinkStackProps) {
    const { environment, region } = props.target;
    super(scope, stackId('sagemaker', environment.name, region.region), props);
    const settings = environment.sagemaker;
    const accountRegion = { accountId: environment.accountId, region: region.region };
    this.network = readNetworkHandoff(this, props.target);

    const notebookNames = settings.notebooks.map((notebook) => notebook.name);
    if (notebookNames.length > 0) {
      this.fleet = new NotebookFleet(this, 'notebooks', {
        ...accountRegion,
        network: this.network,
        notebooks: settings.notebooks,
        names: this.names,
        s3DataPrefix: settings.access.s3DataPrefix,
      });
      protectFromDestroy(props.target, this.fleet.key, this.fleet.logsKey);
      this.access = new NotebookAccess(this, 'access', {
        ...accountRegion,
        network: this.network,
        notebookNames,
        names: this.names,
        mode: settings.access.mode,
        scope: settings.access.scope,
        assumeRoleArns: settings.access.assumeRoleArns,
        identityCenterPermissionSets: settings.access.identityCenterPermissionSets,
        samlProviderArns: settings.access.samlProviderArns,
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
