import { formatPath, type ConfigIssue } from './config-error';
import { cidr, contains, overlaps, subnetAt, type Ipv4Cidr } from './ipv4';
import type { EnvironmentConfig, PrivatelinkConfig, RegionConfig } from './model';
import { availabilityZonesOf } from './regions';
import { DEFAULT_ENDPOINTS, type ParsedConfig, type ParsedEnvironment } from './schema';

/** Smallest subnet AWS allows. */
const MAX_SUBNET_PREFIX = 28;

type Path = (string | number)[];

/** Equal blocks carved from the VPC: four slots up to four zones, eight beyond, leaving room to grow. */
function defaultSubnets(vpcCidr: string, zoneCount: number): string[] | undefined {
  const network = cidr(vpcCidr);
  const prefix = network.prefix + (zoneCount <= 4 ? 2 : 3);
  if (prefix > MAX_SUBNET_PREFIX) return undefined;
  return Array.from({ length: zoneCount }, (_, i) => subnetAt(network, prefix, i));
}

/**
 * Turns a schema-valid file into the resolved config, collecting every cross-field problem:
 * zones outside their region, subnets outside their VPC, overlapping networks.
 */
export function resolveConfig(
  file: string,
  parsed: ParsedConfig,
  env: NodeJS.ProcessEnv = {},
): { config: PrivatelinkConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const environments = Object.entries(parsed.environments).map(([envName, env]) =>
    resolveEnvironment(envName, env, issues),
  );
  checkNetworksApart(environments, issues);
  const terraformCloud = resolveTerraformCloud(parsed, env, issues);
  return { config: { file, project: parsed.project, ...(terraformCloud ? { terraformCloud } : {}), environments }, issues };
}

function resolveEnvironment(envName: string, env: ParsedEnvironment, issues: ConfigIssue[]): EnvironmentConfig {
  const envPath: Path = ['environments', envName];
  const regions = Object.entries(env.regions).map(([region, settings]): RegionConfig => {
    const regionPath: Path = [...envPath, 'regions', region];
    const allowedZones = availabilityZonesOf(region);
    const seenZones = new Set<string>();
    settings.availabilityZones.forEach((zone, i) => {
      if (!allowedZones.includes(zone)) {
        issues.push({
          path: [...regionPath, 'availabilityZones', i],
          value: zone,
          message: `is not an availability zone of ${region}; allowed: ${allowedZones.join(', ')}`,
        });
      } else if (seenZones.has(zone)) {
        issues.push({
          path: [...regionPath, 'availabilityZones', i],
          value: zone,
          message: 'is listed twice; list each zone once',
        });
      }
      seenZones.add(zone);
    });

    let privateSubnetCidrs = settings.privateSubnetCidrs;
    if (privateSubnetCidrs === undefined) {
      privateSubnetCidrs = defaultSubnets(settings.vpcCidr, settings.availabilityZones.length);
      if (privateSubnetCidrs === undefined) {
        issues.push({
          path: [...regionPath, 'vpcCidr'],
          value: settings.vpcCidr,
          message: `is too small to carve ${settings.availabilityZones.length} subnets of at least /${MAX_SUBNET_PREFIX}; use a larger block or list privateSubnetCidrs`,
        });
        privateSubnetCidrs = [];
      }
    } else {
      checkSubnets(regionPath, settings.vpcCidr, settings.availabilityZones.length, privateSubnetCidrs, issues);
    }
    return {
      region,
      vpcCidr: settings.vpcCidr,
      availabilityZones: settings.availabilityZones,
      privateSubnetCidrs,
    };
  });

  checkOnPrem(envPath, env, issues);
  checkOnPremPrivate(envPath, env, issues);
  checkSagemaker(envPath, env, issues);

  return {
    name: envName,
    protected: env.protected,
    accountId: env.accountId,
    ...(env.organizationId ? { organizationId: env.organizationId } : {}),
    onPremCidrs: env.onPremCidrs,
    ...(env.vpn ? { vpn: env.vpn } : {}),
    ...(env.directConnectGatewayId ? { directConnectGatewayId: env.directConnectGatewayId } : {}),
    privateZone: env.dns.privateZone,
    resolverInboundEndpoint: env.dns.resolverInboundEndpoint,
    endpoints: [...new Set([...DEFAULT_ENDPOINTS, ...env.endpoints.extra])],
    tags: env.tags,
    sagemaker: env.sagemaker,
    regions,
  };
}

function checkSubnets(regionPath: Path, vpcCidr: string, zoneCount: number, subnets: string[], issues: ConfigIssue[]) {
  const subnetsPath = [...regionPath, 'privateSubnetCidrs'];
  if (subnets.length !== zoneCount) {
    issues.push({
      path: subnetsPath,
      value: subnets,
      message: `must list exactly one CIDR per availability zone (${zoneCount})`,
    });
  }
  const vpc = cidr(vpcCidr);
  const parsed: Ipv4Cidr[] = [];
  subnets.forEach((text, i) => {
    const subnet = cidr(text);
    if (!contains(vpc, subnet)) {
      issues.push({ path: [...subnetsPath, i], value: text, message: `is not inside the VPC CIDR ${vpcCidr}` });
    }
    const clash = parsed.findIndex((other) => overlaps(other, subnet));
    if (clash >= 0) {
      issues.push({ path: [...subnetsPath, i], value: text, message: `overlaps subnet [${clash}] ${subnets[clash]}` });
    }
    parsed.push(subnet);
  });
}

function checkOnPrem(envPath: Path, env: ParsedEnvironment, issues: ConfigIssue[]) {
  const onPrem = env.onPremCidrs.map(cidr);
  const routes = env.vpn?.staticRoutes ?? [];
  routes.forEach((route, i) => {
    if (!onPrem.some((network) => contains(network, cidr(route)))) {
      issues.push({
        path: [...envPath, 'vpn', 'staticRoutes', i],
        value: route,
        message: `is not inside any of onPremCidrs (${env.onPremCidrs.join(', ')})`,
      });
    }
  });
  if (!env.vpn && !env.directConnectGatewayId) {
    issues.push({
      path: envPath,
      message: 'needs a way in from on-premises: set vpn, directConnectGatewayId, or both',
    });
  }
}

/**
 * No two VPCs overlap, and no VPC overlaps any on-premises network: routes would be ambiguous.
 * Each overlap is reported once. Two VPCs: at the later one in the file, naming the earlier. An
 * on-premises network, however many environments list it (one corporate network is often listed
 * by all of them): once, at its first listing, naming every VPC it overlaps and its other listings.
 */
function checkNetworksApart(environments: EnvironmentConfig[], issues: ConfigIssue[]) {
  const vpcs = environments.flatMap((env) =>
    env.regions.map((region) => ({
      path: ['environments', env.name, 'regions', region.region, 'vpcCidr'],
      label: `${env.name}/${region.region}`,
      text: region.vpcCidr,
      block: cidr(region.vpcCidr),
    })),
  );
  vpcs.forEach((vpc, i) => {
    for (const other of vpcs.slice(0, i)) {
      if (overlaps(vpc.block, other.block)) {
        issues.push({ path: vpc.path, value: vpc.text, message: `overlaps the VPC of ${other.label} (${other.text})` });
      }
    }
  });

  const listings = new Map<string, Path[]>();
  for (const env of environments) {
    env.onPremCidrs.forEach((text, i) => listings.set(text, [...(listings.get(text) ?? []), ['environments', env.name, 'onPremCidrs', i]]));
  }
  for (const [text, [first, ...others]] of listings) {
    const block = cidr(text);
    const overlapped = vpcs.filter((vpc) => overlaps(vpc.block, block)).map((vpc) => `${vpc.label} (${vpc.text})`);
    if (overlapped.length === 0) continue;
    const also = others.length > 0 ? `; also listed at ${others.map(formatPath).join(', ')}` : '';
    issues.push({
      path: first,
      value: text,
      message: `overlaps the VPC${overlapped.length > 1 ? 's' : ''} of ${overlapped.join(', ')}: an on-premises network and a VPC must not share addresses${also}`,
    });
  }
}

/** Address space that is not routed on the internet, and so may be an on-premises network. */
const PRIVATE_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((text) => ({ text, block: cidr(text) }));

/**
 * onPremCidrs must be private networks: the endpoint security group admits HTTPS from each of
 * them, so a public block would open the endpoints to whoever holds it (the rule pack's
 * sg-internet-closed catches it later, in the synthesized rule; this says so at the line).
 */
function checkOnPremPrivate(envPath: Path, env: ParsedEnvironment, issues: ConfigIssue[]) {
  env.onPremCidrs.forEach((text, i) => {
    const block = cidr(text);
    if (PRIVATE_NETWORKS.some((range) => contains(range.block, block))) return;
    issues.push({
      path: [...envPath, 'onPremCidrs', i],
      value: text,
      message: `is not a private network; on-premises CIDRs must lie inside ${PRIVATE_NETWORKS.map((range) => range.text).join(', ')} (RFC 1918, and 100.64.0.0/10 shared address space)`,
    });
  });
}

function checkSagemaker(envPath: Path, env: ParsedEnvironment, issues: ConfigIssue[]) {
  const settings = env.sagemaker;
  const seen = new Map<string, number>();
  settings.notebooks.forEach((notebook, i) => {
    const key = notebook.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: [...envPath, 'sagemaker', 'notebooks', i, 'name'],
        value: notebook.name,
        message: `repeats notebooks[${first}] (names are case-insensitive in ARNs); use a unique name`,
      });
    }
    seen.set(key, i);
  });
  if (
    settings.notebooks.length > 0 &&
    settings.access.assumeRoleArns.length === 0 &&
    settings.access.identityCenterPermissionSets.length === 0 &&
    settings.access.samlProviderArns.length === 0
  ) {
    issues.push({
      path: [...envPath, 'sagemaker', 'access'],
      message: 'names nobody who may open the notebooks; list assumeRoleArns, identityCenterPermissionSets or samlProviderArns',
    });
  }
}

/** TFC_ORGANIZATION wins over the file, so CI can switch a checkout to Terraform Cloud. */
function resolveTerraformCloud(parsed: ParsedConfig, env: NodeJS.ProcessEnv, issues: ConfigIssue[]) {
  const fromEnv = env['TFC_ORGANIZATION']?.trim();
  const organization = fromEnv || parsed.terraformCloud?.organization;
  if (!organization) return undefined;
  if (fromEnv && !/^[A-Za-z0-9_-]{3,40}$/.test(fromEnv)) {
    issues.push({
      path: ['terraformCloud', 'organization'],
      value: fromEnv,
      message: 'from TFC_ORGANIZATION must be a Terraform Cloud organization name (3-40 letters, digits, - or _)',
    });
  }
  return {
    organization,
    project: parsed.terraformCloud?.project ?? 'sagemaker-privatelink',
    workspacePrefix: parsed.terraformCloud?.workspacePrefix ?? 'smpl',
    hostname: parsed.terraformCloud?.hostname ?? 'app.terraform.io',
  };
}
