import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Names } from '@privatelink/stack-kit';
import { Construct } from 'constructs';
import { cidrKey } from './cidr-key';

export interface ResolverInboundProps {
  readonly vpc: Vpc;
  readonly subnets: readonly Subnet[];
  /** Fixed resolver addresses, one per subnet, so on-premises forwarders can be configured up front. */
  readonly ipAddresses: readonly string[];
  /** On-premises DNS servers' networks, allowed to query. */
  readonly onPremCidrs: readonly string[];
  /** The target's names: security group, endpoint. */
  readonly names: Names;
}

/** A Route 53 Resolver inbound endpoint, so on-premises DNS can forward the private names to the VPC. */
export class ResolverInbound extends Construct {
  readonly endpoint: Route53ResolverEndpoint;

  constructor(scope: Construct, id: string, props: ResolverInboundProps) {
    super(scope, id);
    const securityGroup = new SecurityGroup(this, 'security-group', {
      name: props.names.resolverSecurityGroup(),
      description: 'Route 53 Resolver inbound endpoint: DNS from on-premises only',
      vpcId: props.vpc.id,
      tags: { Name: props.names.resolverSecurityGroup() },
    });
    props.onPremCidrs.forEach((cidr) => {
      for (const protocol of ['udp', 'tcp']) {
        new VpcSecurityGroupIngressRule(this, `dns-${protocol}-from-on-prem-${cidrKey(cidr)}`, {
          securityGroupId: securityGroup.id,
          description: `DNS over ${protocol.toUpperCase()} from on-premises ${cidr}`,
          ipProtocol: protocol,
          fromPort: 53,
          toPort: 53,
          cidrIpv4: cidr,
        });
      }
    });
    this.endpoint = new Route53ResolverEndpoint(this, 'endpoint', {
      name: props.names.resolverEndpoint(),
      direction: 'INBOUND',
      securityGroupIds: [securityGroup.id],
      ipAddress: props.subnets.map((subnet, i) => ({ subnetId: subnet.id, ip: props.ipAddresses[i] })),
      tags: { Name: props.names.resolverEndpoint() },
    });
  }
}
