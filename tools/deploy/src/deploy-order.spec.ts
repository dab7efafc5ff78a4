import { deployOrder, OrderError } from './deploy-order';
import { PROD_STACKS, stack } from './testing/stacks';

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
