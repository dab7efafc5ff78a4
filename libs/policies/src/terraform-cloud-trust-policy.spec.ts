import { terraformCloudSubject, terraformCloudTrustPolicy, type TerraformCloudTrustPolicyProps } from './terraform-cloud-trust-policy';

const props: TerraformCloudTrustPolicyProps = {
  accountId: '111122223333',
  organization: 'acme-ml',
  project: 'sagemaker-privatelink',
  workspace: 'smpl-network-prod-us-west-2',
  runPhase: 'apply',
};

describe('terraformCloudTrustPolicy', () => {
  it('trusts exactly one organization, project, workspace and run phase, with the AWS audience', () => {
    expect(terraformCloudTrustPolicy(props)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TerraformCloudApplyOfOneWorkspace',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/app.terraform.io' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'app.terraform.io:aud': 'aws.workload.identity',
              'app.terraform.io:sub':
                'organization:acme-ml:project:sagemaker-privatelink:workspace:smpl-network-prod-us-west-2:run_phase:apply',
            },
          },
        },
      ],
    });
  });

  it('names the plan phase in the subject and the Sid of a plan role', () => {
    const plan = terraformCloudTrustPolicy({ ...props, runPhase: 'plan' }).Statement[0];
    expect(plan.Sid).toBe('TerraformCloudPlanOfOneWorkspace');
    expect(plan.Condition?.['StringEquals']?.['app.terraform.io:sub']).toMatch(/:run_phase:plan$/);
  });

  it('keys the conditions and the provider on a Terraform Enterprise host', () => {
    const statement = terraformCloudTrustPolicy({ ...props, hostname: 'tfe.example.com', project: 'Default Project' }).Statement[0];
    expect(statement.Principal).toEqual({ Federated: 'arn:aws:iam::111122223333:oidc-provider/tfe.example.com' });
    expect(statement.Condition).toEqual({
      StringEquals: {
        'tfe.example.com:aud': 'aws.workload.identity',
        'tfe.example.com:sub':
          'organization:acme-ml:project:Default Project:workspace:smpl-network-prod-us-west-2:run_phase:apply',
      },
    });
  });

  it('builds the subject HCP Terraform documents', () => {
    expect(terraformCloudSubject(props)).toBe(
      'organization:acme-ml:project:sagemaker-privatelink:workspace:smpl-network-prod-us-west-2:run_phase:apply',
    );
  });
});

describe('terraformCloudTrustPolicy refuses what would widen or break the subject', () => {
  it.each<[Partial<TerraformCloudTrustPolicyProps>, string]>([
    [{ accountId: '1111' }, 'accountId must be a 12-digit AWS account id; got "1111"'],
    [
      { organization: '*' },
      'organization must be an HCP Terraform organization name (3-40 letters, digits, - or _); got "*"',
    ],
    [
      { organization: 'acme:project:other' },
      'organization must be an HCP Terraform organization name (3-40 letters, digits, - or _); got "acme:project:other"',
    ],
    [
      { project: 'sagemaker-*' },
      'project must be an HCP Terraform project name (3-40 letters, digits, spaces, - or _); got "sagemaker-*"',
    ],
    [{ workspace: '' }, 'workspace must be an HCP Terraform workspace name (1-90 letters, digits, - or _); got ""'],
    [
      { workspace: 'smpl-?' },
      'workspace must be an HCP Terraform workspace name (1-90 letters, digits, - or _); got "smpl-?"',
    ],
    [
      { workspace: 'ws:run_phase:apply' },
      'workspace must be an HCP Terraform workspace name (1-90 letters, digits, - or _); got "ws:run_phase:apply"',
    ],
    [{ hostname: 'https://app.terraform.io' }, 'hostname must be a host name such as app.terraform.io; got "https://app.terraform.io"'],
    [{ runPhase: '*' as never }, 'runPhase must be one of plan, apply; got "*"'],
  ])('%j', (override, message) => {
    expect(() => terraformCloudTrustPolicy({ ...props, ...override })).toThrow(`terraformCloudTrustPolicy: ${message}`);
  });
});
