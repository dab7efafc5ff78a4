import { SUPPORTED_REGIONS, availabilityZonesOf } from '@privatelink/config';

/**
 * A valid config with `count` env-regions (two stacks each): environments of up to three regions,
 * non-overlapping /16 VPCs, a notebook each, BGP VPN.
 */
export function largeConfig(count: number): string {
  const regions = SUPPORTED_REGIONS.filter((region) => availabilityZonesOf(region).length >= 2).slice(0, 3);
  const lines = ['project: bench', 'environments:'];
  let made = 0;
  for (let env = 0; made < count; env++) {
    const account = String(100000000000 + env);
    lines.push(
      `  env${env}:`,
      `    accountId: "${account}"`,
      '    onPremCidrs: [192.168.0.0/16]',
      `    vpn: { customerGatewayIp: 198.51.100.${(env % 200) + 1}, bgpAsn: 65010 }`,
      `    dns: { privateZone: ml.env${env}.example.internal, resolverInboundEndpoint: true }`,
      '    endpoints: { extra: [monitoring, kms] }',
      '    sagemaker:',
      `      notebooks: [{ name: research-${env}, idleStopMinutes: 60 }]`,
      `      access: { assumeRoleArns: ["arn:aws:iam::${account}:role/MLEngineer"] }`,
      '    regions:',
    );
    for (const region of regions) {
      if (made >= count) break;
      const [a, b] = availabilityZonesOf(region);
      lines.push(`      ${region}: { vpcCidr: 10.${made}.0.0/16, availabilityZones: [${a}, ${b}] }`);
      made++;
    }
  }
  return `${lines.join('\n')}\n`;
}
