import type { ParsedSagemaker } from './sagemaker-schema';
import type { EndpointName } from './schema';

/** SageMaker settings of an environment: notebooks, who may open them, the optional SCP. */
export type SagemakerConfig = ParsedSagemaker;

/** One notebook instance, created in every region of its environment. */
export type NotebookConfig = ParsedSagemaker['notebooks'][number];

/** Site-to-site VPN settings of an environment. */
export interface VpnConfig {
  readonly customerGatewayIp: string;
  readonly bgpAsn: number;
  /** Static routes to on-premises networks; undefined means BGP. */
  readonly staticRoutes?: readonly string[];
}

/** One region of one environment: the VPC and its private subnets. */
export interface RegionConfig {
  readonly region: string;
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
  /** One per availability zone, same order; derived from the VPC CIDR when the file leaves them out. */
  readonly privateSubnetCidrs: readonly string[];
}

export interface EnvironmentConfig {
  readonly name: string;
  /** prevent_destroy on the VPC and KMS keys; destroy refused unless forced by name. */
  readonly protected: boolean;
  readonly accountId: string;
  /** AWS Organizations organization of the account: the resource perimeter of the endpoint policies. */
  readonly organizationId?: string;
  readonly onPremCidrs: readonly string[];
  readonly vpn?: VpnConfig;
  readonly directConnectGatewayId?: string;
  readonly privateZone: string;
  readonly resolverInboundEndpoint: boolean;
  /** Default endpoints followed by the configured extras, without duplicates. */
  readonly endpoints: readonly EndpointName[];
  readonly tags: Readonly<Record<string, string>>;
  readonly sagemaker: SagemakerConfig;
  /** In config order; the first is the environment's primary region (it carries the SCP). */
  readonly regions: readonly RegionConfig[];
}

/** Terraform Cloud settings; present only when an organization is configured. */
export interface TerraformCloudConfig {
  readonly organization: string;
  readonly project: string;
  readonly workspacePrefix: string;
  readonly hostname: string;
}

/** The validated, defaulted configuration every stack is built from. */
export interface PrivatelinkConfig {
  /** The file it was read from, as given (relative paths stay relative). */
  readonly file: string;
  readonly project: string;
  /** Set when the file or TFC_ORGANIZATION names an organization; otherwise local state. */
  readonly terraformCloud?: TerraformCloudConfig;
  readonly environments: readonly EnvironmentConfig[];
}

/** One environment in one region: what one network stack and one SageMaker stack are built for. */
export interface DeploymentTarget {
  readonly project: string;
  readonly terraformCloud?: TerraformCloudConfig;
  readonly environment: EnvironmentConfig;
  readonly region: RegionConfig;
}

export function deploymentTargets(config: PrivatelinkConfig): DeploymentTarget[] {
  return config.environments.flatMap((environment) =>
    environment.regions.map((region) => ({
      project: config.project,
      ...(config.terraformCloud ? { terraformCloud: config.terraformCloud } : {}),
      environment,
      region,
    })),
  );
}
