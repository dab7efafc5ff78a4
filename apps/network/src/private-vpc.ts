import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import type { Names } from '@privatelink/stack-kit';
import { Construct } from 'constructs';

export interface PrivateVpcProps {
  /** The target's names (Name tags). */
  readonly names: Names;
  readonly cidrBlock: string;
  /** Availability zones, in order; one private subnet and route table each. */
  readonly availabilityZones: readonly string[];
  /** One CIDR per availability zone, same order. */
  readonly subnetCidrs: readonly string[];
}

/**
 * A VPC with private subnets only: no internet gateway, no NAT, no public IPs, and its default
 * security group stripped of every rule so nothing can fall back on it.
 */
export class PrivateVpc extends Construct {
  readonly vpc: Vpc;
  readonly subnets: Subnet[];
  readonly routeTables: RouteTable[];

  constructor(scope: Construct, id: string, props: PrivateVpcProps) {
    super(scope, id);
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.names.vpcTag() },
    });
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: props.names.defaultSecurityGroupTag() },
    });
    this.subnets = [];
    this.routeTables = [];
    props.availabilityZones.forEach((zone, i) => {
      const subnet = new Subnet(this, `private-${zone}`, {
        vpcId: this.vpc.id,
        availabilityZone: zone,
        cidrBlock: props.subnetCidrs[i],
        mapPublicIpOnLaunch: false,
        tags: { Name: props.names.subnetTag(zone) },
      });
      const routeTable = new RouteTable(this, `private-${zone}-routes`, {
        vpcId: this.vpc.id,
        tags: { Name: props.names.routeTableTag(zone) },
      });
      new RouteTableAssociation(this, `private-${zone}-routes-association`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      this.subnets.push(subnet);
      this.routeTables.push(routeTable);
    });
  }
}
