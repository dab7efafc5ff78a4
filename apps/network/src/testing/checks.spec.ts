import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Construct } from 'constructs';
import { absolutePathsIn, unconditionedWildcardAllows, type RenderedPolicy } from '@privatelink/stack-kit/testing';
import { kmsKeyViolations, securityGroupViolations } from './checks';
import { synthScope } from './synth';

// The whole-stack checks guard rules no scanner applies; each must be seen to fail on a bad stack.

function withGroup(build: (scope: Construct, vpc: Vpc, group: SecurityGroup) => void) {
  return synthScope((scope) => {
    const vpc = new Vpc(scope, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const group = new SecurityGroup(scope, 'sg', { vpcId: vpc.id, description: 'Test group' });
    build(scope, vpc, group);
  }).json;
}

const ingress = (group: SecurityGroup) => ({
  securityGroupId: group.id,
  description: 'HTTPS from the VPC',
  ipProtocol: 'tcp',
  fromPort: 443,
  toPort: 443,
  cidrIpv4: '10.0.0.0/16',
});

describe('securityGroupViolations', () => {
  test('passes a described ingress-only rule from a private CIDR', () => {
    const json = withGroup((scope, _vpc, group) => new VpcSecurityGroupIngressRule(scope, 'rule', ingress(group)));
    expect(securityGroupViolations(json)).toEqual([]);
  });

  test('flags a rule open to 0.0.0.0/0', () => {
    const json = withGroup(
      (scope, _vpc, group) =>
        new VpcSecurityGroupIngressRule(scope, 'rule', { ...ingress(group), cidrIpv4: '0.0.0.0/0' }),
    );
    expect(securityGroupViolations(json)).toEqual(['aws_vpc_security_group_ingress_rule.rule: open to 0.0.0.0/0']);
  });

  test('flags ::/0, all protocols and a missing description together', () => {
    const json = withGroup((scope, _vpc, group) => {
      new VpcSecurityGroupIngressRule(scope, 'rule', {
        securityGroupId: group.id,
        ipProtocol: '-1',
        cidrIpv6: '::/0',
      });
    });
    expect(securityGroupViolations(json)).toEqual([
      'aws_vpc_security_group_ingress_rule.rule: description undefined',
      'aws_vpc_security_group_ingress_rule.rule: all protocols ("-1")',
      'aws_vpc_security_group_ingress_rule.rule: open to ::/0',
    ]);
  });

  test('flags any egress rule, in every form', () => {
    const json = withGroup((scope, _vpc, group) => {
      new VpcSecurityGroupEgressRule(scope, 'egress', { ...ingress(group) });
      new SecurityGroupRule(scope, 'legacy', {
        type: 'egress',
        securityGroupId: group.id,
        description: 'to the VPC',
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ['10.0.0.0/16'],
      });
    });
    expect(securityGroupViolations(json)).toEqual([
      'aws_security_group_rule.legacy: egress rule',
      'aws_vpc_security_group_egress_rule.egress: egress rule',
    ]);
  });

  test('flags inline rules and the Terraform default description', () => {
    const json = synthScope((scope) => {
      const vpc = new Vpc(scope, 'vpc', { cidrBlock: '10.0.0.0/16' });
      new SecurityGroup(scope, 'sg', {
        vpcId: vpc.id,
        description: 'Managed by Terraform',
        ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'], description: '' }],
      });
    }).json;
    expect(securityGroupViolations(json)).toEqual([
      'aws_security_group.sg: description "Managed by Terraform"',
      'aws_security_group.sg.ingress[0]: description ""',
      'aws_security_group.sg.ingress[0]: open to 0.0.0.0/0',
    ]);
  });

  test('flags a default security group that keeps its rules', () => {
    const json = synthScope((scope) => {
      const vpc = new Vpc(scope, 'vpc', { cidrBlock: '10.0.0.0/16' });
      new DefaultSecurityGroup(scope, 'default', { vpcId: vpc.id });
    }).json;
    expect(securityGroupViolations(json)).toEqual([
      'aws_default_security_group.default: ingress must be an empty list, is undefined',
      'aws_default_security_group.default: egress must be an empty list, is undefined',
    ]);
  });
});

describe('unconditionedWildcardAllows', () => {
  const policy = (statement: Record<string, unknown>): RenderedPolicy =>
    ({
      Version: '2012-10-17',
      Statement: [{ Sid: 'S', Effect: 'Allow', Action: 'kms:*', Resource: '*', ...statement }],
    } as RenderedPolicy);

  test.each([['*'], [{ AWS: '*' }], [{ AWS: ['arn:aws:iam::111111111111:root', '*'] }]])(
    'flags an Allow to principal %j without a Condition',
    (principal) => {
      expect(unconditionedWildcardAllows(policy({ Principal: principal }))).toEqual([
        'statement S allows principal * without a Condition',
      ]);
    },
  );

  test('passes principal * with a Condition, a named principal, and a Deny', () => {
    expect(
      unconditionedWildcardAllows(
        policy({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } } }),
      ),
    ).toEqual([]);
    expect(unconditionedWildcardAllows(policy({ Principal: { AWS: 'arn:aws:iam::111111111111:root' } }))).toEqual([]);
    expect(unconditionedWildcardAllows(policy({ Principal: '*', Effect: 'Deny' }))).toEqual([]);
  });
});

describe('kmsKeyViolations', () => {
  test('flags a key without rotation, disabled, without a policy', () => {
    const json = synthScope((scope) => {
      new KmsKey(scope, 'key', { enableKeyRotation: false, isEnabled: false });
    }).json;
    expect(kmsKeyViolations(json)).toEqual([
      'aws_kms_key.key: enable_key_rotation is false',
      'aws_kms_key.key: is_enabled is false',
      'aws_kms_key.key: no policy',
    ]);
  });

  test('flags a key whose policy allows anyone', () => {
    const json = synthScope((scope) => {
      new KmsKey(scope, 'key', {
        enableKeyRotation: true,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }],
        }),
      });
    }).json;
    expect(kmsKeyViolations(json)).toEqual([
      'aws_kms_key.key: statement Anyone allows principal * without a Condition',
    ]);
  });
});

describe('absolutePathsIn', () => {
  test.each(['/work/main/cdktf.out', '/tmp/cdktf.outdir.x', '/home/dev/repo', '/root/.terraform.d'])(
    'finds %s',
    (path) => {
      expect(
        absolutePathsIn(JSON.stringify({ backend: { local: { path: `${path}/terraform.tfstate` } } })),
      ).toHaveLength(1);
    },
  );

  test('passes relative paths, ARNs and log group names', () => {
    const text = JSON.stringify({
      path: '../../../terraform.network-dev-us-west-2.tfstate',
      arn: 'arn:aws:iam::111111111111:root',
      group: '/sagemaker-privatelink-dev/vpc-flow-logs',
    });
    expect(absolutePathsIn(text)).toEqual([]);
  });
});
