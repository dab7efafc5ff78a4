import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployOrder } from './deploy-order';
import { DeployError, planStacks, type Terraform } from './saved-plans';
import { stack } from './testing/stacks';

/**
 * The deferral rule on its own. Terraform itself is exercised in saved-plans.int.spec.ts; here a
 * stand-in answers `show -json` with the given changes, so the rule can be walked through chains.
 */
function terraformWith(changing: ReadonlySet<string>): Terraform & { readonly planned: string[] } {
  const planned: string[] = [];
  return {
    planned,
    run(target, args) {
      if (args[0] === 'plan') {
        planned.push(target.id);
        writeFileSync(args[2].replace(/^-out=/, ''), 'PK\u0003\u0004');
      }
      return 0;
    },
    capture(target) {
      return JSON.stringify({ applyable: changing.has(target.id), resource_changes: changing.has(target.id) ? [{ change: { actions: ['create'] } }] : [] });
    },
  };
}

describe('planStacks defers what reads a changing stack', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'plan-stacks-spec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const chain = deployOrder([stack('a', 'qa', 'r'), stack('b', 'qa', 'r', ['a']), stack('c', 'qa', 'r', ['b']), stack('d', 'qa', 'r')], 'qa');
  const plan = (terraform: Terraform, lastRound = false) =>
    planStacks(chain, { environment: 'qa', plansDir: dir, terraform, env: {}, log: () => undefined, lastRound });

  it('defers the readers of a changing stack, and their readers in turn', async () => {
    const terraform = terraformWith(new Set(['a']));
    const record = await plan(terraform);
    expect(terraform.planned).toEqual(['a', 'd']);
    expect(record.deferred).toEqual([
      { stack: 'b', waitsFor: ['a'] },
      { stack: 'c', waitsFor: ['b'] },
    ]);
  });

  it('plans the readers of a stack without changes in the same round', async () => {
    const terraform = terraformWith(new Set(['b']));
    const record = await plan(terraform);
    expect(terraform.planned).toEqual(['a', 'd', 'b']);
    expect(record.deferred).toEqual([{ stack: 'c', waitsFor: ['b'] }]);
  });

  it('fails in the last round rather than leave a stack unplanned', async () => {
    await expect(plan(terraformWith(new Set(['a'])), true)).rejects.toThrow(
      new DeployError('b reads a, which this round changes, but no round follows this one: the stack dependencies need another plan, approval and apply round'),
    );
  });
});
