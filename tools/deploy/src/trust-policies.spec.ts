import { terraformCloudTrustPolicy } from '@privatelink/policies';
import { deployOrder } from './deploy-order';
import { stack } from './testing/stacks';
import { workspaceTrust } from './trust-policies';

const cloud = (workspace: string) => ({ hostname: 'app.terraform.io', organization: 'acme-ml', project: 'sagemaker-privatelink', workspace });

describe('workspaceTrust', () => {
  it('gives every workspace of the environment a plan role and an apply role that trust only its own runs', () => {
    const order = deployOrder(
      [
        stack('network-qa-r1', 'qa', 'r1', [], cloud('smpl-network-qa-r1')),
        stack('sagemaker-qa-r1', 'qa', 'r1', ['network-qa-r1'], cloud('smpl-sagemaker-qa-r1')),
        stack('network-dev-r1', 'dev', 'r1', [], cloud('smpl-network-dev-r1')),
      ],
      'qa',
    );
    const trust = workspaceTrust(order);
    expect(Object.keys(trust)).toEqual(['smpl-network-qa-r1', 'smpl-sagemaker-qa-r1']);
    expect(trust['smpl-sagemaker-qa-r1']).toEqual({
      stack: 'sagemaker-qa-r1',
      organization: 'acme-ml',
      project: 'sagemaker-privatelink',
      accountId: '333333333333',
      trustPolicies: {
        plan: terraformCloudTrustPolicy({ accountId: '333333333333', ...cloud('smpl-sagemaker-qa-r1'), runPhase: 'plan' }),
        apply: terraformCloudTrustPolicy({ accountId: '333333333333', ...cloud('smpl-sagemaker-qa-r1'), runPhase: 'apply' }),
      },
    });
  });

  it('refuses a stack with local state: no Terraform Cloud run assumes a role for it', () => {
    expect(() => workspaceTrust(deployOrder([stack('network-qa-r1', 'qa', 'r1')], 'qa'))).toThrow(
      'network-qa-r1 keeps local state, so no Terraform Cloud run assumes a role for it: set terraformCloud.organization in the config (or TFC_ORGANIZATION) and synthesize again',
    );
  });
});
