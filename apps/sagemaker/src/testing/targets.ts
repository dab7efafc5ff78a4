import { deploymentTargets, parseConfig, type ConfigInput, type DeploymentTarget } from '@privatelink/config';
import { STACK_CONFIG_CHECKS } from '@privatelink/stack-kit';
import { stringify } from 'yaml';

type EnvironmentInput = ConfigInput['environments'][string];
type RegionInput = EnvironmentInput['regions'][string];
/** The `sagemaker` section of an environment, as written in the file (defaults not applied). */
export type SagemakerInput = NonNullable<EnvironmentInput['sagemaker']>;

export const DEV_ACCOUNT_ID = '111111111111';
export const DEV_ROLE_ARN =
  'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_MLEngineer_0a1b2c3d4e5f6a7b';

/** The dev environment of config/environments.yaml, without its `sagemaker` section. */
export const DEV_ENVIRONMENT: Readonly<Omit<EnvironmentInput, 'regions' | 'sagemaker'>> = {
  accountId: DEV_ACCOUNT_ID,
  onPremCidrs: ['192.168.0.0/16'],
  vpn: { customerGatewayIp: '198.51.100.10', bgpAsn: 65010 },
  dns: { privateZone: 'ml.dev.example.internal' },
  tags: { 'cost-center': 'ml-platform' },
};

/** The dev `sagemaker` section of config/environments.yaml: one notebook that stops when idle. */
export const DEV_SAGEMAKER: Readonly<SagemakerInput> = {
  notebooks: [{ name: 'research-dev', instanceType: 'ml.t3.medium', idleStopMinutes: 60 }],
  access: { assumeRoleArns: [DEV_ROLE_ARN] },
};

export const DEV_REGIONS: Readonly<Record<string, RegionInput>> = {
  'us-west-2': { vpcCidr: '10.10.0.0/16', availabilityZones: ['us-west-2a', 'us-west-2b'] },
};

/** A second region for multi-region environments (its VPC stays apart from the first). */
export const EU_REGION: Readonly<RegionInput> = {
  vpcCidr: '10.11.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
};

export interface TestEnvironmentOptions {
  /** @default 'dev' */
  readonly environmentName?: string;
  /** Merged over {@link DEV_ENVIRONMENT}; a field set to `undefined` is left out of the config. */
  readonly environment?: Partial<Omit<EnvironmentInput, 'regions' | 'sagemaker'>>;
  /**
   * Replaces {@link DEV_SAGEMAKER} as a whole, so a test reads every setting it relies on; `null`
   * leaves the section out of the file.
   */
  readonly sagemaker?: SagemakerInput | null;
  /** @default {@link DEV_REGIONS} */
  readonly regions?: Readonly<Record<string, RegionInput>>;
  /** Top-level `terraformCloud` section of the file. */
  readonly terraformCloud?: ConfigInput['terraformCloud'];
  /**
   * Process environment the config is resolved with, e.g. `{ TFC_ORGANIZATION: 'acme-ml' }`.
   * @default - none: local state
   */
  readonly processEnv?: NodeJS.ProcessEnv;
}

/**
 * Every deployment target (one per region, in config order) of one dev-like environment. The
 * config is written as YAML and read back through the real parser and validation, so a fixture can
 * never hold a config the tool would refuse.
 */
export function testTargets(options: TestEnvironmentOptions = {}): DeploymentTarget[] {
  const input: ConfigInput = {
    project: 'sagemaker-privatelink',
    ...(options.terraformCloud ? { terraformCloud: options.terraformCloud } : {}),
    environments: {
      [options.environmentName ?? 'dev']: {
        ...DEV_ENVIRONMENT,
        ...options.environment,
        ...(options.sagemaker === null ? {} : { sagemaker: options.sagemaker ?? DEV_SAGEMAKER }),
        regions: options.regions ?? DEV_REGIONS,
      },
    },
  };
  return deploymentTargets(parseConfig('test.yaml', stringify(input), options.processEnv ?? {}, STACK_CONFIG_CHECKS));
}

/** The single target of a one-region environment; throws when the options make more than one. */
export function testTarget(options: TestEnvironmentOptions = {}): DeploymentTarget {
  const [target, ...others] = testTargets(options);
  if (!target || others.length > 0) throw new Error(`expected exactly one target, got ${others.length + 1}`);
  return target;
}

/** Dev with exactly this one notebook, opened by the dev role. */
export function notebookTarget(notebook: NonNullable<SagemakerInput['notebooks']>[number]): DeploymentTarget {
  return testTarget({ sagemaker: { notebooks: [notebook], access: { assumeRoleArns: [DEV_ROLE_ARN] } } });
}

export const STAGING_SAML_PROVIDER_ARN = 'arn:aws:iam::222222222222:saml-provider/corp-idp';

/** Staging-like: `sourceVpc` access for SAML users, a notebook of defaults that stops after 2 hours. */
export function stagingTarget(): DeploymentTarget {
  return testTarget({
    environmentName: 'staging',
    environment: {
      accountId: '222222222222',
      vpn: { customerGatewayIp: '198.51.100.20', staticRoutes: ['192.168.10.0/24'] },
      dns: { privateZone: 'ml.staging.example.internal' },
    },
    sagemaker: {
      notebooks: [{ name: 'research-staging', idleStopMinutes: 120 }],
      access: { mode: 'sourceVpc', samlProviderArns: [STAGING_SAML_PROVIDER_ARN] },
    },
    regions: { 'us-west-2': { vpcCidr: '10.20.0.0/16', availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] } },
  });
}

export const PROD_ACCOUNT_ID = '333333333333';
export const MANAGEMENT_ACCOUNT_ID = '999999999999';
export const MANAGEMENT_ROLE_ARN = 'arn:aws:iam::999999999999:role/OrganizationsPolicyAdmin';
export const BREAK_GLASS_ARN = 'arn:aws:iam::333333333333:role/BreakGlassAdmin';

export interface ProdOptions {
  /** Merged over the SCP settings of prod. */
  readonly scp?: Partial<NonNullable<SagemakerInput['scp']>>;
  readonly processEnv?: NodeJS.ProcessEnv;
}

/**
 * Prod-like, two regions (us-west-2 first): protected, two notebooks (one of defaults but its
 * size), an S3 prefix, and the organization SCP enabled.
 */
export function prodTargets(options: ProdOptions = {}): DeploymentTarget[] {
  return testTargets({
    environmentName: 'prod',
    environment: {
      accountId: PROD_ACCOUNT_ID,
      protected: true,
      vpn: { customerGatewayIp: '198.51.100.30', bgpAsn: 65030 },
      dns: { privateZone: 'ml.prod.example.internal' },
    },
    sagemaker: {
      notebooks: [
        { name: 'analytics-prod', instanceType: 'ml.m5.xlarge', volumeSizeGb: 100, platformIdentifier: 'notebook-al2-v3', idleStopMinutes: 180 },
        { name: 'analytics-prod-gpu', instanceType: 'ml.g5.xlarge', volumeSizeGb: 200 },
      ],
      access: {
        assumeRoleArns: ['arn:aws:iam::333333333333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_MLEngineer_9f8e7d6c5b4a3f2e'],
        s3DataPrefix: { bucket: 'example-ml-prod-data', prefix: 'notebooks' },
      },
      scp: {
        enabled: true,
        managementAccountId: MANAGEMENT_ACCOUNT_ID,
        managementRoleArn: MANAGEMENT_ROLE_ARN,
        breakGlassPrincipalArns: [BREAK_GLASS_ARN],
        ...options.scp,
      },
    },
    regions: {
      'us-west-2': { vpcCidr: '10.30.0.0/16', availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] },
      'eu-west-1': { vpcCidr: '10.31.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
    },
    ...(options.processEnv ? { processEnv: options.processEnv } : {}),
  });
}

/** An environment with the network only: no `sagemaker` section at all. */
export function noNotebooksTarget(): DeploymentTarget {
  return testTarget({ sagemaker: null });
}
