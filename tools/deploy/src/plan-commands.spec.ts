import { join, resolve } from 'node:path';
import { loadConfig } from '@privatelink/config';
import { planCommands, UsageError } from './plan-commands';

const ROOT = resolve(__dirname, '../../..');
const config = loadConfig(join(ROOT, 'config/environments.yaml'), {});
const SYNTH = ['node', '--import', 'tsx', 'tools/synth/src/main.ts'];

describe('planCommands', () => {
  it('deploys every region of an environment, network stacks before the SageMaker and organization stacks', () => {
    expect(planCommands(config, { action: 'deploy', env: 'prod' })).toEqual([
      SYNTH,
      [
        'npx', 'cdktf', 'deploy',
        'network-prod-us-west-2', 'network-prod-eu-west-1',
        'sagemaker-prod-us-west-2', 'sagemaker-prod-eu-west-1', 'sagemaker-prod-organization',
        '--skip-synth',
      ],
    ]);
  });

  it('limits to one region and passes --auto-approve only when asked', () => {
    expect(planCommands(config, { action: 'deploy', env: 'prod', region: 'eu-west-1', autoApprove: true })[1]).toEqual([
      'npx', 'cdktf', 'deploy', 'network-prod-eu-west-1', 'sagemaker-prod-eu-west-1', '--skip-synth', '--auto-approve',
    ]);
  });

  it('diffs stack by stack after one synth', () => {
    expect(planCommands(config, { action: 'diff', env: 'dev' })).toEqual([
      SYNTH,
      ['npx', 'cdktf', 'diff', 'network-dev-us-west-2', '--skip-synth'],
      ['npx', 'cdktf', 'diff', 'sagemaker-dev-us-west-2', '--skip-synth'],
    ]);
  });

  it('synthesizes HCL for review into its own folder', () => {
    expect(planCommands(config, { action: 'hcl', env: 'dev' })).toEqual([
      ['npx', 'cdktf', 'synth', '--hcl', '--output', 'cdktf.out.hcl'],
    ]);
  });

  it('destroys SageMaker before network, and an unprotected environment needs no force', () => {
    expect(planCommands(config, { action: 'destroy', env: 'staging' })[1]).toEqual([
      'npx', 'cdktf', 'destroy', 'sagemaker-staging-us-west-2', 'network-staging-us-west-2', '--skip-synth',
    ]);
  });

  it('refuses to destroy a protected environment unless forced by its name', () => {
    expect(() => planCommands(config, { action: 'destroy', env: 'prod' })).toThrow(
      "environment 'prod' is protected: destroy refused. To destroy it anyway, pass --force-destroy prod",
    );
    expect(() => planCommands(config, { action: 'destroy', env: 'prod', forceDestroy: 'staging' })).toThrow(UsageError);
    expect(planCommands(config, { action: 'destroy', env: 'prod', forceDestroy: 'prod' })[1].slice(0, 3)).toEqual([
      'npx', 'cdktf', 'destroy',
    ]);
  });

  it('names the known environments and regions when given an unknown one', () => {
    expect(() => planCommands(config, { action: 'deploy', env: 'qa' })).toThrow(
      "unknown environment 'qa' in " + join(ROOT, 'config/environments.yaml') + '; known: dev, staging, prod',
    );
    expect(() => planCommands(config, { action: 'deploy', env: 'prod', region: 'us-east-1' })).toThrow(
      "environment 'prod' has no region 'us-east-1'; its regions: us-west-2, eu-west-1",
    );
  });
});
