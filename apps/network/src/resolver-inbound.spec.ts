import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  entriesOf,
  fullTarget,
  onlyResource,
  ref,
  resourceTypes,
  staticVpnTarget,
  synthNetwork,
  testTarget,
  type SynthesizedStack,
} from './testing';

function resolverGroup(json: SynthesizedStack): { id: string; rules: Record<string, unknown>[] } {
  const [id] =
    entriesOf(json, SecurityGroup).find(([, sg]) => (sg['name'] as string).endsWith('-resolver-inbound')) ?? [];
  if (!id) throw new Error('no resolver security group');
  const rules = entriesOf(json, VpcSecurityGroupIngressRule)
    .map(([, rule]) => rule)
    .filter((rule) => rule['security_group_id'] === ref(SecurityGroup, id));
  return { id, rules };
}

describe('ResolverInbound: not configured', () => {
  test('dev (resolverInboundEndpoint defaults to false): no resolver endpoint, no resolver security group', () => {
    const { json, stack } = synthNetwork(testTarget());
    expect(resourceTypes(json)).not.toContain(Route53ResolverEndpoint.tfResourceType);
    expect(entriesOf(json, SecurityGroup).map(([, sg]) => sg['name'])).toEqual(['sagemaker-privatelink-dev-endpoints']);
    expect(stack.resolver).toBeUndefined();
  });
});

describe('ResolverInbound: configured', () => {
  // GIVEN staging-like: resolverInboundEndpoint true, three /18 subnets derived from 10.20.0.0/16
  const staging = synthNetwork(staticVpnTarget());

  test('is an INBOUND endpoint with its own security group', () => {
    const { attributes } = onlyResource(staging.json, Route53ResolverEndpoint);
    expect(attributes).toMatchObject({
      direction: 'INBOUND',
      name: 'sagemaker-privatelink-staging-inbound',
      security_group_ids: [ref(SecurityGroup, resolverGroup(staging.json).id)],
    });
  });

  test('has a fixed address per subnet: the 10th address of each subnet', () => {
    const subnets = entriesOf(staging.json, Subnet).map(([id]) => ref(Subnet, id));
    expect(onlyResource(staging.json, Route53ResolverEndpoint).attributes['ip_address']).toEqual([
      { subnet_id: subnets[0], ip: '10.20.0.10' },
      { subnet_id: subnets[1], ip: '10.20.64.10' },
      { subnet_id: subnets[2], ip: '10.20.128.10' },
    ]);
  });

  test('uses configured subnets as given', () => {
    const full = synthNetwork(fullTarget());
    const ips = (onlyResource(full.json, Route53ResolverEndpoint).attributes['ip_address'] as { ip: string }[]).map(
      ({ ip }) => ip,
    );
    expect(ips).toEqual(['10.30.0.10', '10.30.32.10', '10.30.64.10']);
  });

  test('the 10th address stays inside the smallest subnets (/28)', () => {
    // GIVEN a /26 VPC over two zones, so each subnet is a /28 of 16 addresses
    const { json } = synthNetwork(
      testTarget({
        environment: { dns: { privateZone: 'ml.dev.example.internal', resolverInboundEndpoint: true } },
        region: { vpcCidr: '10.50.0.0/26' },
      }),
    );
    expect(entriesOf(json, Subnet).map(([, subnet]) => subnet['cidr_block'])).toEqual([
      '10.50.0.0/28',
      '10.50.0.16/28',
    ]);
    expect(onlyResource(json, Route53ResolverEndpoint).attributes['ip_address']).toEqual([
      expect.objectContaining({ ip: '10.50.0.10' }),
      expect.objectContaining({ ip: '10.50.0.26' }),
    ]);
  });

  test('its security group is in the VPC and described', () => {
    expect(staging.text).toHaveResourceWithProperties(SecurityGroup, {
      name: 'sagemaker-privatelink-staging-resolver-inbound',
      description: 'Route 53 Resolver inbound endpoint: DNS from on-premises only',
      vpc_id: ref(Vpc, onlyResource(staging.json, Vpc).id),
    });
  });

  test('admits DNS (53, TCP and UDP) from each on-premises CIDR, with descriptions, and nothing else', () => {
    const full = synthNetwork(fullTarget());
    const rules = resolverGroup(full.json).rules.map((rule) => ({
      protocol: rule['ip_protocol'],
      from: rule['from_port'],
      to: rule['to_port'],
      cidr: rule['cidr_ipv4'],
      description: rule['description'],
    }));
    expect(rules.sort((a, b) => `${a.cidr}${a.protocol}`.localeCompare(`${b.cidr}${b.protocol}`))).toEqual([
      {
        protocol: 'tcp',
        from: 53,
        to: 53,
        cidr: '172.20.0.0/16',
        description: 'DNS over TCP from on-premises 172.20.0.0/16',
      },
      {
        protocol: 'udp',
        from: 53,
        to: 53,
        cidr: '172.20.0.0/16',
        description: 'DNS over UDP from on-premises 172.20.0.0/16',
      },
      {
        protocol: 'tcp',
        from: 53,
        to: 53,
        cidr: '192.168.0.0/16',
        description: 'DNS over TCP from on-premises 192.168.0.0/16',
      },
      {
        protocol: 'udp',
        from: 53,
        to: 53,
        cidr: '192.168.0.0/16',
        description: 'DNS over UDP from on-premises 192.168.0.0/16',
      },
    ]);
  });
});
