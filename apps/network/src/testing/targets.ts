import { deploymentTargets, parseConfig, type ConfigInput, type DeploymentTarget } from '@privatelink/config';
import { STACK_CONFIG_CHECKS } from '@privatelink/stack-kit';
import { stringify } from 'yaml';

type EnvironmentInput = ConfigInput['environments'][string];
type RegionInput = EnvironmentInput['regions'][string];

/** Field overrides of a test target; a field set to `undefined` is left out of the config. */
export interface TestTargetOverrides {
  /** @default 'sagemaker-privatelink' */
  readonly project?: string;
  /** @default 'dev' */
  readonly environmentName?: string;
  /** @default 'us-west-2' */
  readonly regionName?: string;
  /** Merged over the environment of {@link DEV_ENVIRONMENT}. */
  readonly environment?: Partial<Omit<EnvironmentInput, 'regions'>>;
  /** Merged over the region of {@link DEV_ENVIRONMENT}. */
  readonly region?: Partial<RegionInput>;
}

/** The dev environment of config/environments.yaml: BGP VPN, default endpoints, derived subnets. */
export const DEV_ENVIRONMENT: Readonly<Omit<EnvironmentInput, 'regions'>> = {
  accountId: '111111111111',
  onPremCidrs: ['192.168.0.0/16'],
  vpn: { customerGatewayIp: '198.51.100.10', bgpAsn: 65010 },
  dns: { privateZone: 'ml.dev.example.internal' },
  tags: { 'cost-center': 'ml-platform' },
};

export const DEV_REGION: Readonly<RegionInput> = {
  vpcCidr: '10.10.0.0/16',
  availabilityZones: ['us-west-2a', 'us-west-2b'],
};

/**
 * A valid deployment target, dev-like unless overridden. It is written as YAML and read back through
 * the real parser and validation, so a fixture can never hold a config the tool would refuse.
 */
export function testTarget(overrides: TestTargetOverrides = {}): DeploymentTarget {
  const input: ConfigInput = {
    project: overrides.project ?? 'sagemaker-privatelink',
    environments: {
      [overrides.environmentName ?? 'dev']: {
        ...DEV_ENVIRONMENT,
        ...overrides.environment,
        regions: { [overrides.regionName ?? 'us-west-2']: { ...DEV_REGION, ...overrides.region } },
      },
    },
  };
  const [target, ...others] = deploymentTargets(parseConfig('test.yaml', stringify(input), {}, STACK_CONFIG_CHECKS));
  if (!target || others.length > 0) throw new Error(`expected exactly one target, got ${others.length + 1}`);
  return target;
}

/** Staging-like: static routes instead of BGP, resolver inbound endpoint, monitoring and kms, three zones. */
export function staticVpnTarget(): DeploymentTarget {
  return testTarget({
    environmentName: 'staging',
    environment: {
      accountId: '222222222222',
      vpn: { customerGatewayIp: '198.51.100.20', staticRoutes: ['192.168.10.0/24', '192.168.20.0/24'] },
      dns: { privateZone: 'ml.staging.example.internal', resolverInboundEndpoint: true },
      endpoints: { extra: ['monitoring', 'kms'] },
    },
    region: { vpcCidr: '10.20.0.0/16', availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] },
  });
}

/** Prod-like: VPN and Direct Connect, two on-premises networks, explicit subnets, every optional endpoint. */
export function fullTarget(): DeploymentTarget {
  return testTarget({
    environmentName: 'prod',
    environment: {
      accountId: '333333333333',
      onPremCidrs: ['192.168.0.0/16', '172.20.0.0/16'],
      vpn: { customerGatewayIp: '198.51.100.30', bgpAsn: 65030 },
      directConnectGatewayId: '5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f',
      dns: { privateZone: 'ml.prod.example.internal', resolverInboundEndpoint: true },
      endpoints: { extra: ['monitoring', 'kms', 'ssm', 'ecr', 'studio', 'codecommit'] },
      tags: { 'cost-center': 'ml-platform', 'data-classification': 'phi' },
    },
    region: {
      vpcCidr: '10.30.0.0/16',
      availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
      privateSubnetCidrs: ['10.30.0.0/19', '10.30.32.0/19', '10.30.64.0/19'],
    },
  });
}

/** Direct Connect only: no site-to-site VPN, in another region. */
export function directConnectOnlyTarget(): DeploymentTarget {
  return testTarget({
    environmentName: 'dxonly',
    regionName: 'eu-west-1',
    environment: {
      accountId: '444444444444',
      vpn: undefined,
      directConnectGatewayId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      dns: { privateZone: 'ml.dx.example.internal' },
    },
    region: { vpcCidr: '10.40.0.0/20', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  });
}
