/** Test-only entry of the guardrails lib: synthesize real constructs and read what a rule says about them. */
export * from './fixtures';
export * from './synth';
