import { countsFromPlanJson, renderSummary, type PlanRecord } from './plan-summary';

describe('countsFromPlanJson', () => {
  const resource = (...actions: string[]) => ({ change: { actions } });

  it('counts as Terraform does: a replacement adds one and destroys one; reads and no-ops count nothing', () => {
    expect(
      countsFromPlanJson({
        applyable: true,
        resource_changes: [
          resource('create'),
          resource('create'),
          resource('update'),
          resource('delete'),
          resource('delete', 'create'),
          resource('create', 'delete'),
          resource('read'),
          resource('no-op'),
        ],
      }),
    ).toEqual({ add: 4, change: 1, destroy: 3, hasChanges: true });
  });

  it('takes a plan with only output changes as a change (it must be applied too)', () => {
    expect(countsFromPlanJson({ resource_changes: [resource('no-op')], output_changes: { vpc_id: { actions: ['create'] } } })).toEqual({
      add: 0,
      change: 0,
      destroy: 0,
      hasChanges: true,
    });
  });

  it("trusts terraform's own applyable flag when present", () => {
    expect(countsFromPlanJson({ applyable: false, resource_changes: [resource('no-op')] }).hasChanges).toBe(false);
  });
});

describe('renderSummary', () => {
  const record: PlanRecord = {
    format: 1,
    environment: 'prod',
    planned: [
      {
        stack: 'network-prod-us-west-2',
        planFile: 'network-prod-us-west-2.tfplan',
        counts: { add: 42, change: 1, destroy: 0, hasChanges: true },
        runId: 'run-abc',
        runUrl: 'https://app.terraform.io/app/acme-ml/workspaces/smpl-network-prod-us-west-2/runs/run-abc',
        sha256: 'x',
      },
      { stack: 'network-prod-eu-west-1', planFile: 'network-prod-eu-west-1.tfplan', counts: { add: 0, change: 0, destroy: 0, hasChanges: false }, sha256: 'y' },
    ],
    deferred: [{ stack: 'sagemaker-prod-us-west-2', waitsFor: ['network-prod-us-west-2'] }],
  };

  it('shows each stack with its counts and its run, what approving applies, and what waits for the next round', () => {
    expect(renderSummary(record)).toBe(
      [
        '## Plan for prod',
        '',
        '| stack | to add | to change | to destroy | plan |',
        '| --- | ---: | ---: | ---: | --- |',
        '| network-prod-us-west-2 | 42 | 1 | 0 | [run-abc](https://app.terraform.io/app/acme-ml/workspaces/smpl-network-prod-us-west-2/runs/run-abc) |',
        '| network-prod-eu-west-1 | no changes | |  | local plan `network-prod-eu-west-1.tfplan` |',
        '',
        'Approving applies exactly these saved plans, in this order: network-prod-us-west-2. A plan that is stale by then (its workspace changed since) is refused, not re-planned.',
        '',
        '### Planned in the next round',
        '',
        'These stacks read the state of stacks this round changes (on a first deploy, state that does not exist yet), so a plan made now could not be the plan that runs. They are planned, and approved again, after this round is applied:',
        '',
        '- sagemaker-prod-us-west-2 (reads network-prod-us-west-2)',
        '',
      ].join('\n'),
    );
  });

  it('says when there is nothing to apply', () => {
    expect(renderSummary({ ...record, region: 'eu-west-1', planned: [record.planned[1]], deferred: [] })).toContain(
      '## Plan for prod (eu-west-1)',
    );
    expect(renderSummary({ ...record, planned: [record.planned[1]], deferred: [] })).toContain('Nothing to apply in this round.');
  });
});
