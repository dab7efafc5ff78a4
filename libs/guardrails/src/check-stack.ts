import { GUARDRAILS_PACK } from './pack';
import type { Rule, RuleInfo, Severity, Verdict } from './rule';
import { MIN_REASON_LENGTH, SUPPRESSION_KNOWN_RULE, SUPPRESSION_REASON, suppressionsOf } from './suppressions';
import type { SynthStack } from './synth-json';

/** A rule that does not hold for one resource of one stack. */
export interface Finding {
  readonly stack: string;
  readonly address: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  /** What exactly is wrong with this resource. */
  readonly detail: string;
  readonly fix: string;
  /** `<stack> <address> <rule id>: <title> (<detail>). Fix: <fix>` */
  readonly message: string;
}

/** A finding accepted in code by suppressRule, with its reason. */
export interface HonouredSuppression {
  readonly stack: string;
  readonly address: string;
  readonly ruleId: string;
  readonly reason: string;
}

export interface StackReport {
  readonly stack: string;
  /** Resources in the stack, each seen by every rule that applies to its type. */
  readonly resources: number;
  /** Errors and warnings that no suppression accepted, in rule order. */
  readonly findings: readonly Finding[];
  readonly suppressions: readonly HonouredSuppression[];
  /** Suppressions whose rule found nothing on the resource: candidates for removal. */
  readonly unusedSuppressions: readonly HonouredSuppression[];
}

export function formatFinding(stack: string, address: string, rule: RuleInfo, detail: string): Finding {
  return {
    stack,
    address,
    ruleId: rule.id,
    severity: rule.severity,
    title: rule.title,
    detail,
    fix: rule.fix,
    message: `${stack} ${address} ${rule.id}: ${rule.title} (${detail}). Fix: ${rule.fix}`,
  };
}

/**
 * The verdicts of one rule on one stack; resource rules see each resource of their types. A synth
 * rule sees `synth` (every stack of the synth output, this one among them) and gives this stack's verdicts.
 */
export function evaluateRule(rule: Rule, stack: SynthStack, synth: readonly SynthStack[] = [stack]): readonly Verdict[] {
  if (rule.scope === 'stack') return rule.check(stack);
  if (rule.scope === 'synth') return rule.check(synth).filter((verdict) => verdict.stack === stack.name);
  return stack.resources
    .filter((resource) => rule.resourceTypes.includes(resource.type))
    .map((resource) => ({ address: resource.address, result: rule.check(resource) }));
}

/** Runs the pack over every stack of a synth output; synth rules see them all. */
export function checkStacks(stacks: readonly SynthStack[], rules: readonly Rule[] = GUARDRAILS_PACK): StackReport[] {
  return stacks.map((stack) => checkStack(stack, rules, stacks));
}

/**
 * Runs the pack over one stack (`synth` holds every stack synth rules compare it with). A
 * non-compliant verdict is a finding unless the resource suppresses that rule with a reason of at
 * least MIN_REASON_LENGTH characters; suppressions themselves are checked.
 */
export function checkStack(stack: SynthStack, rules: readonly Rule[] = GUARDRAILS_PACK, synth: readonly SynthStack[] = [stack]): StackReport {
  const findings: Finding[] = [];
  const honoured: HonouredSuppression[] = [];
  const suppressions = new Map(
    stack.resources.map((resource) => [
      resource.address,
      suppressionsOf(resource).map((suppression) => ({ stack: stack.name, address: resource.address, ...suppression })),
    ]),
  );
  const valid = (suppression: HonouredSuppression) => suppression.reason.trim().length >= MIN_REASON_LENGTH;

  for (const [address, list] of suppressions) {
    for (const suppression of list) {
      if (!valid(suppression)) {
        findings.push(formatFinding(stack.name, address, SUPPRESSION_REASON, `suppresses ${suppression.ruleId} for ${JSON.stringify(suppression.reason)}`));
      }
      if (!rules.some((rule) => rule.id === suppression.ruleId)) {
        findings.push(formatFinding(stack.name, address, SUPPRESSION_KNOWN_RULE, `suppresses unknown rule ${JSON.stringify(suppression.ruleId)}`));
      }
    }
  }

  for (const rule of rules) {
    for (const { address, result } of evaluateRule(rule, stack, synth)) {
      if (result.status !== 'non-compliant') continue;
      const suppression = suppressions.get(address)?.find((candidate) => candidate.ruleId === rule.id && valid(candidate));
      if (suppression) {
        if (!honoured.includes(suppression)) honoured.push(suppression);
      } else {
        findings.push(formatFinding(stack.name, address, rule, result.detail));
      }
    }
  }

  const unusedSuppressions = [...suppressions.values()]
    .flat()
    .filter((suppression) => valid(suppression) && !honoured.includes(suppression) && rules.some((rule) => rule.id === suppression.ruleId));
  return { stack: stack.name, resources: stack.resources.length, findings, suppressions: honoured, unusedSuppressions };
}
