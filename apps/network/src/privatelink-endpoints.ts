import type { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { endpointPolicy, renderPolicy, s3GatewayPolicy, stsEndpointPolicy } from '@privatelink/policies';
import type { Names } from '@privatelink/stack-kit';
import { Construct } from 'constructs';
import { cidrKey } from './cidr-key';
import { s3GatewayServiceName, type EndpointService } from './endpoint-services';

export interface PrivatelinkEndpointsProps {
  readonly vpc: Vpc;
  readonly vpcCidr: string;
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  /** Interface endpoints to create, with private DNS. */
  readonly services: readonly EndpointService[];
  /** On-premises networks allowed to reach the endpoints over VPN or Direct Connect. */
  readonly onPremCidrs: readonly string[];
  /** Only principals of this account may use the endpoints. */
  readonly accountId: string;
  /**
   * The account's AWS Organizations organization: the endpoints then reach the organization's
   * resources instead of the account's only.
   * @default - the account's resources only
   */
  readonly organizationId?: string;
  readonly region: string;
  /** The target's names: security group, Name tags. */
  readonly names: Names;
}

/**
 * The interface endpoints (private DNS, own principals to own resources) behind one security group
 * that admits HTTPS from the VPC and on-premises only, plus the S3 gateway endpoint on the route tables.
 */
export class PrivatelinkEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  /** Interface endpoints by service key (`sagemaker-api`, `notebook`, ...). */
  readonly interfaceEndpoints: ReadonlyMap<string, VpcEndpoint>;
  readonly s3Gateway: VpcEndpoint;

  constructor(scope: Construct, id: string, props: PrivatelinkEndpointsProps) {
    super(scope, id);
    const perimeter = {
      accountId: props.accountId,
      ...(props.organizationId === undefined ? {} : { organizationId: props.organizationId }),
    };
    const policy = renderPolicy(endpointPolicy(perimeter));
    // SAML and OIDC sign-in are unsigned (no aws:PrincipalAccount): STS has a policy of its own.
    const stsPolicy = renderPolicy(stsEndpointPolicy(perimeter));

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: props.names.endpointSecurityGroup(),
      description: 'SageMaker and AWS interface endpoints: HTTPS from the VPC and on-premises only',
      vpcId: props.vpc.id,
      tags: { Name: props.names.endpointSecurityGroup() },
    });
    const sources = [
      { key: 'vpc', cidr: props.vpcCidr, description: 'HTTPS from the VPC' },
      ...props.onPremCidrs.map((cidr) => ({
        // Keyed by the CIDR, not its position: removing one network leaves the others' rules in place.
        key: `on-prem-${cidrKey(cidr)}`,
        cidr,
        description: `HTTPS from on-premises ${cidr} over VPN or Direct Connect`,
      })),
    ];
    for (const source of sources) {
      new VpcSecurityGroupIngressRule(this, `https-from-${source.key}`, {
        securityGroupId: this.securityGroup.id,
        description: source.description,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: source.cidr,
      });
    }

    const endpoints = new Map<string, VpcEndpoint>();
    for (const service of props.services) {
      endpoints.set(
        service.key,
        new VpcEndpoint(this, service.key, {
          vpcId: props.vpc.id,
          serviceName: service.serviceName,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: props.subnets.map((subnet) => subnet.id),
          securityGroupIds: [this.securityGroup.id],
          policy: service.key === 'sts' ? stsPolicy : policy,
          tags: { Name: props.names.endpointTag(service.key) },
        }),
      );
    }
    this.interfaceEndpoints = endpoints;

    this.s3Gateway = new VpcEndpoint(this, 's3', {
      vpcId: props.vpc.id,
      serviceName: s3GatewayServiceName(props.region),
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTables.map((table) => table.id),
      policy: renderPolicy(
        s3GatewayPolicy({
          ...perimeter,
          region: props.region,
          allowEcrLayers: props.services.some((service) => service.key === 'ecr-dkr'),
        }),
      ),
      tags: { Name: props.names.endpointTag('s3') },
    });
  }

  /** The endpoint of a service key; throws on a key that was not configured. */
  endpoint(key: string): VpcEndpoint {
    const endpoint = this.interfaceEndpoints.get(key);
    if (!endpoint) throw new Error(`no interface endpoint '${key}'; configured: ${[...this.interfaceEndpoints.keys()].join(', ')}`);
    return endpoint;
  }
}
