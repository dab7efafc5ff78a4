import type { SynthResource, SynthStack } from './synth-json';

/** `error` fails synth; `warning` is reported and listed, and synth goes on. */
export type Severity = 'error' | 'warning';

/** What a rule is, as data: the report, the error message and the docs all read these fields. */
export interface RuleInfo {
  /** Stable kebab-case id; suppressions name it. */
  readonly id: string;
  /** What must hold, as one short sentence without a final period. */
  readonly title: string;
  readonly severity: Severity;
  /** The scanner and Security Hub ids the rule stands for; empty for the project's own rules. */
  readonly sources: readonly string[];
  /** Why it matters. */
  readonly rationale: string;
  /** What to change, in the terms of the construct or the Terraform attribute. */
  readonly fix: string;
}

export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly detail: string };

/** A rule over one synthesized resource of the listed types. */
export interface ResourceRule extends RuleInfo {
  readonly scope: 'resource';
  readonly resourceTypes: readonly string[];
  readonly check: (resource: SynthResource) => RuleResult;
}

/** The result of a stack rule for one resource (the one a finding points at). */
export interface Verdict {
  readonly address: string;
  readonly result: RuleResult;
}

/** A rule that relates resources of one stack (a VPC and its flow log, a notebook and its role). */
export interface StackRule extends RuleInfo {
  readonly scope: 'stack';
  readonly check: (stack: SynthStack) => readonly Verdict[];
}

/** The result of a synth rule for one resource of one stack. */
export interface SynthVerdict extends Verdict {
  readonly stack: string;
}

/**
 * A rule across every stack of a synth: what only shows when stacks meet in one account or one
 * deployment (names AWS keeps unique per account, the order stacks deploy in).
 */
export interface SynthRule extends RuleInfo {
  readonly scope: 'synth';
  readonly check: (stacks: readonly SynthStack[]) => readonly SynthVerdict[];
}

export type Rule = ResourceRule | StackRule | SynthRule;

export const COMPLIANT: RuleResult = { status: 'compliant' };
export const NOT_APPLICABLE: RuleResult = { status: 'not-applicable' };

export function nonCompliant(detail: string): RuleResult {
  return { status: 'non-compliant', detail };
}

/** Compliant when there is no problem; otherwise one finding listing them all. */
export function fromProblems(problems: readonly string[]): RuleResult {
  return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join('; '));
}
