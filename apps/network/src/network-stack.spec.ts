import { kmsKeyEnabled, kmsKeyNoPublicPrincipal, kmsKeyPolicy, kmsKeyRotation } from '@privatelink/guardrails';
import { NETWORK_OUTPUTS } from '@privatelink/handoff';
import { posix, resolve } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { deploymentTargets, loadConfig, type DeploymentTarget } from '@privatelink/config';
import { NETWORK_HANDOFF_OUTPUTS, type NetworkHandoff } from '@privatelink/handoff';
import {
  absolutePathsIn,
  directConnectOnlyTarget,
  entriesOf,
  fullTarget,
  onlyResource,
  ref,
  resourceTypes,
  packFindings,
  staticVpnTarget,
  synthNetwork,
  synthToFiles,
  testTarget,
  type SynthesizedStack,
} from './testing';

const dev = synthNetwork(testTarget());
const staging = synthNetwork(staticVpnTarget());
const full = synthNetwork(fullTarget());
const dxOnly = synthNetwork(directConnectOnlyTarget());

/** The stacks main.ts builds from the real config file, read by absolute path so a leak would show. */
const configuredTargets = deploymentTargets(loadConfig(resolve(__dirname, '../../../config/environments.yaml')));

const fixtures: [string, DeploymentTarget][] = [
  ['dev', testTarget()],
  ['staging-like', staticVpnTarget()],
  ['full', fullTarget()],
  ['Direct Connect only', directConnectOnlyTarget()],
  ...configuredTargets.map((target): [string, DeploymentTarget] => [
    `config/environments.yaml ${target.environment.name}/${target.region.region}`,
    target,
  ]),
];

function endpointIdOf(json: SynthesizedStack, serviceName: string): string {
  const [id] = entriesOf(json, VpcEndpoint).find(([, endpoint]) => endpoint['service_name'] === serviceName) ?? [];
  if (!id) throw new Error(`no endpoint for ${serviceName}`);
  return id;
}

describe('NetworkStack: identity, provider and backend', () => {
  test.each([
    [testTarget(), 'network-dev-us-west-2'],
    [directConnectOnlyTarget(), 'network-dxonly-eu-west-1'],
  ])('stack id is network-<env>-<region>: %#', (target, id) => {
    expect(synthNetwork(target).stack.node.id).toBe(id);
  });

  test('one AWS provider pinned to the region and the environment account, with the default tags', () => {
    expect(dev.text).toHaveProviderWithProperties(AwsProvider, {
      region: 'us-west-2',
      allowed_account_ids: ['111111111111'],
      default_tags: [
        {
          tags: {
            'cost-center': 'ml-platform',
            project: 'sagemaker-privatelink',
            environment: 'dev',
            'managed-by': 'cdktf',
          },
        },
      ],
    });
    expect(dev.json.provider?.['aws']).toHaveLength(1);
    expect(dev.json.provider?.['aws']?.[0]['alias']).toBeUndefined();
  });

  test('every environment tag is carried, next to project, environment and managed-by', () => {
    expect(full.text).toHaveProviderWithProperties(AwsProvider, {
      region: 'us-west-2',
      allowed_account_ids: ['333333333333'],
      default_tags: [
        {
          tags: {
            'cost-center': 'ml-platform',
            'data-classification': 'phi',
            project: 'sagemaker-privatelink',
            environment: 'prod',
            'managed-by': 'cdktf',
          },
        },
      ],
    });
  });

  test('the project name and region come from the target', () => {
    const other = synthNetwork(
      testTarget({
        project: 'acme-ml',
        regionName: 'eu-west-1',
        region: { availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
      }),
    );
    expect(other.stack.node.id).toBe('network-dev-eu-west-1');
    expect(other.text).toHaveProviderWithProperties(AwsProvider, {
      region: 'eu-west-1',
      default_tags: [
        { tags: { 'cost-center': 'ml-platform', project: 'acme-ml', environment: 'dev', 'managed-by': 'cdktf' } },
      ],
    });
  });

  test('an environment without tags gets the three identity tags only', () => {
    const untagged = synthNetwork(testTarget({ environment: { tags: undefined } }));
    expect(untagged.json.provider?.['aws']?.[0]['default_tags']).toEqual([
      { tags: { project: 'sagemaker-privatelink', environment: 'dev', 'managed-by': 'cdktf' } },
    ]);
  });

  test('the backend is local, at a path relative to the stack folder', () => {
    expect(dev.json.terraform.backend).toEqual({ local: { path: '../../../terraform.network-dev-us-west-2.tfstate' } });
    expect(dxOnly.json.terraform.backend).toEqual({
      local: { path: '../../../terraform.network-dxonly-eu-west-1.tfstate' },
    });
  });

  test('from the stack working directory in the manifest, the state lands at the repository root', () => {
    const { manifest } = synthToFiles(testTarget());
    const { workingDirectory } = (JSON.parse(manifest) as { stacks: Record<string, { workingDirectory: string }> })
      .stacks['network-dev-us-west-2'];
    const statePath = dev.json.terraform.backend?.['local']?.['path'] as string;
    expect(posix.normalize(posix.join('cdktf.out', workingDirectory, statePath))).toBe(
      'terraform.network-dev-us-west-2.tfstate',
    );
  });
});

describe('NetworkStack: handoff outputs', () => {
  const outputs = dev.json.output ?? {};

  test.each(Object.entries(NETWORK_HANDOFF_OUTPUTS).map(([field, spec]) => [field, spec.output, spec] as const))(
    '%s is published as %s with its description',
    (_field, _output, spec) => {
      expect(outputs[spec.output]).toBeDefined();
      expect(outputs[spec.output].description).toBe(spec.description);
      expect(spec.description.trim()).not.toBe('');
    },
  );

  test('each handoff output carries the value the SageMaker stack expects', () => {
    const apiId = endpointIdOf(dev.json, 'com.amazonaws.us-west-2.sagemaker.api');
    const notebookId = endpointIdOf(dev.json, 'aws.sagemaker.us-west-2.notebook');
    const s3Id = endpointIdOf(dev.json, 'com.amazonaws.us-west-2.s3');
    const endpointGroup = entriesOf(dev.json, SecurityGroup).find(
      ([, sg]) => sg['name'] === 'sagemaker-privatelink-dev-endpoints',
    );
    const expected: Record<keyof NetworkHandoff, unknown> = {
      vpcId: ref(Vpc, onlyResource(dev.json, Vpc).id),
      vpcCidr: '10.10.0.0/16',
      privateSubnetIds: entriesOf(dev.json, Subnet).map(([id]) => ref(Subnet, id)),
      endpointSecurityGroupId: ref(SecurityGroup, endpointGroup?.[0] ?? 'missing'),
      apiEndpointId: ref(VpcEndpoint, apiId),
      apiEndpointDnsName: ref(VpcEndpoint, apiId, 'dns_entry[0].dns_name'),
      notebookEndpointId: ref(VpcEndpoint, notebookId),
      notebookEndpointDnsName: ref(VpcEndpoint, notebookId, 'dns_entry[0].dns_name'),
      privateZoneId: ref(Route53Zone, onlyResource(dev.json, Route53Zone).id, 'zone_id'),
      s3PrefixListId: ref(VpcEndpoint, s3Id, 'prefix_list_id'),
    };
    for (const [field, value] of Object.entries(expected)) {
      expect([field, outputs[NETWORK_HANDOFF_OUTPUTS[field as keyof NetworkHandoff].output].value]).toEqual([
        field,
        value,
      ]);
    }
    expect(entriesOf(dev.json, Subnet)).toHaveLength(2);
  });

  test.each(fixtures)('%s: every output has a description', (_name, target) => {
    for (const [name, output] of Object.entries(synthNetwork(target).json.output ?? {})) {
      expect([name, typeof output.description === 'string' && output.description.trim() !== '']).toEqual([name, true]);
    }
  });
});

describe('NetworkStack: other outputs', () => {
  test('vpn_gateway_id is always published', () => {
    for (const { json } of [dev, dxOnly]) {
      expect(json.output?.['vpn_gateway_id']?.value).toBe(ref(VpnGateway, onlyResource(json, VpnGateway).id));
    }
  });

  test('vpn_connection_id only with a VPN', () => {
    expect(dev.json.output?.['vpn_connection_id']).toEqual({
      description: 'ID of the site-to-site VPN connection.',
      value: ref(VpnConnection, onlyResource(dev.json, VpnConnection).id),
    });
    expect(dxOnly.json.output?.['vpn_connection_id']).toBeUndefined();
  });

  test('resolver_inbound_ip_addresses only with the resolver endpoint, listing its addresses', () => {
    expect(dev.json.output?.['resolver_inbound_ip_addresses']).toBeUndefined();
    expect(staging.json.output?.['resolver_inbound_ip_addresses']?.value).toEqual([
      '10.20.0.10',
      '10.20.64.10',
      '10.20.128.10',
    ]);
    expect(staging.json.output?.['resolver_inbound_ip_addresses']?.description).toBe(NETWORK_OUTPUTS.resolverInboundIpAddresses.description);
  });

  test.each([
    ['dev', dev, 'us-west-2'],
    ['Direct Connect only', dxOnly, 'eu-west-1'],
  ])('%s: list_notebooks_command calls the SageMaker API endpoint of %s', (_name, { json }, region) => {
    const command = json.output?.['list_notebooks_command']?.value;
    expect(command).toContain(`aws sagemaker list-notebook-instances --region ${region} --endpoint-url https://`);
    const apiId = endpointIdOf(json, `com.amazonaws.${region}.sagemaker.api`);
    expect(command).toContain(`aws_vpc_endpoint.${apiId}.dns_entry[0].dns_name`);
  });

  test.each(fixtures)('%s: no output exposes the customer gateway configuration or a tunnel key', (_name, target) => {
    const outputs = JSON.stringify(synthNetwork(target).json.output ?? {});
    expect(outputs).not.toMatch(/customer_gateway_configuration/);
    expect(outputs).not.toMatch(/preshared_key/);
    expect(outputs).not.toMatch(/tunnel\d_/);
  });
});

describe('NetworkStack: whole-stack rules', () => {
  test('the real config yields the stacks main.ts builds', () => {
    expect(configuredTargets.map(({ environment, region }) => `${environment.name}/${region.region}`)).toEqual(
      expect.arrayContaining(['dev/us-west-2']),
    );
  });

  test.each(fixtures)('%s: no internet gateway, NAT gateway, elastic IP or default VPC', (_name, target) => {
    const types = resourceTypes(synthNetwork(target).json);
    for (const forbidden of [
      'aws_internet_gateway',
      'aws_egress_only_internet_gateway',
      'aws_nat_gateway',
      'aws_eip',
      'aws_default_vpc',
    ]) {
      expect(types).not.toContain(forbidden);
    }
  });

  test.each(fixtures)(
    '%s: the rule pack synth runs finds nothing, and the endpoints only answer (no egress rule at all)',
    (_name, target) => {
      const synthesized = synthNetwork(target);
      expect(packFindings(synthesized)).toEqual([]);
      expect(entriesOf(synthesized.json, 'aws_vpc_security_group_egress_rule')).toEqual([]);
      for (const [id, group] of entriesOf(synthesized.json, 'aws_security_group')) expect([id, group['egress']]).toEqual([id, undefined]);
    },
  );

  test.each(fixtures)('%s: 0.0.0.0/0 and ::/0 appear nowhere', (_name, target) => {
    const { text } = synthNetwork(target);
    expect(text).not.toContain('0.0.0.0/0');
    expect(text).not.toContain('::/0');
  });

  test.each(fixtures)('%s: KMS keys rotate, are enabled and have a safe policy', (_name, target) => {
    const { json } = synthNetwork(target);
    expect(entriesOf(json, 'aws_kms_key').length).toBeGreaterThan(0);
    expect(packFindings(synthNetwork(target), [kmsKeyRotation, kmsKeyEnabled, kmsKeyPolicy, kmsKeyNoPublicPrincipal])).toEqual([]);
  });

  test.each(fixtures)('%s: the VPC has flow logs and its default security group closed', (_name, target) => {
    const { json } = synthNetwork(target);
    const vpcRef = ref(Vpc, onlyResource(json, Vpc).id);
    expect(entriesOf(json, 'aws_flow_log').map(([, flowLog]) => flowLog['vpc_id'])).toEqual([vpcRef]);
    expect(entriesOf(json, 'aws_default_security_group').map(([, sg]) => sg['vpc_id'])).toEqual([vpcRef]);
  });

  test.each(fixtures)('%s: the synthesized JSON holds no absolute path', (_name, target) => {
    expect(absolutePathsIn(synthNetwork(target).text)).toEqual([]);
  });

  test.each([
    ['dev', testTarget()],
    ['full', fullTarget()],
  ])(
    '%s: the files a real synth writes hold no absolute path and are byte-identical when synthesized twice',
    (_name, target) => {
      const first = synthToFiles(target);
      const second = synthToFiles(target);
      expect(absolutePathsIn(first.stackJson)).toEqual([]);
      expect(absolutePathsIn(first.manifest)).toEqual([]);
      expect(second.stackJson).toBe(first.stackJson);
      expect(Buffer.from(second.stackJson).equals(Buffer.from(first.stackJson))).toBe(true);
    },
  );
});

describe('NetworkStack: dev snapshot', () => {
  // The single intentional snapshot of the app. Update it on purpose (`jest -u`) and review the diff.
  test('the whole dev stack', () => {
    expect(dev.text).toMatchSnapshot();
  });
});

describe('NetworkStack: construct ids come from logical keys, not list positions', () => {
  const withOnPrem = (onPremCidrs: string[], staticRoutes: string[]) =>
    synthNetwork(
      testTarget({
        environment: {
          onPremCidrs,
          vpn: { customerGatewayIp: '198.51.100.10', staticRoutes },
          dns: { privateZone: 'ml.dev.example.internal', resolverInboundEndpoint: true },
        },
      }),
    ).json;
  /** Logical id of every resource whose attribute holds a CIDR, by resource type and CIDR. */
  const idsByCidr = (json: ReturnType<typeof withOnPrem>) =>
    ['aws_vpc_security_group_ingress_rule', 'aws_vpn_connection_route'].flatMap((type) =>
      entriesOf(json, type).map(([id, resource]) => [type, String(resource['cidr_ipv4'] ?? resource['destination_cidr_block']), resource['ip_protocol'] ?? '', id]),
    );

  test('removing the first on-premises network and static route renames none of the other rules or routes', () => {
    const all = idsByCidr(withOnPrem(['192.168.0.0/16', '172.20.0.0/16', '10.99.0.0/16'], ['192.168.1.0/24', '172.20.1.0/24']));
    const fewer = idsByCidr(withOnPrem(['172.20.0.0/16', '10.99.0.0/16'], ['172.20.1.0/24']));
    expect(fewer.length).toBeGreaterThan(0);
    for (const entry of fewer) expect(all).toContainEqual(entry);
  });

  test('the ids name the CIDR they are for', () => {
    const ids = idsByCidr(withOnPrem(['172.20.0.0/16'], ['172.20.1.0/24'])).map(([, , , id]) => String(id));
    expect(ids).toContainEqual(expect.stringMatching(/^endpoints_https-from-on-prem-172-20-0-0-16_[0-9A-F]{8}$/));
    expect(ids).toContainEqual(expect.stringMatching(/^resolver-inbound_dns-udp-from-on-prem-172-20-0-0-16_[0-9A-F]{8}$/));
    expect(ids).toContainEqual(expect.stringMatching(/^on-prem_static-route-172-20-1-0-24_[0-9A-F]{8}$/));
  });
});
