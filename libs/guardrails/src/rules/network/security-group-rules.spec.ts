import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { TerraformStack } from 'cdktf';
import { checkStack } from '../../check-stack';
import { compliantCount, expectedMessage, messagesOf, privateNetwork, secureNotebook, synthTestStack } from '../../testing';
import { sgAttached } from './sg-attached';
import { sgDescriptions } from './sg-descriptions';
import { sgEgressNotOpen } from './sg-egress-not-open';
import { sgIngressNotOpen } from './sg-ingress-not-open';
import { sgInternetClosed } from './sg-internet-closed';
import { sgRuleNamesPeer } from './sg-rule-names-peer';

// GIVEN the endpoint and notebook security groups as the stacks build them
const secureGroups = (stack: TerraformStack) => {
  const network = privateNetwork(stack);
  const notebook = secureNotebook(stack);
  return { network, notebook };
};
const secure = synthTestStack(secureGroups);

test.each([sgDescriptions, sgIngressNotOpen, sgEgressNotOpen, sgAttached, sgInternetClosed, sgRuleNamesPeer].map((rule) => [rule.id, rule]))(
  '%s: the endpoint and notebook groups comply',
  (_id, rule) => {
    expect(messagesOf(rule, secure)).toEqual([]);
    expect(compliantCount(rule, secure)).toBeGreaterThan(1);
  },
);

describe('sg-descriptions', () => {
  test('refuses groups and rules without a description, or with the Terraform placeholder', () => {
    const stack = synthTestStack((scope) => {
      const group = new SecurityGroup(scope, 'bare', {
        ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.0.0/8'] }],
      });
      new SecurityGroupRule(scope, 'classic', {
        type: 'ingress',
        securityGroupId: group.id,
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ['10.0.0.0/8'],
      });
      new VpcSecurityGroupEgressRule(scope, 'placeholder', {
        securityGroupId: group.id,
        description: 'Managed by Terraform',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '10.0.0.0/8',
      });
    });
    expect(messagesOf(sgDescriptions, stack)).toEqual([
      expectedMessage(
        sgDescriptions,
        'aws_security_group.bare',
        'has the placeholder description "Managed by Terraform"; ingress[0] has no description',
      ),
      expectedMessage(sgDescriptions, 'aws_security_group_rule.classic', 'has no description'),
      expectedMessage(sgDescriptions, 'aws_vpc_security_group_egress_rule.placeholder', 'has the placeholder description "Managed by Terraform"'),
    ]);
  });
});

describe('sg-ingress-not-open', () => {
  test('refuses 0.0.0.0/0 and ::/0 in every rule form; ip_protocol -1 is every port even without ports', () => {
    const stack = synthTestStack((scope) => {
      const { network } = secureGroups(scope);
      new VpcSecurityGroupIngressRule(scope, 'everything-from-anywhere', {
        securityGroupId: network.endpointSecurityGroup.id,
        description: 'Oops',
        ipProtocol: '-1',
        cidrIpv4: '0.0.0.0/0',
      });
      new SecurityGroupRule(scope, 'ssh-from-anywhere', {
        type: 'ingress',
        securityGroupId: network.endpointSecurityGroup.id,
        description: 'Oops',
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        ipv6CidrBlocks: ['::/0'],
      });
      new SecurityGroup(scope, 'inline', {
        description: 'Inline rules',
        ingress: [{ description: 'Oops', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.0.0/8', '0.0.0.0/0'] }],
      });
    });
    expect(messagesOf(sgIngressNotOpen, stack)).toEqual([
      expectedMessage(sgIngressNotOpen, 'aws_security_group.inline', 'ingress[0] admits tcp 443 from 0.0.0.0/0'),
      expectedMessage(sgIngressNotOpen, 'aws_security_group_rule.ssh-from-anywhere', 'admits tcp 22 from ::/0'),
      expectedMessage(
        sgIngressNotOpen,
        'aws_vpc_security_group_ingress_rule.everything-from-anywhere',
        'admits all protocols and ports from 0.0.0.0/0',
      ),
    ]);
  });

  test('leaves egress to its own rule', () => {
    const stack = synthTestStack((scope) => {
      const { notebook } = secureGroups(scope);
      new VpcSecurityGroupEgressRule(scope, 'out', {
        securityGroupId: notebook.securityGroup.id,
        description: 'Oops',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '0.0.0.0/0',
      });
    });
    expect(messagesOf(sgIngressNotOpen, stack)).toEqual([]);
  });
});

describe('sg-egress-not-open', () => {
  test('refuses egress to 0.0.0.0/0 and ::/0', () => {
    const stack = synthTestStack((scope) => {
      const { notebook } = secureGroups(scope);
      new VpcSecurityGroupEgressRule(scope, 'https-anywhere', {
        securityGroupId: notebook.securityGroup.id,
        description: 'HTTPS anywhere',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '0.0.0.0/0',
      });
      new SecurityGroup(scope, 'inline', {
        description: 'Inline rules',
        egress: [{ description: 'All out', protocol: '-1', fromPort: 0, toPort: 0, ipv6CidrBlocks: ['::/0'] }],
      });
    });
    expect(messagesOf(sgEgressNotOpen, stack)).toEqual([
      expectedMessage(sgEgressNotOpen, 'aws_security_group.inline', 'egress[0] sends all protocols and ports to ::/0'),
      expectedMessage(sgEgressNotOpen, 'aws_vpc_security_group_egress_rule.https-anywhere', 'sends tcp 443 to 0.0.0.0/0'),
    ]);
  });
});

describe('sg-attached (warning)', () => {
  test('warns about a group nothing attaches, without failing synth', () => {
    const stack = synthTestStack((scope) => {
      secureGroups(scope);
      const orphan = new SecurityGroup(scope, 'orphan', { description: 'Left over' });
      new VpcSecurityGroupIngressRule(scope, 'orphan-rule', {
        securityGroupId: orphan.id,
        description: 'A rule is not an attachment',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '10.0.0.0/8',
      });
    });
    expect(messagesOf(sgAttached, stack)).toEqual([
      expectedMessage(sgAttached, 'aws_security_group.orphan', 'no resource of this stack attaches it'),
    ]);
    expect(checkStack(stack, [sgAttached]).findings.map((finding) => finding.severity)).toEqual(['warning']);
  });
});

describe('sg-internet-closed', () => {
  test('refuses a public block admitted by the endpoint group (0.0.0.0/0 is not the only way to the internet)', () => {
    const stack = synthTestStack((scope) => {
      const { network } = secureGroups(scope);
      new VpcSecurityGroupIngressRule(scope, 'https-from-on-prem', {
        securityGroupId: network.endpointSecurityGroup.id,
        description: 'HTTPS from on-premises',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '203.0.113.0/24',
      });
    });
    expect(messagesOf(sgInternetClosed, stack)).toEqual([
      expectedMessage(
        sgInternetClosed,
        'aws_vpc_security_group_ingress_rule.https-from-on-prem',
        'admits tcp 443 from 203.0.113.0/24, which is not a private network',
      ),
    ]);
  });

  test('refuses notebook egress to the internet, and a CIDR only known at apply', () => {
    const stack = synthTestStack((scope) => {
      const { notebook } = secureGroups(scope);
      new VpcSecurityGroupEgressRule(scope, 'anywhere', {
        securityGroupId: notebook.securityGroup.id,
        description: 'Everything out',
        ipProtocol: '-1',
        cidrIpv6: '::/0',
      });
      new VpcSecurityGroupEgressRule(scope, 'from-state', {
        securityGroupId: notebook.securityGroup.id,
        description: 'HTTPS to a network from remote state',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '${data.terraform_remote_state.network.outputs.vpc_cidr}',
      });
    });
    expect(messagesOf(sgInternetClosed, stack)).toEqual([
      expectedMessage(sgInternetClosed, 'aws_vpc_security_group_egress_rule.anywhere', 'sends all protocols and ports to ::/0, which is not a private network'),
      expectedMessage(
        sgInternetClosed,
        'aws_vpc_security_group_egress_rule.from-state',
        'sends tcp 443 to ${data.terraform_remote_state.network.outputs.vpc_cidr}, which is only known at apply',
      ),
    ]);
  });

  test('looks only at groups attached to endpoints and notebooks', () => {
    const stack = synthTestStack((scope) => {
      secureGroups(scope);
      const other = new SecurityGroup(scope, 'other', { description: 'Not an endpoint group' });
      new VpcSecurityGroupIngressRule(scope, 'public', {
        securityGroupId: other.id,
        description: 'A public peer',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '198.51.100.0/24',
      });
    });
    expect(messagesOf(sgInternetClosed, stack)).toEqual([]);
  });
});

describe('sg-rule-names-peer', () => {
  test('refuses ingress without a source and egress without a destination, in every rule form', () => {
    const stack = synthTestStack((scope) => {
      const { network, notebook } = secureGroups(scope);
      new SecurityGroup(scope, 'inline', {
        description: 'Inline rules',
        ingress: [
          { description: 'From nowhere', protocol: 'tcp', fromPort: 443, toPort: 443 },
          { description: 'Empty lists are no source', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [], selfAttribute: false },
        ],
        egress: [{ description: 'To nowhere', protocol: '-1', fromPort: 0, toPort: 0 }],
      });
      new SecurityGroupRule(scope, 'classic', {
        type: 'ingress',
        securityGroupId: network.endpointSecurityGroup.id,
        description: 'From nowhere',
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
      });
      new VpcSecurityGroupIngressRule(scope, 'no-source', {
        securityGroupId: network.endpointSecurityGroup.id,
        description: 'From nowhere',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
      });
      new VpcSecurityGroupEgressRule(scope, 'no-destination', {
        securityGroupId: notebook.securityGroup.id,
        description: 'To nowhere',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
      });
      new VpcSecurityGroupEgressRule(scope, 'two-destinations', {
        securityGroupId: notebook.securityGroup.id,
        description: 'To the VPC and to S3',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '10.10.0.0/16',
        prefixListId: 'pl-68a54001',
      });
    });
    const inlineSource = 'names no source (cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, security_groups or self)';
    expect(messagesOf(sgRuleNamesPeer, stack)).toEqual([
      expectedMessage(
        sgRuleNamesPeer,
        'aws_security_group.inline',
        `ingress[0] ${inlineSource}; ingress[1] ${inlineSource}; ` +
          'egress[0] names no destination (cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, security_groups or self)',
      ),
      expectedMessage(
        sgRuleNamesPeer,
        'aws_security_group_rule.classic',
        'names no source (cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, source_security_group_id or self)',
      ),
      expectedMessage(
        sgRuleNamesPeer,
        'aws_vpc_security_group_egress_rule.no-destination',
        'names no destination (cidr_ipv4, cidr_ipv6, prefix_list_id or referenced_security_group_id)',
      ),
      expectedMessage(
        sgRuleNamesPeer,
        'aws_vpc_security_group_egress_rule.two-destinations',
        'sets cidr_ipv4 and prefix_list_id, but takes exactly one of cidr_ipv4, cidr_ipv6, prefix_list_id or referenced_security_group_id',
      ),
      expectedMessage(
        sgRuleNamesPeer,
        'aws_vpc_security_group_ingress_rule.no-source',
        'names no source (cidr_ipv4, cidr_ipv6, prefix_list_id or referenced_security_group_id)',
      ),
    ]);
  });

  test('accepts every kind of peer in every rule form: CIDRs, IPv6, prefix lists, groups, self, references', () => {
    const stack = synthTestStack((scope) => {
      const { network, notebook } = secureGroups(scope);
      new SecurityGroup(scope, 'inline', {
        description: 'Inline rules',
        ingress: [
          { description: 'From the VPC', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.10.0.0/16'] },
          { description: 'From the VPC (IPv6)', protocol: 'tcp', fromPort: 443, toPort: 443, ipv6CidrBlocks: ['fd00::/8'] },
          { description: 'From the notebooks', protocol: 'tcp', fromPort: 443, toPort: 443, securityGroups: [notebook.securityGroup.id] },
          { description: 'From its own members', protocol: 'tcp', fromPort: 443, toPort: 443, selfAttribute: true },
        ],
        egress: [{ description: 'To S3', protocol: 'tcp', fromPort: 443, toPort: 443, prefixListIds: ['pl-68a54001'] }],
      });
      new SecurityGroupRule(scope, 'classic', {
        type: 'ingress',
        securityGroupId: network.endpointSecurityGroup.id,
        description: 'From the notebooks',
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        sourceSecurityGroupId: notebook.securityGroup.id,
      });
      new VpcSecurityGroupEgressRule(scope, 'to-endpoints', {
        securityGroupId: notebook.securityGroup.id,
        description: 'HTTPS to the endpoints',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: network.endpointSecurityGroup.id,
      });
    });
    expect(messagesOf(sgRuleNamesPeer, stack)).toEqual([]);
    // the two rules of the secure groups and the three above; a group without inline rules is not applicable
    expect(compliantCount(sgRuleNamesPeer, stack)).toBe(5);
  });
});
