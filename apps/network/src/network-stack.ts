import { hostAddress } from '@privatelink/config';
import { NETWORK_OUTPUTS, publishNetworkHandoff } from '@privatelink/handoff';
import { PrivatelinkStack, protectFromDestroy, type PrivatelinkStackProps } from '@privatelink/stack-kit';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { endpointServices } from './endpoint-services';
import { EndpointZone } from './endpoint-zone';
import { PrivatelinkEndpoints } from './privatelink-endpoints';
import { PrivateVpc } from './private-vpc';
import { ResolverInbound } from './resolver-inbound';
import { OnPremConnectivity } from './site-to-site-vpn';
import { VpcFlowLogs } from './vpc-flow-logs';

/** Address of the resolver inbound endpoint inside each subnet: fixed, so forwarders can be set up front. */
export const RESOLVER_ADDRESS_OFFSET = 10;

/**
 * The network half of one environment in one region (`network-<env>-<region>`): private VPC,
 * SageMaker and supporting interface endpoints, private hosted zone, on-premises connectivity,
 * flow logs, and the outputs the SageMaker stack reads.
 */
export class NetworkStack extends PrivatelinkStack {
  readonly network: PrivateVpc;
  readonly endpoints: PrivatelinkEndpoints;
  readonly zone: EndpointZone;
  readonly onPrem: OnPremConnectivity;
  readonly resolver?: ResolverInbound;

  constructor(scope: Construct, props: PrivatelinkStackProps) {
    const { environment, region } = props.target;
    super(scope, { app: 'network', environment: environment.name, region: region.region }, props);
    const accountRegion = { accountId: environment.accountId, region: region.region };

    this.network = new PrivateVpc(this, 'network', {
      names: this.names,
      cidrBlock: region.vpcCidr,
      availabilityZones: region.availabilityZones,
      subnetCidrs: region.privateSubnetCidrs,
    });
    const flowLogs = new VpcFlowLogs(this, 'flow-logs', { ...accountRegion, vpc: this.network.vpc, names: this.names });
    protectFromDestroy(props.target, this.network.vpc, flowLogs.key);

    this.endpoints = new PrivatelinkEndpoints(this, 'endpoints', {
      ...accountRegion,
      vpc: this.network.vpc,
      vpcCidr: region.vpcCidr,
      subnets: this.network.subnets,
      routeTables: this.network.routeTables,
      services: endpointServices(environment.endpoints, region.region),
      onPremCidrs: environment.onPremCidrs,
      organizationId: environment.organizationId,
      names: this.names,
    });
    this.zone = new EndpointZone(this, 'dns', {
      vpc: this.network.vpc,
      domain: environment.privateZone,
      endpoints: this.endpoints.interfaceEndpoints,
    });
    this.onPrem = new OnPremConnectivity(this, 'on-prem', {
      vpc: this.network.vpc,
      routeTables: this.network.routeTables,
      vpcCidr: region.vpcCidr,
      names: this.names,
      vpn: environment.vpn,
      directConnectGatewayId: environment.directConnectGatewayId,
    });
    if (environment.resolverInboundEndpoint) {
      this.resolver = new ResolverInbound(this, 'resolver-inbound', {
        vpc: this.network.vpc,
        subnets: this.network.subnets,
        ipAddresses: region.privateSubnetCidrs.map((subnet) => hostAddress(subnet, RESOLVER_ADDRESS_OFFSET)),
        onPremCidrs: environment.onPremCidrs,
        names: this.names,
      });
    }

    const api = this.endpoints.endpoint('sagemaker-api');
    const notebook = this.endpoints.endpoint('notebook');
    const apiDnsName = api.dnsEntry.get(0).dnsName;
    publishNetworkHandoff(this, {
      vpcId: this.network.vpc.id,
      vpcCidr: region.vpcCidr,
      privateSubnetIds: this.network.subnets.map((subnet) => subnet.id),
      endpointSecurityGroupId: this.endpoints.securityGroup.id,
      apiEndpointId: api.id,
      apiEndpointDnsName: apiDnsName,
      notebookEndpointId: notebook.id,
      notebookEndpointDnsName: notebook.dnsEntry.get(0).dnsName,
      privateZoneId: this.zone.zone.zoneId,
      s3PrefixListId: this.endpoints.s3Gateway.prefixListId,
    });
    this.output(NETWORK_OUTPUTS.vpnGatewayId, this.onPrem.vpnGateway.id);
    this.output(NETWORK_OUTPUTS.privateZoneCheckNames, [...this.zone.recordNames.values()]);
    if (this.onPrem.vpnConnection) {
      // Only the id: the connection's tunnel details and customer_gateway_configuration hold the
      // AWS-generated keys and are never output.
      this.output(NETWORK_OUTPUTS.vpnConnectionId, this.onPrem.vpnConnection.id);
    }
    if (this.resolver) {
      this.output(
        NETWORK_OUTPUTS.resolverInboundIpAddresses,
        region.privateSubnetCidrs.map((subnet) => hostAddress(subnet, RESOLVER_ADDRESS_OFFSET)),
      );
    }
    this.output(
      NETWORK_OUTPUTS.listNotebooksCommand,
      Fn.join('', [`aws sagemaker list-notebook-instances --region ${region.region} --endpoint-url https://`, apiDnsName]),
    );
  }
}
