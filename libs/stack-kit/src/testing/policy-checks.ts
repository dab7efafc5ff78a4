import { asList } from './as-list';
import type { RenderedPolicy } from './rendered-policy';

/**
 * Policy checks of the security rules (docs: /work/shared/reference/security-rules.md). Each
 * returns the violations it found, one line each; an empty list means compliant.
 */

/** Principal `*`, or a principal map with `*` among any of its values (e.g. `{"AWS": "*"}`). */
export function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  return Object.values(principal).some((value) => asList(value).includes('*'));
}

/** KMS.5 / CKV_AWS_33: the Allow statements to principal `*` (or `{"AWS": "*"}`) without a Condition. */
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
