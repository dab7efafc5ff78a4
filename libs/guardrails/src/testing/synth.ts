import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, Testing, TerraformStack } from 'cdktf';
import { SynthOutput } from '@privatelink/synth-output';
import { checkStack, checkStacks, evaluateRule } from '../check-stack';
import { synthStacks } from '../check-synth-output';
import type { Rule } from '../rule';
import { synthStack, type JsonObject, type SynthStack } from '../synth-json';

/** Name of every test stack; findings start with it. */
export const TEST_STACK = 'guarded';

/** One fixed folder for every test app (Testing.app() would make a new temp folder per call). */
function testApp(): App {
  const outdir = join(tmpdir(), 'privatelink-guardrails-spec');
  mkdirSync(outdir, { recursive: true });
  return Testing.app({ outdir });
}

const plainStackTrace = (error: Error, frames: NodeJS.CallSite[]): string =>
  [String(error), ...frames.map((frame) => `    at ${frame.toString()}`)].join('\n');

/**
 * Builds a stack of real provider constructs and synthesizes it exactly as the apps do (`cdk.tf.json`,
 * `//` comments included, which Testing.synth strips). cdktf records a stack trace per token; under
 * Jest those are source-mapped, which is slow, so plain V8 frames are used while building.
 */
export function synthTestStack(build: (stack: TerraformStack) => void): SynthStack {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = plainStackTrace;
  let outdir: string | undefined;
  try {
    const stack = new TerraformStack(testApp(), TEST_STACK);
    new AwsProvider(stack, 'aws', { region: 'us-west-2' });
    build(stack);
    outdir = Testing.fullSynth(stack);
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', TEST_STACK, 'cdk.tf.json'), 'utf8')) as JsonObject;
    return synthStack(TEST_STACK, json);
  } finally {
    Error.prepareStackTrace = previous;
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  }
}

/** The messages synth would print for this rule on this stack. */
export function messagesOf(rule: Rule, stack: SynthStack): string[] {
  return checkStack(stack, [rule]).findings.map((finding) => finding.message);
}

/** The message of one finding, in the format the synth host prints. */
export function expectedMessage(rule: Rule, address: string, detail: string): string {
  return `${TEST_STACK} ${address} ${rule.id}: ${rule.title} (${detail}). Fix: ${rule.fix}`;
}

/** How many resources the rule judged compliant: a compliant case must have been looked at. */
export function compliantCount(rule: Rule, stack: SynthStack): number {
  return evaluateRule(rule, stack).filter((verdict) => verdict.result.status === 'compliant').length;
}

/**
 * Builds a multi-stack app of real constructs and synthesizes it as the composition root does (one
 * `App`, a manifest with the declared dependencies), for rules that compare stacks.
 */
export function synthTestApp(build: (app: App) => void): SynthStack[] {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = plainStackTrace;
  const outdir = mkdtempSync(join(tmpdir(), 'privatelink-guardrails-app-'));
  try {
    const app = new App({ outdir });
    build(app);
    app.synth();
    return synthStacks(SynthOutput.read(outdir));
  } finally {
    Error.prepareStackTrace = previous;
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The messages synth would print for this rule across these stacks, in stack order. */
export function synthMessagesOf(rule: Rule, stacks: readonly SynthStack[]): string[] {
  return checkStacks(stacks, [rule]).flatMap((report) => report.findings.map((finding) => finding.message));
}

/** The message of one finding of a rule on a named stack, in the format the synth host prints. */
export function expectedStackMessage(rule: Rule, stack: string, address: string, detail: string): string {
  return `${stack} ${address} ${rule.id}: ${rule.title} (${detail}). Fix: ${rule.fix}`;
}
