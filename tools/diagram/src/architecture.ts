import { NETWORK_HANDOFF_OUTPUTS } from '@privatelink/handoff';
import type { SynthesizedResource, SynthesizedStack } from './synthesized-stacks';

export interface Subnet {
  readonly availabilityZone: string;
  readonly cidr: string;
}

export interface Endpoint {
  /** The construct id: `sagemaker-api`, `notebook`, `sts`, ... */
  readonly key: string;
  readonly serviceName: string;
}

export interface Notebook {
  readonly name: string;
  readonly instanceType: string;
  /** @default - not known from the synth output */
  readonly availabilityZone?: string;
}

/** What one env-region deploys, read from its network and SageMaker stacks as synthesized. */
export interface Architecture {
  readonly environment: string;
  readonly region: string;
  readonly accountId: string;
  readonly stacks: readonly string[];
  readonly vpc: { readonly name: string; readonly cidr: string };
  /** In config order (the order of the `private_subnet_ids` output). */
  readonly subnets: readonly Subnet[];
  readonly onPremCidrs: readonly string[];
  readonly endpointSecurityGroup: { readonly name: string; readonly ingressCidrs: readonly string[] };
  /** The SageMaker API endpoint first, then the notebook endpoint, then the others by key. */
  readonly interfaceEndpoints: readonly Endpoint[];
  readonly apiEndpoint: Endpoint;
  readonly notebookEndpoint: Endpoint;
  readonly gatewayEndpoints: readonly Endpoint[];
  readonly vpn?: { readonly customerGatewayIp: string; readonly bgpAsn: string; readonly staticRoutes?: readonly string[] };
  readonly vpnGateway?: { readonly amazonSideAsn: string };
  readonly directConnectGatewayId?: string;
  readonly privateZone?: { readonly name: string; readonly records: readonly string[] };
  readonly resolverInboundAddresses?: readonly string[];
  readonly notebooks: readonly Notebook[];
  readonly notebookSecurityGroup?: string;
}

const REFERENCE = /\$\{(aws_[a-z0-9_]+)\.([^.}[\s]+)/;
const SUBNET_ELEMENT = /element\(data\.terraform_remote_state\.network\.outputs\.private_subnet_ids, (\d+)\)/;

function ofType(stack: SynthesizedStack | undefined, type: string): SynthesizedResource[] {
  return (stack?.resources ?? []).filter((resource) => resource.type === type);
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The resource a `${aws_x.id.attr}` reference points at. */
function referenced(stack: SynthesizedStack, reference: unknown): SynthesizedResource | undefined {
  const match = REFERENCE.exec(text(reference));
  return match ? stack.resources.find((resource) => resource.type === match[1] && resource.id === match[2]) : undefined;
}

function required(stack: SynthesizedStack, output: string): SynthesizedResource {
  const resource = referenced(stack, stack.outputs[output]);
  if (!resource) throw new Error(`${stack.name}: output ${output} does not reference a resource of the stack`);
  return resource;
}

/** The construct id of a resource: the last segment of its construct path. */
function constructKey(resource: SynthesizedResource): string {
  const path = text((resource.body['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path);
  return path.split('/').pop() || resource.id;
}

function endpointOf(resource: SynthesizedResource): Endpoint {
  return { key: constructKey(resource), serviceName: text(resource.body['service_name']) };
}

/** Reads the architecture of one env-region from its synthesized network stack and, when there is one, its SageMaker stack. */
export function architectureOf(network: SynthesizedStack, sagemaker?: SynthesizedStack): Architecture {
  const vpcResource = ofType(network, 'aws_vpc')[0];
  if (!vpcResource) throw new Error(`${network.name} has no aws_vpc: not a network stack`);
  const vpcCidr = text(vpcResource.body['cidr_block']);

  const subnetIds = network.outputs[NETWORK_HANDOFF_OUTPUTS.privateSubnetIds.output];
  const subnets = (Array.isArray(subnetIds) ? subnetIds : []).map((reference) => {
    const subnet = referenced(network, reference);
    if (!subnet) throw new Error(`${network.name}: private_subnet_ids names an unknown subnet ${text(reference)}`);
    return { availabilityZone: text(subnet.body['availability_zone']), cidr: text(subnet.body['cidr_block']) };
  });

  const securityGroup = required(network, NETWORK_HANDOFF_OUTPUTS.endpointSecurityGroupId.output);
  const ingressCidrs = ofType(network, 'aws_vpc_security_group_ingress_rule')
    .filter((rule) => referenced(network, rule.body['security_group_id']) === securityGroup)
    .map((rule) => text(rule.body['cidr_ipv4']))
    .sort((a, b) => Number(b === vpcCidr) - Number(a === vpcCidr));

  const apiEndpoint = endpointOf(required(network, NETWORK_HANDOFF_OUTPUTS.apiEndpointId.output));
  const notebookEndpoint = endpointOf(required(network, NETWORK_HANDOFF_OUTPUTS.notebookEndpointId.output));
  const endpoints = ofType(network, 'aws_vpc_endpoint');
  const rank = (endpoint: Endpoint) => [apiEndpoint.key, notebookEndpoint.key].indexOf(endpoint.key) >>> 0;
  const interfaceEndpoints = endpoints
    .filter((resource) => resource.body['vpc_endpoint_type'] === 'Interface')
    .map(endpointOf)
    .sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
  const gatewayEndpoints = endpoints
    .filter((resource) => resource.body['vpc_endpoint_type'] === 'Gateway')
    .map(endpointOf)
    .sort((a, b) => a.key.localeCompare(b.key));

  const customerGateway = ofType(network, 'aws_customer_gateway')[0];
  const vpnConnection = ofType(network, 'aws_vpn_connection')[0];
  const vpnGateway = ofType(network, 'aws_vpn_gateway')[0];
  const directConnect = ofType(network, 'aws_dx_gateway_association')[0];
  const zone = ofType(network, 'aws_route53_zone')[0];
  const resolver = ofType(network, 'aws_route53_resolver_endpoint').find((endpoint) => endpoint.body['direction'] === 'INBOUND');
  const staticRoutes = ofType(network, 'aws_vpn_connection_route').map((route) => text(route.body['destination_cidr_block']));

  const notebookResources = ofType(sagemaker, 'aws_sagemaker_notebook_instance');
  const notebookSecurityGroup = sagemaker && notebookResources[0] ? referenced(sagemaker, (notebookResources[0].body['security_groups'] as unknown[])?.[0]) : undefined;

  return {
    environment: network.provider.environment,
    region: network.provider.region,
    accountId: network.provider.accountId,
    stacks: sagemaker ? [network.name, sagemaker.name] : [network.name],
    vpc: { name: text((vpcResource.body['tags'] as Record<string, string> | undefined)?.['Name']), cidr: vpcCidr },
    subnets,
    onPremCidrs: ingressCidrs.filter((cidr) => cidr !== vpcCidr),
    endpointSecurityGroup: { name: text(securityGroup.body['name']), ingressCidrs },
    interfaceEndpoints,
    apiEndpoint,
    notebookEndpoint,
    gatewayEndpoints,
    ...(customerGateway && vpnConnection
      ? {
          vpn: {
            customerGatewayIp: text(customerGateway.body['ip_address']),
            bgpAsn: text(customerGateway.body['bgp_asn']),
            ...(vpnConnection.body['static_routes_only'] === true ? { staticRoutes } : {}),
          },
        }
      : {}),
    ...(vpnGateway ? { vpnGateway: { amazonSideAsn: text(vpnGateway.body['amazon_side_asn']) } } : {}),
    ...(directConnect ? { directConnectGatewayId: text(directConnect.body['dx_gateway_id']) } : {}),
    ...(zone
      ? {
          privateZone: {
            name: text(zone.body['name']),
            records: ofType(network, 'aws_route53_record')
              .filter((record) => referenced(network, record.body['zone_id']) === zone)
              .map((record) => text(record.body['name']))
              .sort(),
          },
        }
      : {}),
    ...(resolver
      ? { resolverInboundAddresses: ((resolver.body['ip_address'] as { ip?: string }[] | undefined) ?? []).map((address) => text(address.ip)) }
      : {}),
    notebooks: notebookResources
      .map((resource) => {
        const index = SUBNET_ELEMENT.exec(text(resource.body['subnet_id']))?.[1];
        const subnet = index === undefined ? undefined : subnets[Number(index)];
        return {
          name: text(resource.body['name']),
          instanceType: text(resource.body['instance_type']),
          ...(subnet ? { availabilityZone: subnet.availabilityZone } : {}),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    ...(notebookSecurityGroup ? { notebookSecurityGroup: text(notebookSecurityGroup.body['name']) } : {}),
  };
}
