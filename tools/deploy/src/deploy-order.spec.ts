import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SynthOutput, SynthOutputMissing } from '@privatelink/synth-output';
import { deployOrder, deployStacks, OrderError } from './deploy-order';
import { PROD_STACKS, stack } from './testing/stacks';
import { writeSynthFixture } from './testing/synth-fixture';

const ids = (stacks: readonly { id: string }[]) => stacks.map((s) => s.id);

describe('deployOrder', () => {
  it('orders the environment by manifest dependencies: every network stack, then the stacks that read them', () => {
    const order = deployOrder(PROD_STACKS, 'prod');
    expect(order.waves.map(ids)).toEqual([
      ['network-prod-eu-west-1', 'network-prod-us-west-2'],
      ['sagemaker-prod-eu-west-1', 'sagemaker-prod-organization', 'sagemaker-prod-us-west-2'],
    ]);
    expect(ids(order.stacks)).toEqual([
      'network-prod-eu-west-1',
      'network-prod-us-west-2',
      'sagemaker-prod-eu-west-1',
      'sagemaker-prod-organization',
      'sagemaker-prod-us-west-2',
    ]);
    expect(order.skipped).toEqual([]);
  });

  it('follows the dependencies, not the names: a stack listed first that depends on a later one waits for it', () => {
    const order = deployOrder([stack('a-qa-r', 'qa', 'r', ['c-qa-r']), stack('b-qa-r', 'qa', 'r'), stack('c-qa-r', 'qa', 'r', ['b-qa-r'])], 'qa');
    expect(order.waves.map(ids)).toEqual([['b-qa-r'], ['c-qa-r'], ['a-qa-r']]);
  });

  it('limits to one region, leaving out a stack that reads a network outside it', () => {
    const order = deployOrder(PROD_STACKS, 'prod', 'us-west-2');
    expect(ids(order.stacks)).toEqual(['network-prod-us-west-2', 'sagemaker-prod-us-west-2']);
    expect(order.skipped).toEqual([{ stack: 'sagemaker-prod-organization', needs: ['network-prod-eu-west-1'] }]);
  });

  it('refuses a dependency that is not in the synth output', () => {
    expect(() => deployOrder([stack('sagemaker-qa-r', 'qa', 'r', ['network-qa-r'])], 'qa')).toThrow(
      new OrderError('sagemaker-qa-r depends on network-qa-r, which is not in the synth output'),
    );
  });

  it("refuses a dependency on another environment's stack", () => {
    expect(() => deployOrder([stack('network-dev-r', 'dev', 'r'), stack('sagemaker-qa-r', 'qa', 'r', ['network-dev-r'])], 'qa')).toThrow(
      'sagemaker-qa-r (environment qa) depends on network-dev-r of environment dev',
    );
  });

  it('refuses a cycle', () => {
    expect(() => deployOrder([stack('a', 'qa', 'r', ['b']), stack('b', 'qa', 'r', ['a'])], 'qa')).toThrow(
      'the dependencies of a, b form a cycle',
    );
  });
});

describe('deployStacks', () => {
  let outdir: string;
  beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'deploy-stacks-spec-'))));
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it('takes each stack from the reader: dependencies, recorded environment and region, account, cloud workspace, content hash', () => {
    const cloud = { hostname: 'app.terraform.io', organization: 'acme-ml', project: 'sagemaker-privatelink', workspace: 'smpl-sagemaker-qa-r1' };
    writeSynthFixture(outdir, [
      { id: 'network-qa-r1', environment: 'qa', region: 'eu-west-1' },
      { id: 'sagemaker-qa-r1', app: 'sagemaker', environment: 'qa', region: 'eu-west-1', dependencies: ['network-qa-r1'], accountId: '444455556666', cloud },
    ]);
    const [network, sagemaker] = deployStacks(SynthOutput.read(outdir));
    expect(network).toEqual({
      id: 'network-qa-r1',
      workingDirectory: join(outdir, 'stacks/network-qa-r1'),
      dependencies: [],
      environment: 'qa',
      region: 'eu-west-1',
      accountId: '111111111111',
      sha256: createHash('sha256').update(readFileSync(join(outdir, 'stacks/network-qa-r1/cdk.tf.json'))).digest('hex'),
    });
    expect(sagemaker).toMatchObject({ dependencies: ['network-qa-r1'], accountId: '444455556666', cloud });
  });

  it('refuses a stack that records no environment', () => {
    writeSynthFixture(outdir, [{ id: 'x', environment: 'qa', region: 'r' }]);
    writeFileSync(join(outdir, 'stacks/x/cdk.tf.json'), '{"provider":{"aws":[{"region":"r"}]}}');
    expect(() => deployStacks(SynthOutput.read(outdir))).toThrow(
      new SynthOutputMissing(
        `${join(outdir, 'stacks/x/cdk.tf.json')} records no environment, so the stack belongs to none (stacks are built on PrivatelinkStack, which records it): run \`npm run synth\``,
      ),
    );
  });
});
