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
 * A private hosted zone, associated with the VPC, with one DNS-only name per endpoint
 * (`<key>.<domain>` -> the endpoint's regional name): one conditional forwarder for the zone lets
 * on-premises DNS be checked end to end (`dig sagemaker-api.<domain>` answers with the endpoint's
 * addresses in the VPC). These are not HTTPS names: an interface endpoint's certificate carries the
 * service's names and the endpoint's `*.vpce.amazonaws.com` names, not a CNAME of your own zone, so
 * `https://sagemaker-api.<domain>` fails certificate verification. HTTPS clients use the endpoint's
 * own name (`api_endpoint_dns_name`) or, with the endpoint's private DNS, the service name.
 */
export class EndpointZone extends Construct {
  readonly zone: Route53Zone;
  /** The DNS-only names, by endpoint key. */
  readonly recordNames: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: EndpointZoneProps) {
    super(scope, id);
    this.zone = new Route53Zone(this, 'zone', {
      name: props.domain,
      comment: 'DNS-only names of the SageMaker PrivateLink endpoints, for checking resolution; not for HTTPS',
      vpc: [{ vpcId: props.vpc.id }],
    });
    const names = new Map<string, string>();
    this.recordNames = names;
    for (const [label, endpoint] of props.endpoints) {
      names.set(label, `${label}.${props.domain}`);
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
