import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { DxGatewayAssociation } from '@cdktf/provider-aws/lib/dx-gateway-association';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnConnectionRoute } from '@cdktf/provider-aws/lib/vpn-connection-route';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import type { DeploymentTarget } from '@privatelink/config';
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
  type Attributes,
} from './testing';

// GIVEN the dev target: BGP VPN to 198.51.100.10, ASN 65010, no Direct Connect
const dev = synthNetwork(testTarget());
// GIVEN a static-routing VPN to 192.168.10.0/24 and 192.168.20.0/24
const staticVpn = synthNetwork(staticVpnTarget());
// GIVEN Direct Connect only, no VPN
const dxOnly = synthNetwork(directConnectOnlyTarget());
// GIVEN VPN and Direct Connect
const full = synthNetwork(fullTarget());

const vpnTargets: [string, DeploymentTarget][] = [
  ['dev (BGP)', testTarget()],
  ['staging-like (static)', staticVpnTarget()],
  ['full (BGP + Direct Connect)', fullTarget()],
];

/** Strong tunnel options (docs: security-rules.md, "No scanner covers ... VPN"). */
const STRONG_ENCRYPTION = ['AES256', 'AES256-GCM-16'];
const STRONG_INTEGRITY = /^SHA2-(256|384|512)$/;

function listAt(connection: Attributes, attribute: string): unknown[] {
  const value = connection[attribute];
  // An absent or empty list means AWS's defaults, which include AES128, SHA1 and DH group 2.
  if (!Array.isArray(value) || value.length === 0)
    throw new Error(`${attribute} is not a non-empty list: ${JSON.stringify(value)}`);
  return value;
}

describe('OnPremConnectivity: VPN gateway', () => {
  test.each([
    ['dev', dev],
    ['Direct Connect only', dxOnly],
  ])('%s: one VPN gateway on the VPC, Amazon-side ASN 64512', (_name, { json }) => {
    const { attributes } = onlyResource(json, VpnGateway);
    expect(attributes).toMatchObject({ vpc_id: ref(Vpc, onlyResource(json, Vpc).id), amazon_side_asn: '64512' });
  });

  test.each([
    ['dev (2 route tables)', dev],
    ['staging-like (3 route tables)', staticVpn],
    ['Direct Connect only (3 route tables)', dxOnly],
  ])('%s: routes propagate into every private route table, once each', (_name, { json }) => {
    const gatewayRef = ref(VpnGateway, onlyResource(json, VpnGateway).id);
    const propagations = entriesOf(json, VpnGatewayRoutePropagation).map(([, p]) => p);
    const tables = entriesOf(json, RouteTable).map(([id]) => ref(RouteTable, id));
    expect(propagations.map((p) => p['route_table_id']).sort()).toEqual([...tables].sort());
    for (const propagation of propagations) expect(propagation['vpn_gateway_id']).toBe(gatewayRef);
  });

  test('with Direct Connect, every propagation waits for the gateway association (AWS: propagate only after associating)', () => {
    const { json } = dxOnly;
    const association = `aws_dx_gateway_association.${onlyResource(json, DxGatewayAssociation).id}`;
    const propagations = entriesOf(json, VpnGatewayRoutePropagation).map(([, p]) => p);
    expect(propagations).toHaveLength(3);
    for (const propagation of propagations) expect(propagation['depends_on']).toEqual([association]);
    for (const [, propagation] of entriesOf(dev.json, VpnGatewayRoutePropagation)) expect(propagation['depends_on']).toBeUndefined();
  });
});

describe('OnPremConnectivity: customer gateway', () => {
  test('has the configured public IP and BGP ASN', () => {
    expect(dev.text).toHaveResourceWithProperties(CustomerGateway, {
      ip_address: '198.51.100.10',
      bgp_asn: '65010',
      type: 'ipsec.1',
    });
    expect(entriesOf(dev.json, CustomerGateway)).toHaveLength(1);
  });

  test('gets the default ASN 65000 when none is configured', () => {
    expect(staticVpn.text).toHaveResourceWithProperties(CustomerGateway, {
      ip_address: '198.51.100.20',
      bgp_asn: '65000',
    });
  });
});

describe('OnPremConnectivity: VPN connection', () => {
  test('joins the VPN gateway and the customer gateway', () => {
    const { attributes } = onlyResource(dev.json, VpnConnection);
    expect(attributes).toMatchObject({
      type: 'ipsec.1',
      vpn_gateway_id: ref(VpnGateway, onlyResource(dev.json, VpnGateway).id),
      customer_gateway_id: ref(CustomerGateway, onlyResource(dev.json, CustomerGateway).id),
    });
  });

  test.each(vpnTargets)('%s: both tunnels speak IKEv2 only', (_name, target) => {
    const { attributes } = onlyResource(synthNetwork(target).json, VpnConnection);
    expect(attributes['tunnel1_ike_versions']).toEqual(['ikev2']);
    expect(attributes['tunnel2_ike_versions']).toEqual(['ikev2']);
  });

  test.each(vpnTargets)(
    '%s: both phases of both tunnels offer AES-256, SHA-2 and DH groups 14-21 only',
    (_name, target) => {
      const { attributes } = onlyResource(synthNetwork(target).json, VpnConnection);
      for (const tunnel of ['tunnel1', 'tunnel2']) {
        for (const phase of ['phase1', 'phase2']) {
          for (const algorithm of listAt(attributes, `${tunnel}_${phase}_encryption_algorithms`)) {
            expect(STRONG_ENCRYPTION).toContain(algorithm);
          }
          for (const algorithm of listAt(attributes, `${tunnel}_${phase}_integrity_algorithms`)) {
            expect(algorithm).toMatch(STRONG_INTEGRITY);
          }
          for (const group of listAt(attributes, `${tunnel}_${phase}_dh_group_numbers`)) {
            expect(Number.isInteger(group)).toBe(true);
            expect(group).toBeGreaterThanOrEqual(14);
            expect(group).toBeLessThanOrEqual(21);
          }
        }
      }
    },
  );

  test('the tunnel check refuses a missing or empty list (AWS would fall back to weak defaults)', () => {
    expect(() => listAt({}, 'tunnel1_phase1_encryption_algorithms')).toThrow(
      'tunnel1_phase1_encryption_algorithms is not a non-empty list',
    );
    expect(() => listAt({ tunnel1_phase2_dh_group_numbers: [] }, 'tunnel1_phase2_dh_group_numbers')).toThrow(
      'is not a non-empty list',
    );
  });

  test.each(vpnTargets)('%s: no preshared key anywhere (AWS generates the tunnel keys)', (_name, target) => {
    const { json, text } = synthNetwork(target);
    const { attributes } = onlyResource(json, VpnConnection);
    expect(Object.keys(attributes).filter((name) => /^tunnel\d_preshared_key$/.test(name))).toEqual([]);
    expect(text).not.toMatch(/preshared_key/);
  });

  test('BGP: dynamic routing, no static routes', () => {
    expect(dev.text).toHaveResourceWithProperties(VpnConnection, { static_routes_only: false });
    expect(resourceTypes(dev.json)).not.toContain(VpnConnectionRoute.tfResourceType);
    expect(full.text).toHaveResourceWithProperties(VpnConnection, { static_routes_only: false });
  });

  test('static: static routes only, one route per configured CIDR on the connection', () => {
    expect(staticVpn.text).toHaveResourceWithProperties(VpnConnection, { static_routes_only: true });
    const connectionRef = ref(VpnConnection, onlyResource(staticVpn.json, VpnConnection).id);
    expect(entriesOf(staticVpn.json, VpnConnectionRoute).map(([, route]) => route)).toEqual([
      { destination_cidr_block: '192.168.10.0/24', vpn_connection_id: connectionRef },
      { destination_cidr_block: '192.168.20.0/24', vpn_connection_id: connectionRef },
    ]);
  });
});

describe('OnPremConnectivity: without a VPN (Direct Connect only)', () => {
  test('creates no customer gateway, VPN connection or VPN route', () => {
    const types = resourceTypes(dxOnly.json);
    expect(types).not.toContain(CustomerGateway.tfResourceType);
    expect(types).not.toContain(VpnConnection.tfResourceType);
    expect(types).not.toContain(VpnConnectionRoute.tfResourceType);
    expect(dxOnly.stack.onPrem.vpnConnection).toBeUndefined();
    expect(dxOnly.stack.onPrem.customerGateway).toBeUndefined();
  });
});

describe('OnPremConnectivity: Direct Connect', () => {
  test('is not associated unless configured', () => {
    expect(resourceTypes(dev.json)).not.toContain(DxGatewayAssociation.tfResourceType);
    expect(resourceTypes(staticVpn.json)).not.toContain(DxGatewayAssociation.tfResourceType);
  });

  test.each([
    ['Direct Connect only', dxOnly, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '10.40.0.0/20'],
    ['VPN and Direct Connect', full, '5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f', '10.30.0.0/16'],
  ])(
    '%s: the gateway is associated with the VPN gateway, advertising only the VPC CIDR',
    (_name, { json }, gateway, vpcCidr) => {
      const { attributes } = onlyResource(json, DxGatewayAssociation);
      expect(attributes).toEqual({
        dx_gateway_id: gateway,
        associated_gateway_id: ref(VpnGateway, onlyResource(json, VpnGateway).id),
        allowed_prefixes: [vpcCidr],
      });
    },
  );

  test('VPN and Direct Connect together keep the VPN', () => {
    expect(entriesOf(full.json, VpnConnection)).toHaveLength(1);
    expect(full.text).toHaveResourceWithProperties(CustomerGateway, { ip_address: '198.51.100.30', bgp_asn: '65030' });
  });
});
