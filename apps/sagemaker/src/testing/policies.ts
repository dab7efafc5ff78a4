/** A policy document as it was rendered into the stack. */
export interface RenderedStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface RenderedPolicy {
  readonly Version: string;
  readonly Statement: readonly RenderedStatement[];
}

/** Parses a policy attribute; throws when it is not a literal JSON string (scanners skip those). */
export function parsePolicy(value: unknown): RenderedPolicy {
  if (typeof value !== 'string') throw new Error(`policy is not a string: ${JSON.stringify(value)}`);
  return JSON.parse(value) as RenderedPolicy;
}

/** A single value reads as a list of one, an absent one as empty. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The statement with this Sid; throws when there is not exactly one. */
export function statement(policy: RenderedPolicy, sid: string): RenderedStatement {
  const found = policy.Statement.filter((candidate) => candidate.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one statement ${sid}, found ${found.length}`);
  return found[0];
}

function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  return Object.values(principal).some((value) => asList(value).includes('*'));
}

/** KMS.5 / CKV_AWS_33: the Allow statements to principal `*` without a Condition. */
export function unconditionedWildcardAllows(policy: RenderedPolicy): string[] {
  return policy.Statement.filter(
    (candidate) =>
      candidate.Effect === 'Allow' &&
      isWildcardPrincipal(candidate.Principal) &&
      Object.keys(candidate.Condition ?? {}).length === 0,
  ).map((candidate) => `statement ${candidate.Sid ?? '(no Sid)'} allows principal * without a Condition`);
}

/**
 * CKV_AWS_62/63, CKV2_AWS_40, IAM.21: the wildcard actions (`*`, `service:*`) an Allow grants,
 * and any Allow through NotAction (which grants everything it does not name).
 */
export function wildcardAllows(policy: RenderedPolicy): string[] {
  return policy.Statement.filter((candidate) => candidate.Effect === 'Allow').flatMap((candidate) => {
    const where = `statement ${candidate.Sid ?? '(no Sid)'}`;
    if (candidate.NotAction !== undefined) return [`${where} allows through NotAction`];
    return asList(candidate.Action)
      .filter((action) => typeof action === 'string' && (action === '*' || action.endsWith(':*')))
      .map((action) => `${where} allows ${String(action)}`);
  });
}

/** Machine paths that must never reach a synthesized stack (it is committed, diffed, shared). */
export const ABSOLUTE_PATH_PREFIXES = ['/work', '/tmp', '/home', '/root', '/Users'] as const;

/** The absolute paths found in synthesized text, with a little context each. */
export function absolutePathsIn(text: string): string[] {
  return ABSOLUTE_PATH_PREFIXES.flatMap((prefix) => {
    const found: string[] = [];
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
      found.push(text.slice(Math.max(0, at - 20), at + 40));
    }
    return found;
  });
}
