/** One statement of a policy document as it was rendered into the stack. */
export interface RenderedStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A policy document as it was rendered into the stack. */
export interface RenderedPolicy {
  readonly Version: string;
  readonly Statement: readonly RenderedStatement[];
}

/** Parses a policy attribute; throws when it is not a literal JSON string (scanners skip those). */
export function parsePolicy(value: unknown): RenderedPolicy {
  if (typeof value !== 'string') throw new Error(`policy is not a string: ${JSON.stringify(value)}`);
  return JSON.parse(value) as RenderedPolicy;
}

/** The statement with this Sid; throws when there is not exactly one. */
export function statement(policy: RenderedPolicy, sid: string): RenderedStatement {
  const found = policy.Statement.filter((candidate) => candidate.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one statement ${sid}, found ${found.length}`);
  return found[0];
}
