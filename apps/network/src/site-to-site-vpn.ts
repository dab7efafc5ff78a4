import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { DxGatewayAssociation } from '@cdktf/provider-aws/lib/dx-gateway-association';
import type { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpnConnection, type VpnConnectionConfig } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnConnectionRoute } from '@cdktf/provider-aws/lib/vpn-connection-route';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import type { VpnConfig } from '@privatelink/config';
import type { Names } from '@privatelink/stack-kit';
import { Construct } from 'constructs';
import { cidrKey } from './cidr-key';

/** IKEv2 only; AES-256, SHA-2 and DH groups 14-21 on both phases. Nothing weaker is offered. */
export const TUNNEL_CRYPTO = {
  ikeVersions: ['ikev2'],
  encryptionAlgorithms: ['AES256', 'AES256-GCM-16'],
  integrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  dhGroupNumbers: [14, 15, 16, 17, 18, 19, 20, 21],
} as const;

/** The Amazon side's ASN (the AWS default); config refuses it for the customer side. */
export const AMAZON_SIDE_ASN = 64512;

function tunnelSettings(): Partial<VpnConnectionConfig> {
  const settings: Record<string, unknown> = {};
  for (const tunnel of ['tunnel1', 'tunnel2']) {
    settings[`${tunnel}IkeVersions`] = [...TUNNEL_CRYPTO.ikeVersions];
    for (const phase of ['Phase1', 'Phase2']) {
      settings[`${tunnel}${phase}EncryptionAlgorithms`] = [...TUNNEL_CRYPTO.encryptionAlgorithms];
      settings[`${tunnel}${phase}IntegrityAlgorithms`] = [...TUNNEL_CRYPTO.integrityAlgorithms];
      settings[`${tunnel}${phase}DhGroupNumbers`] = [...TUNNEL_CRYPTO.dhGroupNumbers];
    }
  }
  return settings as Partial<VpnConnectionConfig>;
}

export interface OnPremConnectivityProps {
  readonly vpc: Vpc;
  /** Route tables that learn the on-premises routes. */
  readonly routeTables: readonly RouteTable[];
  readonly vpcCidr: string;
  /** The target's names (Name tags). */
  readonly names: Names;
  /**
   * Site-to-site VPN settings.
   * @default - no VPN
   */
  readonly vpn?: VpnConfig;
  /**
   * Direct Connect gateway to associate with the VPN gateway.
   * @default - no Direct Connect
   */
  readonly directConnectGatewayId?: string;
}

/**
 * The VPN gateway on the VPC and what reaches it from on-premises: a site-to-site VPN (BGP, or
 * static routes when configured) with AWS-generated tunnel keys, and an optional Direct Connect
 * gateway association. Routes propagate into the private route tables.
 */
export class OnPremConnectivity extends Construct {
  readonly vpnGateway: VpnGateway;
  readonly customerGateway?: CustomerGateway;
  readonly vpnConnection?: VpnConnection;
  readonly directConnectAssociation?: DxGatewayAssociation;

  constructor(scope: Construct, id: string, props: OnPremConnectivityProps) {
    super(scope, id);
    this.vpnGateway = new VpnGateway(this, 'vpn-gateway', {
      vpcId: props.vpc.id,
      amazonSideAsn: String(AMAZON_SIDE_ASN),
      tags: { Name: props.names.vpnGatewayTag() },
    });

    if (props.vpn) {
      const staticRoutes = props.vpn.staticRoutes;
      this.customerGateway = new CustomerGateway(this, 'customer-gateway', {
        type: 'ipsec.1',
        ipAddress: props.vpn.customerGatewayIp,
        bgpAsn: String(props.vpn.bgpAsn),
        tags: { Name: props.names.customerGatewayTag() },
      });
      // No tunnel preshared keys: AWS generates them, so they never appear in config or code.
      const connection = new VpnConnection(this, 'vpn-connection', {
        type: 'ipsec.1',
        vpnGatewayId: this.vpnGateway.id,
        customerGatewayId: this.customerGateway.id,
        staticRoutesOnly: staticRoutes !== undefined,
        ...tunnelSettings(),
        tags: { Name: props.names.vpnConnectionTag() },
      });
      this.vpnConnection = connection;
      (staticRoutes ?? []).forEach((cidr) => {
        new VpnConnectionRoute(this, `static-route-${cidrKey(cidr)}`, {
          vpnConnectionId: connection.id,
          destinationCidrBlock: cidr,
        });
      });
    }

    if (props.directConnectGatewayId) {
      this.directConnectAssociation = new DxGatewayAssociation(this, 'direct-connect', {
        dxGatewayId: props.directConnectGatewayId,
        associatedGatewayId: this.vpnGateway.id,
        allowedPrefixes: [props.vpcCidr],
      });
    }

    // "Do not enable route propagation until after you've associated a virtual gateway with a Direct
    // Connect gateway. If you enable route propagation before associating the gateways, routes might
    // be propagated incorrectly." (https://docs.aws.amazon.com/directconnect/latest/UserGuide/virtualgateways.html)
    // Nothing in the propagation refers to the association, so Terraform would create both at once.
    const association = this.directConnectAssociation;
    props.routeTables.forEach((table) => {
      // Keyed by the route table (one per zone), not its position in the list.
      new VpnGatewayRoutePropagation(this, `route-propagation-${table.node.id}`, {
        vpnGatewayId: this.vpnGateway.id,
        routeTableId: table.id,
        ...(association ? { dependsOn: [association] } : {}),
      });
    });
  }
}
