import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  directConnectOnlyTarget,
  entriesOf,
  fullTarget,
  onlyResource,
  ref,
  resourceTypes,
  staticVpnTarget,
  synthNetwork,
  testTarget,
} from './testing';

// GIVEN the dev target (10.10.0.0/16 over us-west-2a/b, subnets left to be derived), WHEN synthesized
const dev = synthNetwork(testTarget());
const devVpc = onlyResource(dev.json, Vpc);

function subnetsOf(json: typeof dev.json) {
  return entriesOf(json, Subnet).map(([id, subnet]) => ({
    id,
    availabilityZone: subnet['availability_zone'],
    cidrBlock: subnet['cidr_block'],
    mapPublicIpOnLaunch: subnet['map_public_ip_on_launch'],
    vpcId: subnet['vpc_id'],
  }));
}

describe('PrivateVpc: the VPC', () => {
  test('has the configured CIDR, DNS support and DNS hostnames (private DNS of the endpoints needs both)', () => {
    expect(dev.text).toHaveResourceWithProperties(Vpc, {
      cidr_block: '10.10.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: 'sagemaker-privatelink-dev' },
    });
    expect(entriesOf(dev.json, Vpc)).toHaveLength(1);
  });

  test('names itself after the project and environment', () => {
    const other = synthNetwork(testTarget({ project: 'acme-ml', environmentName: 'qa' }));
    expect(other.text).toHaveResourceWithProperties(Vpc, { tags: { Name: 'acme-ml-qa' } });
  });

  test('has no way to the internet: no internet or NAT gateway, no elastic IP, no default VPC', () => {
    for (const target of [testTarget(), staticVpnTarget(), fullTarget(), directConnectOnlyTarget()]) {
      const types = resourceTypes(synthNetwork(target).json);
      expect(types).not.toContain('aws_internet_gateway');
      expect(types).not.toContain('aws_egress_only_internet_gateway');
      expect(types).not.toContain('aws_nat_gateway');
      expect(types).not.toContain('aws_eip');
      expect(types).not.toContain('aws_default_vpc');
    }
  });
});

describe('PrivateVpc: subnets', () => {
  test('one per availability zone, with CIDRs derived from the VPC (four /18 slots of a /16) and no public IPs', () => {
    expect(subnetsOf(dev.json)).toEqual([
      expect.objectContaining({
        availabilityZone: 'us-west-2a',
        cidrBlock: '10.10.0.0/18',
        mapPublicIpOnLaunch: false,
      }),
      expect.objectContaining({
        availabilityZone: 'us-west-2b',
        cidrBlock: '10.10.64.0/18',
        mapPublicIpOnLaunch: false,
      }),
    ]);
    for (const subnet of subnetsOf(dev.json)) expect(subnet.vpcId).toBe(ref(Vpc, devVpc.id));
  });

  test('three zones of a /20 get /22 blocks, in zone order', () => {
    const dx = synthNetwork(directConnectOnlyTarget());
    expect(subnetsOf(dx.json).map(({ availabilityZone, cidrBlock }) => [availabilityZone, cidrBlock])).toEqual([
      ['eu-west-1a', '10.40.0.0/22'],
      ['eu-west-1b', '10.40.4.0/22'],
      ['eu-west-1c', '10.40.8.0/22'],
    ]);
  });

  test('configured privateSubnetCidrs are used as given', () => {
    const full = synthNetwork(fullTarget());
    expect(subnetsOf(full.json).map(({ availabilityZone, cidrBlock }) => [availabilityZone, cidrBlock])).toEqual([
      ['us-west-2a', '10.30.0.0/19'],
      ['us-west-2b', '10.30.32.0/19'],
      ['us-west-2c', '10.30.64.0/19'],
    ]);
    expect(subnetsOf(full.json).every((subnet) => subnet.mapPublicIpOnLaunch === false)).toBe(true);
  });

  test('are tagged with their zone', () => {
    expect(dev.text).toHaveResourceWithProperties(Subnet, {
      availability_zone: 'us-west-2b',
      tags: { Name: 'sagemaker-privatelink-dev-private-us-west-2b' },
    });
  });
});

describe('PrivateVpc: default security group', () => {
  test('is adopted for the VPC and stripped of every ingress and egress rule', () => {
    const { attributes } = onlyResource(dev.json, DefaultSecurityGroup);
    expect(attributes['vpc_id']).toBe(ref(Vpc, devVpc.id));
    expect(attributes['ingress']).toEqual([]);
    expect(attributes['egress']).toEqual([]);
  });

  test('has no rule resources attached to it', () => {
    const { id } = onlyResource(dev.json, DefaultSecurityGroup);
    const defaultGroupRef = ref(DefaultSecurityGroup, id);
    for (const type of [
      'aws_security_group_rule',
      'aws_vpc_security_group_ingress_rule',
      'aws_vpc_security_group_egress_rule',
    ]) {
      for (const [, rule] of entriesOf(dev.json, type)) expect(rule['security_group_id']).not.toBe(defaultGroupRef);
    }
  });
});

describe('PrivateVpc: route tables', () => {
  test.each([
    ['dev (2 zones)', testTarget(), 2],
    ['staging-like (3 zones)', staticVpnTarget(), 3],
  ])('%s: one route table per subnet, in the VPC, each associated with exactly its subnet', (_name, target, zones) => {
    const { json } = synthNetwork(target);
    const vpcRef = ref(Vpc, onlyResource(json, Vpc).id);
    const tables = entriesOf(json, RouteTable);
    const subnets = entriesOf(json, Subnet);
    const associations = entriesOf(json, RouteTableAssociation).map(([, a]) => [a['subnet_id'], a['route_table_id']]);

    expect(tables).toHaveLength(zones);
    expect(subnets).toHaveLength(zones);
    for (const [, table] of tables) expect(table['vpc_id']).toBe(vpcRef);
    expect(associations).toEqual(
      subnets.map(([subnetId], i) => [ref(Subnet, subnetId), ref(RouteTable, tables[i][0])]),
    );
    expect(new Set(associations.map(([, table]) => table)).size).toBe(zones);
  });

  test('hold no routes of their own (nothing to the internet; on-premises routes are propagated)', () => {
    for (const [, table] of entriesOf(dev.json, RouteTable)) expect(table['route']).toBeUndefined();
    expect(resourceTypes(dev.json)).not.toContain('aws_route');
  });
});
