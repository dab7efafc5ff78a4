import { ConfigError } from './config-error';
import { parseConfig } from './load-config';

const ENV = (sagemaker: string, extra = '') => `
project: sagemaker-privatelink
${extra}
environments:
  dev:
    accountId: "111111111111"
    onPremCidrs: [192.168.0.0/16]
    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f
    dns: { privateZone: ml.dev.example.internal }
    sagemaker:
${sagemaker}
    regions:
      us-west-2: { vpcCidr: 10.10.0.0/16, availabilityZones: [us-west-2a, us-west-2b] }
`;

const ROLE = 'arn:aws:iam::111111111111:role/MLEngineer';

function problems(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig('envs.yaml', text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => ConfigError.describe('envs.yaml', issue));
    throw error;
  }
  return [];
}

describe('sagemaker section', () => {
  it('defaults: no notebooks, sourceVpce, notebook scope, no SCP', () => {
    const config = parseConfig('envs.yaml', ENV('      notebooks: []'));
    expect(config.environments[0].sagemaker).toEqual({
      notebooks: [],
      access: { mode: 'sourceVpce', scope: 'notebook', assumeRoleArns: [], identityCenterPermissionSets: [], samlProviderArns: [] },
    });
    expect(config.environments[0].protected).toBe(false);
    expect(config.environments[0].organizationId).toBeUndefined();
  });

  it('fills notebook defaults', () => {
    const config = parseConfig(
      'envs.yaml',
      ENV(`      notebooks: [{ name: research }]\n      access: { assumeRoleArns: [${ROLE}] }`),
    );
    expect(config.environments[0].sagemaker.notebooks).toEqual([
      { name: 'research', instanceType: 'ml.t3.medium', volumeSizeGb: 20, platformIdentifier: 'notebook-al2-v3' },
    ]);
  });

  it.each([
    [
      'a notebook name repeated, case-insensitively',
      `      notebooks: [{ name: research }, { name: Research }]\n      access: { assumeRoleArns: [${ROLE}] }`,
      'envs.yaml:11:47 environments.dev.sagemaker.notebooks[1].name: repeats notebooks[0] (names are case-insensitive in ARNs); use a unique name (got "Research")',
    ],
    [
      'notebooks nobody may open',
      '      notebooks: [{ name: research }]',
      'envs.yaml:10:5 environments.dev.sagemaker.access: names nobody who may open the notebooks; list assumeRoleArns, identityCenterPermissionSets or samlProviderArns',
    ],
    [
      'an S3 data prefix with a wildcard',
      `      notebooks: [{ name: research }]\n      access: { assumeRoleArns: [${ROLE}], s3DataPrefix: { bucket: example-data, prefix: "data/*" } }`,
      'envs.yaml:12:124 environments.dev.sagemaker.access.s3DataPrefix.prefix: must be a key prefix such as notebooks/dev: no wildcards, no leading or trailing / (got "data/*")',
    ],
    [
      'an unknown access mode',
      `      notebooks: [{ name: research }]\n      access: { mode: anywhere, assumeRoleArns: [${ROLE}] }`,
      'envs.yaml:12:23 environments.dev.sagemaker.access.mode: must be one of: sourceVpce, sourceVpc (got "anywhere")',
    ],
    [
      'an SCP without break-glass roles',
      '      scp: { enabled: true, managementAccountId: "999999999999", managementRoleArn: "arn:aws:iam::999999999999:role/Org", breakGlassPrincipalArns: [] }',
      'envs.yaml:11:148 environments.dev.sagemaker.scp.breakGlassPrincipalArns: must name at least one break-glass role (got [])',
    ],
    [
      'a break-glass role pattern',
      '      scp: { enabled: true, managementAccountId: "999999999999", managementRoleArn: "arn:aws:iam::999999999999:role/Org", breakGlassPrincipalArns: ["arn:aws:iam::111111111111:role/BreakGlass*"] }',
      'envs.yaml:11:149 environments.dev.sagemaker.scp.breakGlassPrincipalArns[0]: must be the exact ARN of an IAM role (arn:aws:iam::<12-digit account>:role/<name>), without wildcards (got "arn:aws:iam::111111111111:role/BreakGlass*")',
    ],
    [
      'a break-glass role in any account',
      '      scp: { enabled: true, managementAccountId: "999999999999", managementRoleArn: "arn:aws:iam::999999999999:role/Org", breakGlassPrincipalArns: ["arn:aws:iam::*:role/BreakGlassAdmin"] }',
      'envs.yaml:11:149 environments.dev.sagemaker.scp.breakGlassPrincipalArns[0]: must be the exact ARN of an IAM role (arn:aws:iam::<12-digit account>:role/<name>), without wildcards (got "arn:aws:iam::*:role/BreakGlassAdmin")',
    ],
    [
      'a permission set name with a wildcard',
      '      notebooks: [{ name: research }]\n      access: { identityCenterPermissionSets: [MLEngineer, "ML*"] }',
      'envs.yaml:12:60 environments.dev.sagemaker.access.identityCenterPermissionSets[1]: must be an IAM Identity Center permission set name: 1-32 letters, digits or + = , . @ _ - (got "ML*")',
    ],
  ])('refuses %s', (_case, sagemaker, expected) => {
    expect(problems(ENV(sagemaker))).toEqual([expected]);
  });
});

describe('Identity Center permission sets, the organization and the SCP switches', () => {
  it('opens the notebooks to permission sets named alone', () => {
    const config = parseConfig('envs.yaml', ENV('      notebooks: [{ name: research }]\n      access: { identityCenterPermissionSets: [MLEngineer] }'));
    expect(config.environments[0].sagemaker.access.identityCenterPermissionSets).toEqual(['MLEngineer']);
  });

  it('reads an organization id, and refuses a malformed one', () => {
    const withOrg = (id: string) =>
      ENV('      notebooks: []').replace('    accountId: "111111111111"\n', `    accountId: "111111111111"\n    organizationId: ${id}\n`);
    expect(parseConfig('envs.yaml', withOrg('o-a1b2c3d4e5')).environments[0].organizationId).toBe('o-a1b2c3d4e5');
    expect(problems(withOrg('r-a1b2'))).toEqual([
      'envs.yaml:7:21 environments.dev.organizationId: must be an AWS Organizations organization id: o- and 10-32 lower-case letters or digits (got "r-a1b2")',
    ]);
  });

  it('turns the VPC egress guard of the SCP on unless switched off', () => {
    const scp = (extra: string) =>
      parseConfig(
        'envs.yaml',
        ENV(`      scp: { enabled: true, managementAccountId: "999999999999", managementRoleArn: "arn:aws:iam::999999999999:role/Org", breakGlassPrincipalArns: ["arn:aws:iam::111111111111:role/BreakGlassAdmin"]${extra} }`),
      ).environments[0].sagemaker.scp;
    expect(scp('')?.enableVpcEgressGuard).toBe(true);
    expect(scp(', enableVpcEgressGuard: false')?.enableVpcEgressGuard).toBe(false);
  });
});

describe('terraformCloud and protected', () => {
  it('turns on Terraform Cloud from TFC_ORGANIZATION with the defaults', () => {
    const config = parseConfig('envs.yaml', ENV('      notebooks: []'), { TFC_ORGANIZATION: 'acme-ml' });
    expect(config.terraformCloud).toEqual({
      organization: 'acme-ml',
      project: 'sagemaker-privatelink',
      workspacePrefix: 'smpl',
      hostname: 'app.terraform.io',
    });
    expect(parseConfig('envs.yaml', ENV('      notebooks: []')).terraformCloud).toBeUndefined();
  });

  it('lets TFC_ORGANIZATION override the file, and refuses an invalid one', () => {
    const text = ENV('      notebooks: []', 'terraformCloud: { organization: from-file, workspacePrefix: pl }');
    expect(parseConfig('envs.yaml', text).terraformCloud?.organization).toBe('from-file');
    expect(parseConfig('envs.yaml', text, { TFC_ORGANIZATION: 'from-env' }).terraformCloud).toMatchObject({
      organization: 'from-env',
      workspacePrefix: 'pl',
    });
    expect(problems(text, { TFC_ORGANIZATION: 'no spaces allowed' })).toEqual([
      'envs.yaml:3:33 terraformCloud.organization: from TFC_ORGANIZATION must be a Terraform Cloud organization name (3-40 letters, digits, - or _) (got "no spaces allowed")',
    ]);
  });
});
