import { deploymentTargets, parseConfig } from '@privatelink/config';
import { STACK_CONFIG_CHECKS } from '@privatelink/stack-kit';
import { testApp } from '@privatelink/stack-kit/testing';
import { composeStacks } from './compose';

const CONFIG = `
environments:
  qa:
    accountId: "123456789012"
    onPremCidrs: [192.168.0.0/16]
    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f
    dns: { privateZone: ml.qa.example.internal }
    sagemaker:
      notebooks: [{ name: research }]
      access: { assumeRoleArns: ["arn:aws:iam::123456789012:role/ml"] }
      scp:
        enabled: true
        managementAccountId: "999999999999"
        managementRoleArn: arn:aws:iam::999999999999:role/OrganizationsPolicyAdmin
        breakGlassPrincipalArns: [arn:aws:iam::123456789012:role/BreakGlassAdmin]
    regions:
      eu-west-1: { vpcCidr: 10.1.0.0/16, availabilityZones: [eu-west-1a, eu-west-1b] }
      us-east-1: { vpcCidr: 10.2.0.0/16, availabilityZones: [us-east-1a, us-east-1b] }
  lab:
    accountId: "210987654321"
    onPremCidrs: [192.168.0.0/16]
    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f
    dns: { privateZone: ml.lab.example.internal }
    regions:
      eu-west-1: { vpcCidr: 10.3.0.0/16, availabilityZones: [eu-west-1a, eu-west-1b] }
`;

describe('composeStacks', () => {
  const config = parseConfig('envs.yaml', CONFIG, {}, STACK_CONFIG_CHECKS);
  const stacks = composeStacks(testApp('privatelink-synth-spec'), config);
  const dependencies = Object.fromEntries(stacks.map((stack) => [stack.node.id, stack.dependencies.map((d) => d.node.id)]));

  it('builds, per environment, every network stack, then every SageMaker stack, then the organization stack where the SCP is on', () => {
    expect(stacks.map((stack) => stack.node.id)).toEqual([
      'network-qa-eu-west-1',
      'network-qa-us-east-1',
      'sagemaker-qa-eu-west-1',
      'sagemaker-qa-us-east-1',
      'sagemaker-qa-organization',
      'network-lab-eu-west-1',
      'sagemaker-lab-eu-west-1',
    ]);
    expect(stacks).toHaveLength(deploymentTargets(config).length * 2 + 1);
  });

  it('makes every stack depend on exactly the stacks whose state it reads', () => {
    expect(dependencies).toEqual({
      'network-qa-eu-west-1': [],
      'network-qa-us-east-1': [],
      'sagemaker-qa-eu-west-1': ['network-qa-eu-west-1'],
      'sagemaker-qa-us-east-1': ['network-qa-us-east-1'],
      'sagemaker-qa-organization': ['network-qa-eu-west-1', 'network-qa-us-east-1'],
      'network-lab-eu-west-1': [],
      'sagemaker-lab-eu-west-1': ['network-lab-eu-west-1'],
    });
    for (const stack of stacks) expect(stack.dependencies.map((d) => d.node.id)).toEqual([...stack.stateReads]);
  });
});
