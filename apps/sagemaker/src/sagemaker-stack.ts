import { readNetworkHandoff, SAGEMAKER_OUTPUTS, type NetworkHandoff } from '@privatelink/handoff';
import { notebookInstanceArn } from '@privatelink/policies';
import { PrivatelinkStack, protectFromDestroy, type PrivatelinkStackProps } from '@privatelink/stack-kit';
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
    super(scope, { app: 'sagemaker', environment: environment.name, region: region.region }, props);
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

    this.output(SAGEMAKER_OUTPUTS.notebookNames, notebookNames);
    this.output(
      SAGEMAKER_OUTPUTS.notebookArns,
      notebookNames.map((name) => notebookInstanceArn(accountRegion, name)),
    );
    this.output(
      SAGEMAKER_OUTPUTS.presignedUrlCommands,
      Object.fromEntries(
        notebookNames.map((name) => [
          name,
          Fn.join('', [
            `aws sagemaker create-presigned-notebook-instance-url --notebook-instance-name ${name} --region ${region.region} --endpoint-url https://`,
            this.network.apiEndpointDnsName,
          ]),
        ]),
      ),
    );
    if (this.access) {
      this.output(SAGEMAKER_OUTPUTS.notebookUserRoleArn, this.access.role.arn);
      this.output(SAGEMAKER_OUTPUTS.notebookUsersGroupName, this.access.group.name);
      this.output(SAGEMAKER_OUTPUTS.notebookAccessPolicyArn, this.access.policy.arn);
    }
  }
}
