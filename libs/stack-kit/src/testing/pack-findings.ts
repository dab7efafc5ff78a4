import { checkStack, GUARDRAILS_PACK, synthStack, type JsonObject, type Rule } from '@privatelink/guardrails';
import type { Synthesized } from './synthesized-json';

/**
 * The findings of the real rule pack (the one synth runs) on a stack synthesized in a spec: the
 * rules exist once, in libs/guardrails, and stack specs assert what they find rather than
 * re-implementing them. `rules` narrows the pack to the ones a spec is about; by default every rule
 * of one stack (the synth-scope rules compare stacks and run on the whole synth output).
 */
export function packFindings(
  synthesized: Pick<Synthesized, 'json' | 'stack'>,
  rules: readonly Rule[] = GUARDRAILS_PACK.filter((rule) => rule.scope !== 'synth'),
): string[] {
  const stack = synthStack(synthesized.stack.node.id, synthesized.json as unknown as JsonObject);
  return checkStack(stack, rules).findings.map((finding) => finding.message);
}
