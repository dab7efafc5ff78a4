import type { PlanCounts } from './terraform-cloud-runs';

interface PlanJson {
  applyable?: boolean;
  resource_changes?: { change?: { actions?: string[] } }[];
  output_changes?: Record<string, { actions?: string[] }>;
}

/**
 * Counts of a local plan from `terraform show -json <plan>`, the way Terraform's own summary counts:
 * a replacement is one to add and one to destroy; reads and no-ops count nothing.
 */
export function countsFromPlanJson(plan: PlanJson): PlanCounts {
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const resource of plan.resource_changes ?? []) {
    const actions = resource.change?.actions ?? [];
    if (actions.includes('create')) add += 1;
    if (actions.includes('delete')) destroy += 1;
    if (actions.includes('update')) change += 1;
  }
  const outputsChange = Object.values(plan.output_changes ?? {}).some((output) => (output.actions ?? []).some((action) => action !== 'no-op'));
  return { add, change, destroy, hasChanges: plan.applyable ?? (add + change + destroy > 0 || outputsChange) };
}

/** One planned stack, as the plan step records it for the apply step. */
export interface PlannedStack {
  readonly stack: string;
  /** File name in the plans folder. */
  readonly planFile: string;
  readonly counts: PlanCounts;
  /** The HCP Terraform run holding the saved plan; absent for a local plan file. */
  readonly runId?: string;
  readonly runUrl?: string;
  /** sha256 of the `cdk.tf.json` the plan was made from. */
  readonly sha256: string;
}

/** A stack not planned in this round: it reads state of stacks this round changes. */
export interface DeferredStack {
  readonly stack: string;
  readonly waitsFor: readonly string[];
}

/** The record the plan step writes (`plans.json`) and the apply step reads. */
export interface PlanRecord {
  readonly format: 1;
  readonly environment: string;
  /** `--region`, when the plan was limited to one. */
  readonly region?: string;
  /** Apply order. */
  readonly planned: readonly PlannedStack[];
  readonly deferred: readonly DeferredStack[];
}

/** The job summary: what approving the environment applies, stack by stack, in order. */
export function renderSummary(record: PlanRecord): string {
  const where = record.region ? `${record.environment} (${record.region})` : record.environment;
  const lines = [`## Plan for ${where}`, ''];
  const changing = record.planned.filter((planned) => planned.counts.hasChanges);
  if (record.planned.length > 0) {
    lines.push('| stack | to add | to change | to destroy | plan |', '| --- | ---: | ---: | ---: | --- |');
    for (const planned of record.planned) {
      const { add, change, destroy, hasChanges } = planned.counts;
      const plan = planned.runUrl ? `[${planned.runId}](${planned.runUrl})` : `local plan \`${planned.planFile}\``;
      const counts = hasChanges ? `${add} | ${change} | ${destroy}` : 'no changes | | ';
      lines.push(`| ${planned.stack} | ${counts} | ${plan} |`);
    }
    lines.push('');
  }
  if (changing.length > 0) {
    lines.push(
      `Approving applies exactly these saved plans, in this order: ${changing.map((planned) => planned.stack).join(', ')}. ` +
        'A plan that is stale by then (its workspace changed since) is refused, not re-planned.',
    );
  } else {
    lines.push('Nothing to apply in this round.');
  }
  if (record.deferred.length > 0) {
    lines.push(
      '',
      '### Planned in the next round',
      '',
      'These stacks read the state of stacks this round changes (on a first deploy, state that does not exist yet), so a plan made now could not be the plan that runs. They are planned, and approved again, after this round is applied:',
      '',
      ...record.deferred.map((deferred) => `- ${deferred.stack} (reads ${deferred.waitsFor.join(', ')})`),
    );
  }
  return `${lines.join('\n')}\n`;
}
