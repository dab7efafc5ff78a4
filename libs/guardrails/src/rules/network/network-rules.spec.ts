import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DefaultVpc } from '@cdktf/provider-aws/lib/default-vpc';
import { DxGatewayAssociation } from '@cdktf/provider-aws/lib/dx-gateway-association';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { compliantCount, expectedMessage, messagesOf, privateNetwork, synthTestStack, VPC_CIDR } from '../../testing';
import { dxPropagationAfterAssociation } from './dx-propagation-after-association';
import { noDefaultVpc } from './no-default-vpc';
import { route53ZonePrivate } from './route53-zone-private';
import { subnetNoPublicIp } from './subnet-no-public-ip';
import { vpcDefaultSgClosed } from './vpc-default-sg-closed';
import { vpcEc2Endpoint } from './vpc-ec2-endpoint';
import { vpcFlowLogs } from './vpc-flow-logs';

// GIVEN a VPC as the network stack builds it
const secure = synthTestStack((stack) => {
  const { vpc } = privateNetwork(stack);
  new Route53Zone(stack, 'zone', { name: 'ml.example.internal', vpc: [{ vpcId: vpc.id }] });
});
const vpc = 'aws_vpc.vpc';

test.each([vpcDefaultSgClosed, vpcFlowLogs, subnetNoPublicIp, vpcEc2Endpoint, route53ZonePrivate].map((rule) => [rule.id, rule]))(
  '%s: the private network complies',
  (_id, rule) => {
    expect(messagesOf(rule, secure)).toEqual([]);
    expect(compliantCount(rule, secure)).toBeGreaterThan(0);
  },
);

describe('vpc-default-sg-closed', () => {
  test('refuses a VPC whose default security group is not adopted', () => {
    const stack = synthTestStack((scope) => privateNetwork(scope, { defaultSecurityGroup: false }));
    expect(messagesOf(vpcDefaultSgClosed, stack)).toEqual([
      expectedMessage(vpcDefaultSgClosed, vpc, 'no aws_default_security_group adopts its default security group, which keeps allowing traffic'),
    ]);
  });

  test('refuses a default security group with inline rules or rule resources', () => {
    const stack = synthTestStack((scope) => {
      const { vpc: network } = privateNetwork(scope, { defaultSecurityGroup: false });
      const group = new DefaultSecurityGroup(scope, 'default-sg', {
        vpcId: network.id,
        ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: [VPC_CIDR] }],
        egress: [],
      });
      new VpcSecurityGroupIngressRule(scope, 'into-default', {
        securityGroupId: group.id,
        description: 'HTTPS from the VPC',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: VPC_CIDR,
      });
    });
    expect(messagesOf(vpcDefaultSgClosed, stack)).toEqual([
      expectedMessage(
        vpcDefaultSgClosed,
        'aws_default_security_group.default-sg',
        'has 1 inline ingress rule(s); aws_vpc_security_group_ingress_rule.into-default adds a rule to it',
      ),
    ]);
  });
});

describe('vpc-flow-logs', () => {
  test('refuses a VPC without a flow log', () => {
    const stack = synthTestStack((scope) => privateNetwork(scope, { flowLogs: false }));
    expect(messagesOf(vpcFlowLogs, stack)).toEqual([expectedMessage(vpcFlowLogs, vpc, 'no aws_flow_log refers to it')]);
  });
});

describe('subnet-no-public-ip', () => {
  test('refuses a subnet that maps public IPs on launch', () => {
    const stack = synthTestStack((scope) => {
      const { vpc: network } = privateNetwork(scope);
      new Subnet(scope, 'public', { vpcId: network.id, cidrBlock: '10.10.64.0/18', mapPublicIpOnLaunch: true });
    });
    expect(messagesOf(subnetNoPublicIp, stack)).toEqual([
      expectedMessage(subnetNoPublicIp, 'aws_subnet.public', 'map_public_ip_on_launch is true'),
    ]);
  });
});

describe('no-default-vpc', () => {
  test('is not applicable without aws_default_vpc', () => {
    expect(messagesOf(noDefaultVpc, secure)).toEqual([]);
  });

  test('refuses aws_default_vpc', () => {
    const stack = synthTestStack((scope) => new DefaultVpc(scope, 'default-vpc', {}));
    expect(messagesOf(noDefaultVpc, stack)).toEqual([
      expectedMessage(noDefaultVpc, 'aws_default_vpc.default-vpc', 'declares aws_default_vpc'),
    ]);
  });
});

describe('vpc-ec2-endpoint', () => {
  test('refuses a VPC without the EC2 interface endpoint', () => {
    const stack = synthTestStack((scope) => privateNetwork(scope, { ec2Endpoint: false }));
    expect(messagesOf(vpcEc2Endpoint, stack)).toEqual([
      expectedMessage(vpcEc2Endpoint, vpc, 'no interface endpoint for com.amazonaws.<region>.ec2 refers to it'),
    ]);
  });

  test('does not take a gateway endpoint or another service for it', () => {
    const stack = synthTestStack((scope) => privateNetwork(scope, { endpoint: { serviceName: 'com.amazonaws.us-west-2.ec2messages' } }));
    expect(messagesOf(vpcEc2Endpoint, stack)).toHaveLength(1);
  });
});

describe('route53-zone-private', () => {
  test('refuses a public zone', () => {
    const stack = synthTestStack((scope) => new Route53Zone(scope, 'zone', { name: 'ml.example.com' }));
    expect(messagesOf(route53ZonePrivate, stack)).toEqual([
      expectedMessage(route53ZonePrivate, 'aws_route53_zone.zone', 'has no vpc block, so it is a public zone'),
    ]);
  });
});

describe('dx-propagation-after-association', () => {
  /** A VPN gateway on the test VPC with one route table propagating its routes, and optionally a Direct Connect association. */
  const onPrem = (options: { association: boolean; dependsOnAssociation: boolean }) =>
    synthTestStack((scope) => {
      const { vpc: network } = privateNetwork(scope);
      const gateway = new VpnGateway(scope, 'vgw', { vpcId: network.id });
      const table = new RouteTable(scope, 'routes', { vpcId: network.id });
      const association = options.association
        ? new DxGatewayAssociation(scope, 'dx', {
            dxGatewayId: '5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f',
            associatedGatewayId: gateway.id,
            allowedPrefixes: [VPC_CIDR],
          })
        : undefined;
      new VpnGatewayRoutePropagation(scope, 'propagation', {
        vpnGatewayId: gateway.id,
        routeTableId: table.id,
        ...(association && options.dependsOnAssociation ? { dependsOn: [association] } : {}),
      });
    });

  test('passes a propagation that waits for the association, and does not apply without Direct Connect', () => {
    const ordered = onPrem({ association: true, dependsOnAssociation: true });
    expect(messagesOf(dxPropagationAfterAssociation, ordered)).toEqual([]);
    expect(compliantCount(dxPropagationAfterAssociation, ordered)).toBe(1);
    const vpnOnly = onPrem({ association: false, dependsOnAssociation: false });
    expect(messagesOf(dxPropagationAfterAssociation, vpnOnly)).toEqual([]);
    expect(compliantCount(dxPropagationAfterAssociation, vpnOnly)).toBe(0);
  });

  test('refuses a propagation Terraform may create before the association, which AWS says to avoid', () => {
    expect(messagesOf(dxPropagationAfterAssociation, onPrem({ association: true, dependsOnAssociation: false }))).toEqual([
      expectedMessage(
        dxPropagationAfterAssociation,
        'aws_vpn_gateway_route_propagation.propagation',
        'propagates routes of ${aws_vpn_gateway.vgw.id} without depends_on aws_dx_gateway_association.dx',
      ),
    ]);
  });
});
