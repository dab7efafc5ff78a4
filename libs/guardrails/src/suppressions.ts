import type { TerraformResource } from 'cdktf';
import type { RuleInfo } from './rule';
import { asObject, type SynthResource } from './synth-json';

/** A reason shorter than this explains nothing. */
export const MIN_REASON_LENGTH = 10;

/**
 * Terraform ignores `//` properties in JSON configuration; cdktf already keeps its construct metadata
 * there. Suppressions sit beside it, so they travel with the resource into `cdk.tf.json`.
 */
const SUPPRESSIONS_PATH = ['//', 'guardrails', 'suppressions'];

/**
 * Accepts a finding of `ruleId` on this resource, for the written reason. The only way to suppress:
 * in code, next to the resource, and listed in every synth's guardrails report.
 */
export function suppressRule(resource: TerraformResource, ruleId: string, reason: string): void {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(ruleId)) {
    throw new Error(`suppressRule: ruleId must be a guardrails rule id such as "sg-ingress-not-open"; got ${JSON.stringify(ruleId)}`);
  }
  resource.addOverride([...SUPPRESSIONS_PATH, ruleId].join('.'), reason);
}

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/** The suppressions a synthesized resource carries. */
export function suppressionsOf(resource: SynthResource): Suppression[] {
  let node = asObject(resource.attributes[SUPPRESSIONS_PATH[0]]);
  for (const key of SUPPRESSIONS_PATH.slice(1)) node = asObject(node?.[key]);
  if (!node) return [];
  const byRule = node;
  return Object.keys(byRule)
    .sort()
    .map((ruleId) => ({ ruleId, reason: typeof byRule[ruleId] === 'string' ? (byRule[ruleId] as string) : '' }));
}

/** Checks on the suppressions themselves; their findings cannot be suppressed. */
export const SUPPRESSION_REASON: RuleInfo = {
  id: 'suppression-reason',
  title: `A suppression states its reason in at least ${MIN_REASON_LENGTH} characters`,
  severity: 'error',
  sources: [],
  rationale: 'A suppression accepts a known risk; without a reason nobody can tell later whether it still holds.',
  fix: 'Pass suppressRule(resource, ruleId, reason) a reason that says why the rule does not apply here, or remove the suppression.',
};

export const SUPPRESSION_KNOWN_RULE: RuleInfo = {
  id: 'suppression-known-rule',
  title: 'A suppression names a rule of the guardrails pack',
  severity: 'error',
  sources: [],
  rationale: 'A misspelt rule id suppresses nothing yet reads as if a risk had been accepted.',
  fix: 'Use one of the rule ids listed in cdktf.out/guardrails.md, or remove the suppression.',
};
