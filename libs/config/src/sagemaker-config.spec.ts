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
      access: { mode: 'sourceVpce', scope: 'notebook', assumeRoleArns: [], samlProviderArns: [] },
    });
    expect(config.environments[0].protected).toBe(false);
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
      'envs.yaml:10:5 environments.dev.sagemaker.access: names nobody who may open the notebooks; list assumeRoleArns or samlProviderArns',
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
      'envs.yaml:11:148 environments.dev.sagemaker.scp.breakGlassPrincipalArns: must name at least one break-glass role pattern (got [])',
    ],
  ])('refuses %s', (_case, sagemaker, expected) => {
    expect(problems(ENV(sagemaker))).toEqual([expected]);
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
