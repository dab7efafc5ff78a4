import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { DeploymentTarget } from '@privatelink/config';
import {
  defaultInterfaceServices,
  entriesOf,
  extraInterfaceServices,
  fullTarget,
  onlyResource,
  ref,
  synthNetwork,
  testTarget,
  type ExpectedServices,
} from './testing';

// GIVEN the dev target (private zone ml.dev.example.internal), WHEN synthesized
const dev = synthNetwork(testTarget());

describe('EndpointZone: private hosted zone', () => {
  test('is named after the configured domain and associated with the VPC (a vpc block makes it private)', () => {
    const { attributes } = onlyResource(dev.json, Route53Zone);
    expect(attributes['name']).toBe('ml.dev.example.internal');
    expect(attributes['vpc']).toEqual([{ vpc_id: ref(Vpc, onlyResource(dev.json, Vpc).id) }]);
    expect(typeof attributes['comment']).toBe('string');
  });
});

describe('EndpointZone: endpoint records', () => {
  function expectOneCnamePerInterfaceEndpoint(target: DeploymentTarget, services: ExpectedServices) {
    const { json } = synthNetwork(target);
    const domain = target.environment.privateZone;
    const zone = onlyResource(json, Route53Zone);
    const endpointByService = new Map(
      entriesOf(json, VpcEndpoint).map(([id, endpoint]) => [endpoint['service_name'], id] as const),
    );
    const interfaceCount = entriesOf(json, VpcEndpoint).filter(
      ([, e]) => e['vpc_endpoint_type'] === 'Interface',
    ).length;
    const records = entriesOf(json, Route53Record).map(([, record]) => record);

    expect(records).toHaveLength(interfaceCount);
    expect(records).toHaveLength(Object.keys(services).length);
    for (const [label, serviceName] of Object.entries(services)) {
      const endpointId = endpointByService.get(serviceName);
      expect(endpointId).toBeDefined();
      expect(records).toContainEqual({
        zone_id: ref(Route53Zone, zone.id, 'zone_id'),
        name: `${label}.${domain}`,
        type: 'CNAME',
        ttl: 300,
        records: [ref(VpcEndpoint, endpointId as string, 'dns_entry[0].dns_name')],
      });
    }
  }

  test('dev: one CNAME <key>.<domain> per default interface endpoint, to its regional DNS name', () => {
    expectOneCnamePerInterfaceEndpoint(testTarget(), defaultInterfaceServices('us-west-2'));
  });

  test('full: the optional endpoints get records too', () => {
    const extras = Object.values(extraInterfaceServices('us-west-2')).reduce(
      (all, services) => ({ ...all, ...services }),
      {},
    );
    expectOneCnamePerInterfaceEndpoint(fullTarget(), { ...defaultInterfaceServices('us-west-2'), ...extras });
  });

  test('the S3 gateway endpoint gets no record (it has no DNS name of its own)', () => {
    for (const [, record] of entriesOf(dev.json, Route53Record)) expect(record['name']).not.toMatch(/^s3\./);
  });

  test('names the SageMaker API endpoint sagemaker-api.<domain>', () => {
    expect(dev.text).toHaveResourceWithProperties(Route53Record, {
      name: 'sagemaker-api.ml.dev.example.internal',
      type: 'CNAME',
    });
  });
});
