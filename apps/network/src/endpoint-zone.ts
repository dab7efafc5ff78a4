import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import type { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';

export interface EndpointZoneProps {
  readonly vpc: Vpc;
  /** Domain of the private hosted zone, e.g. `ml.dev.example.internal`. */
  readonly domain: string;
  /** Endpoints to name, by DNS label: `<label>.<domain>` points at the endpoint's regional name. */
  readonly endpoints: ReadonlyMap<string, VpcEndpoint>;
}

/**
 * A private hosted zone, associated with the VPC, giving each endpoint a friendly name. HTTPS
 * clients still address the endpoint by its own name (the certificate covers that one).
 */
export class EndpointZone extends Construct {
  readonly zone: Route53Zone;

  constructor(scope: Construct, id: string, props: EndpointZoneProps) {
    super(scope, id);
    this.zone = new Route53Zone(this, 'zone', {
      name: props.domain,
      comment: 'Friendly names of the SageMaker PrivateLink endpoints',
      vpc: [{ vpcId: props.vpc.id }],
    });
    for (const [label, endpoint] of props.endpoints) {
      new Route53Record(this, label, {
        zoneId: this.zone.zoneId,
        name: `${label}.${props.domain}`,
        type: 'CNAME',
        ttl: 300,
        records: [endpoint.dnsEntry.get(0).dnsName],
      });
    }
  }
}
