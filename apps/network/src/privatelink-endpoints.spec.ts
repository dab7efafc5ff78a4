import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { OPTIONAL_ENDPOINTS, type DeploymentTarget } from '@privatelink/config';
import { ADMINISTRATOR_ACCESS, simulate } from '@privatelink/policies/testing';
import {
  defaultInterfaceServices,
  directConnectOnlyTarget,
  entriesOf,
  extraInterfaceServices,
  fullTarget,
  onlyResource,
  parsePolicy,
  ref,
  resourceTypes,
  staticVpnTarget,
  synthNetwork,
  testTarget,
  type Attributes,
  type SynthesizedStack,
} from './testing';

function interfaceEndpoints(json: SynthesizedStack): [string, Attributes][] {
  return entriesOf(json, VpcEndpoint).filter(([, endpoint]) => endpoint['vpc_endpoint_type'] === 'Interface');
}

function interfaceServiceNames(json: SynthesizedStack): string[] {
  return interfaceEndpoints(json)
    .map(([, endpoint]) => endpoint['service_name'] as string)
    .sort();
}

function endpointSecurityGroupId(json: SynthesizedStack): string {
  const [id] = entriesOf(json, SecurityGroup).find(([, sg]) => (sg['name'] as string).endsWith('-endpoints')) ?? [];
  if (!id) throw new Error('no endpoint security group');
  return id;
}

/**
 * Per Allow statement of an endpoint policy: the account it limits principals to and the account or
 * organization it limits resources to. Throws on an Allow without a resource perimeter, or without a
 * principal condition unless it is STS's federated sign-in (unsigned: no principal keys).
 */
function perimeterOf(policyText: unknown): { sid: string; principal?: string; resource: string }[] {
  return parsePolicy(policyText)
    .Statement.filter((statement) => statement.Effect === 'Allow')
    .map((statement) => {
      const equals = statement.Condition?.['StringEquals'] ?? {};
      const principal = equals['aws:PrincipalAccount'];
      const resource = equals['aws:ResourceAccount'] ?? equals['aws:ResourceOrgID'];
      if (typeof resource !== 'string') {
        throw new Error(`statement ${statement.Sid} allows without an aws:ResourceAccount or aws:ResourceOrgID condition`);
      }
      const federated = JSON.stringify(statement.Action) === JSON.stringify(['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity']);
      if (typeof principal !== 'string' && !federated) {
        throw new Error(`statement ${statement.Sid} allows without an aws:PrincipalAccount condition`);
      }
      return { sid: statement.Sid ?? '(no Sid)', ...(typeof principal === 'string' ? { principal } : {}), resource };
    });
}

const asList = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/**
 * S3 gateway statements that are neither limited to the account's principals nor object reads of
 * named buckets (the only exception AWS-owned buckets such as ECR's layer bucket may need).
 */
function s3PolicyExceptions(policyText: unknown, account: string): string[] {
  return parsePolicy(policyText)
    .Statement.filter((statement) => {
      if (statement.Effect !== 'Allow') return false;
      if (statement.Condition?.['StringEquals']?.['aws:PrincipalAccount'] === account) return false;
      const readsNamedObjects =
        asList(statement.Action).length > 0 &&
        asList(statement.Action).every((action) => action === 's3:GetObject') &&
        asList(statement.Resource).length > 0 &&
        asList(statement.Resource).every((resource) => /^arn:aws:s3:::[a-z0-9.-]+\/.+$/.test(resource));
      return !readsNamedObjects;
    })
    .map((statement) => statement.Sid ?? '(no Sid)');
}

// GIVEN the dev target (default endpoints only, us-west-2, account 111111111111), WHEN synthesized
const dev = synthNetwork(testTarget());

describe('PrivatelinkEndpoints: interface endpoints', () => {
  test('the default set is exactly sagemaker.api, notebook, sagemaker.runtime, sts, logs and ec2', () => {
    expect(interfaceServiceNames(dev.json)).toEqual(Object.values(defaultInterfaceServices('us-west-2')).sort());
    expect(dev.text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'com.amazonaws.us-west-2.sagemaker.api',
    });
    expect(dev.text).toHaveResourceWithProperties(VpcEndpoint, { service_name: 'com.amazonaws.us-west-2.ec2' });
  });

  test('the default set follows the region', () => {
    const dx = synthNetwork(directConnectOnlyTarget());
    expect(interfaceServiceNames(dx.json)).toEqual(Object.values(defaultInterfaceServices('eu-west-1')).sort());
  });

  test('the notebook endpoint uses aws.sagemaker.R.notebook, not a com.amazonaws name', () => {
    expect(dev.text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'aws.sagemaker.us-west-2.notebook',
      vpc_endpoint_type: 'Interface',
    });
    const notebook = interfaceServiceNames(dev.json).filter((name) => name.endsWith('.notebook'));
    expect(notebook).toEqual(['aws.sagemaker.us-west-2.notebook']);
    expect(notebook[0].startsWith('com.amazonaws')).toBe(false);
  });

  test.each([
    ['dev', testTarget()],
    ['full', fullTarget()],
  ])(
    '%s: every interface endpoint has private DNS, every subnet, the endpoint security group, and is in the VPC',
    (_name, target) => {
      const { json } = synthNetwork(target);
      const subnets = entriesOf(json, Subnet).map(([id]) => ref(Subnet, id));
      const groupRef = ref(SecurityGroup, endpointSecurityGroupId(json));
      const vpcRef = ref(Vpc, onlyResource(json, Vpc).id);
      expect(subnets.length).toBeGreaterThanOrEqual(2);
      for (const [, endpoint] of interfaceEndpoints(json)) {
        expect(endpoint).toMatchObject({
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: true,
          subnet_ids: subnets,
          security_group_ids: [groupRef],
          vpc_id: vpcRef,
        });
      }
    },
  );

  test.each([
    ['dev', testTarget(), '111111111111'],
    ['staging-like', staticVpnTarget(), '222222222222'],
    ['full', fullTarget(), '333333333333'],
  ])('%s: every interface endpoint admits own principals to own resources only; STS adds federated sign-in', (_name, target, account) => {
    const { json } = synthNetwork(target);
    const endpoints = interfaceEndpoints(json);
    expect(endpoints.length).toBeGreaterThan(5);
    for (const [, endpoint] of endpoints) {
      expect(parsePolicy(endpoint['policy']).Version).toBe('2012-10-17');
      const own = { sid: 'OwnPrincipalsToOwnResources', principal: account, resource: account };
      expect(perimeterOf(endpoint['policy'])).toEqual(
        endpoint['service_name'] === `com.amazonaws.${target.region.region}.sts`
          ? [own, { sid: 'FederatedSignInToOwnRoles', resource: account }]
          : [own],
      );
    }
  });

  test('with an organization id, every endpoint reaches the organization\'s resources instead of the account\'s', () => {
    const { json } = synthNetwork(testTarget({ environment: { organizationId: 'o-a1b2c3d4e5' } }));
    for (const [, endpoint] of entriesOf(json, VpcEndpoint)) {
      const statements = parsePolicy(endpoint['policy']).Statement.filter((st) => st.Condition !== undefined);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.Condition?.['StringEquals']?.['aws:ResourceOrgID']).toBe('o-a1b2c3d4e5');
        expect(statement.Condition?.['StringEquals']?.['aws:ResourceAccount']).toBeUndefined();
      }
    }
  });

  test('the policy check refuses a statement without a resource perimeter, or without the principal condition', () => {
    const policy = (condition: object) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: condition } }],
      });
    expect(() => perimeterOf(policy({ 'aws:PrincipalAccount': '111111111111' }))).toThrow(
      'statement Open allows without an aws:ResourceAccount or aws:ResourceOrgID condition',
    );
    expect(() => perimeterOf(policy({ 'aws:ResourceAccount': '111111111111' }))).toThrow(
      'statement Open allows without an aws:PrincipalAccount condition',
    );
  });

  describe('the synthesized STS endpoint policy, through the IAM evaluator', () => {
    const [[, sts]] = interfaceEndpoints(dev.json).filter(([, endpoint]) => endpoint['service_name'] === 'com.amazonaws.us-west-2.sts');
    const samlSignIn = (provider: string, role: string) =>
      simulate({
        principal: provider,
        action: 'sts:AssumeRoleWithSAML',
        resource: role,
        resourcePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithSAML' }],
        }),
        endpointPolicies: [sts['policy'] as string],
      });

    test('lets SAML users sign in to a role of the account', async () => {
      expect(
        await samlSignIn('arn:aws:iam::111111111111:saml-provider/corp-idp', 'arn:aws:iam::111111111111:role/notebook-user'),
      ).toBe('Allowed');
    });

    test('refuses a SAML sign-in to a role of another account', async () => {
      expect(await samlSignIn('arn:aws:iam::444455556666:saml-provider/other', 'arn:aws:iam::444455556666:role/theirs')).toBe(
        'ImplicitlyDenied',
      );
    });
  });

  test('endpoints are named after their service key', () => {
    expect(dev.text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'com.amazonaws.us-west-2.sagemaker.runtime',
      tags: { Name: 'sagemaker-privatelink-dev-sagemaker-runtime' },
    });
  });
});

describe('PrivatelinkEndpoints: optional endpoints', () => {
  const extras = extraInterfaceServices('us-west-2');

  test('the spec covers every optional endpoint the config accepts', () => {
    expect(Object.keys(extras).sort()).toEqual([...OPTIONAL_ENDPOINTS].sort());
  });

  test('none is created unless configured', () => {
    const all = Object.values(extras).flatMap((services) => Object.values(services));
    for (const name of all) expect(interfaceServiceNames(dev.json)).not.toContain(name);
  });

  test.each(OPTIONAL_ENDPOINTS)('extra %s adds exactly its services to the defaults', (extra) => {
    // GIVEN only this extra endpoint configured
    const { json } = synthNetwork(testTarget({ environment: { endpoints: { extra: [extra] } } }));
    // THEN the interface endpoints are the defaults plus its services, nothing else
    expect(interfaceServiceNames(json)).toEqual(
      [...Object.values(defaultInterfaceServices('us-west-2')), ...Object.values(extras[extra])].sort(),
    );
  });

  test('studio uses aws.sagemaker.R.studio', () => {
    const { text } = synthNetwork(testTarget({ environment: { endpoints: { extra: ['studio'] } } }));
    expect(text).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'aws.sagemaker.us-west-2.studio',
      private_dns_enabled: true,
    });
  });

  test('all extras together: 6 defaults + 10 extra interface endpoints, each once', () => {
    const full = synthNetwork(fullTarget());
    const names = interfaceServiceNames(full.json);
    expect(names).toHaveLength(16);
    expect(new Set(names).size).toBe(16);
  });
});

describe('PrivatelinkEndpoints: S3 gateway endpoint', () => {
  test.each([
    ['dev (2 route tables)', testTarget()],
    ['staging-like (3 route tables)', staticVpnTarget()],
  ])('%s: one Gateway endpoint for S3 on every private route table, with the own-account policy', (_name, target) => {
    const { json } = synthNetwork(target);
    const gateways = entriesOf(json, VpcEndpoint).filter(([, endpoint]) => endpoint['vpc_endpoint_type'] === 'Gateway');
    expect(gateways).toHaveLength(1);
    const [[, s3]] = gateways;
    expect(s3['service_name']).toBe(`com.amazonaws.${target.region.region}.s3`);
    expect(s3['route_table_ids']).toEqual(entriesOf(json, RouteTable).map(([id]) => ref(RouteTable, id)));
    expect(s3['vpc_id']).toBe(ref(Vpc, onlyResource(json, Vpc).id));
    expect(s3PolicyExceptions(s3['policy'], target.environment.accountId)).toEqual([]);
    expect(
      parsePolicy(s3['policy']).Statement.some(
        (st) => st.Condition?.['StringEquals']?.['aws:PrincipalAccount'] === target.environment.accountId,
      ),
    ).toBe(true);
    expect(s3['subnet_ids']).toBeUndefined();
    expect(s3['private_dns_enabled']).toBeUndefined();
  });

  test('the synthesized S3 gateway keeps own credentials writing to own buckets and refuses other accounts\' buckets', async () => {
    const [[, s3]] = entriesOf(dev.json, VpcEndpoint).filter(([, endpoint]) => endpoint['vpc_endpoint_type'] === 'Gateway');
    const put = (bucket: string, account: string) =>
      simulate({
        principal: 'arn:aws:iam::111111111111:role/notebook-exec',
        action: 's3:PutObject',
        resource: `arn:aws:s3:::${bucket}/export.csv`,
        resourceAccount: account,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        // The other account's bucket invites ours: only the gateway policy stands in the way.
        resourcePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*` }],
        }),
        endpointPolicies: [s3['policy'] as string],
      });
    expect(await put('dev-notebook-data', '111111111111')).toBe('Allowed');
    expect(await put('exfiltration-target', '444455556666')).toBe('ImplicitlyDenied');
  });

  test('the S3 policy check refuses an unconditioned Allow beyond object reads of named buckets', () => {
    const policy = (statement: object) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'X', Effect: 'Allow', Principal: '*', ...statement }],
      });
    expect(s3PolicyExceptions(policy({ Action: 's3:*', Resource: '*' }), '111111111111')).toEqual(['X']);
    expect(
      s3PolicyExceptions(policy({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }), '111111111111'),
    ).toEqual(['X']);
    expect(
      s3PolicyExceptions(
        policy({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-us-west-2-starport-layer-bucket/*' }),
        '111111111111',
      ),
    ).toEqual([]);
  });

  // ECR serves image layers through S3 URLs presigned by an AWS-owned principal, which the
  // own-account condition of the S3 gateway policy would refuse.
  test('with ecr configured, the S3 gateway lets ECR image layers through', () => {
    const { json } = synthNetwork(testTarget({ environment: { endpoints: { extra: ['ecr'] } } }));
    const [[, s3]] = entriesOf(json, VpcEndpoint).filter(([, endpoint]) => endpoint['vpc_endpoint_type'] === 'Gateway');
    const layers = parsePolicy(s3['policy']).Statement.filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        statement.Condition?.['StringEquals']?.['aws:PrincipalAccount'] === undefined &&
        asList(statement.Action).includes('s3:GetObject') &&
        asList(statement.Resource).includes('arn:aws:s3:::prod-us-west-2-starport-layer-bucket/*'),
    );
    expect(layers).toHaveLength(1);
  });
});

describe('PrivatelinkEndpoints: endpoint security group', () => {
  function httpsRules(json: SynthesizedStack) {
    const groupRef = ref(SecurityGroup, endpointSecurityGroupId(json));
    return entriesOf(json, VpcSecurityGroupIngressRule)
      .map(([, rule]) => rule)
      .filter((rule) => rule['security_group_id'] === groupRef);
  }

  test('is in the VPC, named and described', () => {
    expect(dev.text).toHaveResourceWithProperties(SecurityGroup, {
      name: 'sagemaker-privatelink-dev-endpoints',
      description: 'SageMaker and AWS interface endpoints: HTTPS from the VPC and on-premises only',
      vpc_id: ref(Vpc, onlyResource(dev.json, Vpc).id),
    });
  });

  test.each<[string, DeploymentTarget, string[]]>([
    ['dev', testTarget(), ['10.10.0.0/16', '192.168.0.0/16']],
    ['full (two on-premises networks)', fullTarget(), ['10.30.0.0/16', '192.168.0.0/16', '172.20.0.0/16']],
  ])('%s: HTTPS only, one rule from the VPC CIDR and one per on-premises CIDR', (_name, target, sources) => {
    const rules = httpsRules(synthNetwork(target).json);
    expect(rules.map((rule) => rule['cidr_ipv4']).sort()).toEqual([...sources].sort());
    for (const rule of rules) {
      expect(rule).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443 });
      expect(rule['cidr_ipv6']).toBeUndefined();
      expect(typeof rule['description']).toBe('string');
      expect((rule['description'] as string).trim()).not.toBe('');
      expect(rule['description']).not.toBe('Managed by Terraform');
    }
  });

  test('the rule descriptions say where the traffic comes from', () => {
    expect(dev.text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      cidr_ipv4: '10.10.0.0/16',
      description: 'HTTPS from the VPC',
    });
    expect(dev.text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      cidr_ipv4: '192.168.0.0/16',
      description: 'HTTPS from on-premises 192.168.0.0/16 over VPN or Direct Connect',
    });
  });

  test('has no egress: no egress rule resource and no inline rules', () => {
    expect(resourceTypes(dev.json)).not.toContain('aws_vpc_security_group_egress_rule');
    expect(resourceTypes(dev.json)).not.toContain('aws_security_group_rule');
    const group = entriesOf(dev.json, SecurityGroup).find(([id]) => id === endpointSecurityGroupId(dev.json));
    expect(group?.[1]['egress']).toBeUndefined();
    expect(group?.[1]['ingress']).toBeUndefined();
  });
});

describe('PrivatelinkEndpoints.endpoint', () => {
  test('returns the endpoint of a configured key', () => {
    const notebook = dev.stack.endpoints.endpoint('notebook');
    expect(notebook).toBe(dev.stack.endpoints.interfaceEndpoints.get('notebook'));
    expect(notebook.node.path).toBe('network-dev-us-west-2/endpoints/notebook');
  });

  test('names the missing key and the configured ones', () => {
    expect(() => dev.stack.endpoints.endpoint('studio')).toThrow(
      "no interface endpoint 'studio'; configured: sagemaker-api, notebook, sagemaker-runtime, sts, logs, ec2",
    );
  });
});
