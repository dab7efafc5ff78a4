import { Testing, type TerraformStack } from 'cdktf';
import { withPlainStackTraces } from './plain-stack-traces';
import type { Synthesized, SynthesizedStack } from './synthesized-json';

/** Builds a stack and renders it in memory with `Testing.synth` (plain stack traces, for speed). */
export function synthesize<T extends TerraformStack>(build: () => T): Synthesized<T> {
  return withPlainStackTraces(() => {
    const stack = build();
    const text = Testing.synth(stack);
    return { stack, text, json: JSON.parse(text) as SynthesizedStack };
  });
}

const cache = new Map<string, Synthesized<TerraformStack>>();

/**
 * {@link synthesize}, once per key and test file (Jest loads modules afresh per file): specs only
 * read the result. The key names what is built, e.g. the app and `JSON.stringify(target)`.
 */
export function synthesizedOnce<T extends TerraformStack>(key: string, build: () => T): Synthesized<T> {
  let result = cache.get(key) as Synthesized<T> | undefined;
  if (!result) {
    result = synthesize(build);
    cache.set(key, result);
  }
  return result;
}
