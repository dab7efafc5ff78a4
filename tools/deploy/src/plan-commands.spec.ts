import { join, resolve } from 'node:path';
import { loadConfig } from '@privatelink/config';
import { deployOrder } from './deploy-order';
import { cdktfCommands, checkCommand, forceDestroySynth, isForcedDestroy, UsageError } from './plan-commands';
import { PROD_STACKS } from './testing/stacks';

const ROOT = resolve(__dirname, '../../..');
const config = loadConfig(join(ROOT, 'config/environments.yaml'), {});
const prod = deployOrder(PROD_STACKS, 'prod');

describe('cdktfCommands', () => {
  it('deploys in manifest dependency order: network stacks, then SageMaker and organization stacks', () => {
    expect(cdktfCommands(prod, { action: 'deploy', env: 'prod' })).toEqual([
      [
        'npx', 'cdktf', 'deploy',
        'network-prod-eu-west-1', 'network-prod-us-west-2',
        'sagemaker-prod-eu-west-1', 'sagemaker-prod-organization', 'sagemaker-prod-us-west-2',
        '--skip-synth',
      ],
    ]);
  });

  it('passes --auto-approve only when asked, and the synth output folder when it is not cdktf.out', () => {
    expect(cdktfCommands(deployOrder(PROD_STACKS, 'prod', 'eu-west-1'), { action: 'deploy', env: 'prod', autoApprove: true, outdir: 'out' })).toEqual([
      ['npx', 'cdktf', 'deploy', 'network-prod-eu-west-1', 'sagemaker-prod-eu-west-1', '--skip-synth', '--output', 'out', '--auto-approve'],
    ]);
  });

  it('diffs stack by stack in the same order', () => {
    expect(cdktfCommands(deployOrder(PROD_STACKS, 'dev'), { action: 'diff', env: 'dev' })).toEqual([
      ['npx', 'cdktf', 'diff', 'network-dev-us-west-2', '--skip-synth'],
      ['npx', 'cdktf', 'diff', 'sagemaker-dev-us-west-2', '--skip-synth'],
    ]);
  });

  it('destroys in reverse order: the stacks that read the networks first', () => {
    expect(cdktfCommands(prod, { action: 'destroy', env: 'prod' })[0].slice(3, 8)).toEqual([
      'sagemaker-prod-us-west-2', 'sagemaker-prod-organization', 'sagemaker-prod-eu-west-1',
      'network-prod-us-west-2', 'network-prod-eu-west-1',
    ]);
  });
});

describe('checkCommand', () => {
  it('refuses to destroy a protected environment unless forced by its name', () => {
    expect(() => checkCommand(config, { action: 'destroy', env: 'prod' })).toThrow(
      "environment 'prod' is protected: destroy refused. To destroy it anyway, run `npm run env -- destroy --env prod --force-destroy prod`: " +
        'it synthesizes prod without prevent_destroy into cdktf.out.force-destroy and destroys from there (cdktf.out keeps it)',
    );
    expect(() => checkCommand(config, { action: 'destroy', env: 'prod', forceDestroy: 'staging' })).toThrow(UsageError);
    expect(checkCommand(config, { action: 'destroy', env: 'prod', forceDestroy: 'prod' }).name).toBe('prod');
    expect(checkCommand(config, { action: 'destroy', env: 'staging' }).name).toBe('staging');
  });

  it('leaves prevent_destroy out only for a destroy of a protected environment forced by its own name', () => {
    const prod = checkCommand(config, { action: 'destroy', env: 'prod', forceDestroy: 'prod' });
    const staging = checkCommand(config, { action: 'destroy', env: 'staging', forceDestroy: 'staging' });
    expect(isForcedDestroy(prod, { action: 'destroy', env: 'prod', forceDestroy: 'prod' })).toBe(true);
    expect(isForcedDestroy(prod, { action: 'deploy', env: 'prod', forceDestroy: 'prod' })).toBe(false);
    expect(isForcedDestroy(prod, { action: 'destroy', env: 'prod' })).toBe(false);
    expect(isForcedDestroy(staging, { action: 'destroy', env: 'staging', forceDestroy: 'staging' })).toBe(false);
    expect(forceDestroySynth('prod')).toEqual(['env', 'PRIVATELINK_FORCE_DESTROY=prod', 'node', '--import', 'tsx', 'tools/synth/src/main.ts']);
  });

  it('names the known environments and regions when given an unknown one', () => {
    expect(() => checkCommand(config, { action: 'deploy', env: 'qa' })).toThrow(
      "unknown environment 'qa' in " + join(ROOT, 'config/environments.yaml') + '; known: dev, staging, prod',
    );
    expect(() => checkCommand(config, { action: 'plan', env: 'prod', region: 'us-east-1' })).toThrow(
      "environment 'prod' has no region 'us-east-1'; its regions: us-west-2, eu-west-1",
    );
  });
});
