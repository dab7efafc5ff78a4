import { readFileSync } from 'node:fs';
import { isCollection, isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { resolveConfig } from './check-config';
import { ConfigError, type ConfigCheck, type ConfigIssue } from './config-error';
import type { PrivatelinkConfig } from './model';
import { ConfigSchema } from './schema';

/** The config file used when `PRIVATELINK_CONFIG` is not set, relative to the working directory. */
export const DEFAULT_CONFIG_FILE = 'config/environments.yaml';

/** The file to read: `PRIVATELINK_CONFIG` when set, else the default. */
export function configFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env['PRIVATELINK_CONFIG']?.trim() || DEFAULT_CONFIG_FILE;
}

/**
 * Reads, validates and resolves a config file; throws a ConfigError listing every problem. `checks`
 * run after the built-in cross-field checks, on the resolved config.
 */
export function loadConfig(
  file: string = configFileFromEnv(),
  env: NodeJS.ProcessEnv = process.env,
  checks: readonly ConfigCheck[] = [],
): PrivatelinkConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(file, [
      { path: [], message: `cannot read the config (${reason}); set PRIVATELINK_CONFIG to an existing YAML file` },
    ]);
  }
  return parseConfig(file, text, env, checks);
}

/** Validates config text; `file` is only used in messages. */
export function parseConfig(
  file: string,
  text: string,
  env: NodeJS.ProcessEnv = {},
  checks: readonly ConfigCheck[] = [],
): PrivatelinkConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${line}:${col}`;
  };
  if (doc.errors.length > 0) throw new ConfigError(file, [yamlIssue(doc.errors, position)]);
  const raw: unknown = doc.toJS();
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const issues = result.error.issues.flatMap((issue) => fromZodIssue(issue, raw));
    throw new ConfigError(file, withPositions(issues, doc, position));
  }
  const resolved = resolveConfig(file, result.data, env);
  const { config } = resolved;
  // Checks from outside see only a config the built-in checks accept.
  const issues = resolved.issues.length > 0 ? resolved.issues : checks.flatMap((check) => check(config));
  if (issues.length > 0) {
    throw new ConfigError(file, withPositions(issues.map((issue) => ({ issue, at: 'value' as const })), doc, position));
  }
  return config;
}

/**
 * The first syntax error of the file, positioned once. One slip (a tab, a wrong indent, a missing
 * `]`) usually makes the parser report the same error again, or others, further down; those add
 * nothing before the first is fixed, so they are only counted. The yaml library appends
 * ` at line L, column C` and a source excerpt to its messages unless `prettyErrors` is off; the
 * excerpt and any such suffix are cut, since the issue carries the position itself.
 */
function yamlIssue(errors: readonly YAMLError[], position: (offset: number) => string): ConfigIssue {
  const [first, ...rest] = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const text = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const more = rest.length > 0 ? ` (fix this first: the parser reported ${rest.length} more error${rest.length === 1 ? '' : 's'} after it, which may follow from it)` : '';
  return { path: [], ...(first.pos[0] >= 0 ? { position: position(first.pos[0]) } : {}), message: `is not valid YAML: ${text}${more}` };
}

/** An issue and what its position should point at: the key itself (an unknown field, a bad name) or its value. */
interface LocatedIssue {
  readonly issue: ConfigIssue;
  readonly at: 'key' | 'value';
}

/** Zod's type names in the words a YAML author knows. */
const YAML_TYPES: Readonly<Record<string, string>> = {
  object: 'a map',
  record: 'a map',
  array: 'a list',
  boolean: 'true or false',
};

function yamlType(expected: string): string {
  return YAML_TYPES[expected] ?? `a ${expected}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function fromZodIssue(zodIssue: z.core.$ZodIssue, raw: unknown): LocatedIssue[] {
  const path = zodIssue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  const atValue = (issue: ConfigIssue): LocatedIssue[] => [{ issue, at: 'value' }];
  switch (zodIssue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path);
      return zodIssue.keys.map((key) => ({
        issue: {
          path: [...path, key],
          message: `is not a known field; allowed here: ${allowed.join(', ')}${suggest(key, allowed)}`,
        },
        at: 'key',
      }));
    }
    case 'invalid_key':
      // A bad map key (an unknown region, an invalid environment name): report the key itself.
      return zodIssue.issues.map((inner) => ({
        issue: { path, value: path[path.length - 1], message: inner.message },
        at: 'key',
      }));
    case 'invalid_type': {
      const value = valueAt(raw, path);
      if (value === undefined) return atValue({ path, message: `is required (${yamlType(zodIssue.expected)})` });
      return atValue({ path, value, message: describeType(zodIssue) });
    }
    case 'invalid_value':
      return atValue({
        path,
        value: valueAt(raw, path),
        message: `must be one of: ${zodIssue.values.map(String).join(', ')}`,
      });
    default:
      return atValue({ path, value: valueAt(raw, path), message: zodIssue.message });
  }
}

function describeType(issue: z.core.$ZodIssueInvalidType): string {
  // Schema-specific messages already say what is allowed; Zod's generic one gets the expected type.
  return issue.message.startsWith('Invalid input') ? `must be ${yamlType(issue.expected)}` : issue.message;
}

interface SchemaDef {
  type: string;
  innerType?: { _zod: { def: SchemaDef } };
  shape?: Record<string, unknown>;
  valueType?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
  in?: { _zod: { def: SchemaDef } };
}

/** The field names an object in the schema accepts at `path`, for "did you mean" messages. */
function allowedKeysAt(path: readonly (string | number)[]): string[] {
  let def = (ConfigSchema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const unwrap = () => {
    while (def.type === 'optional' || def.type === 'default' || def.type === 'pipe') {
      const inner = def.innerType ?? def.in;
      if (!inner) break;
      def = inner._zod.def;
    }
  };
  for (const segment of path) {
    unwrap();
    if (def.type === 'object' && def.shape) def = (def.shape[segment] as { _zod: { def: SchemaDef } })._zod.def;
    else if (def.type === 'record' && def.valueType) def = def.valueType._zod.def;
    else if (def.type === 'array' && def.element) def = def.element._zod.def;
    else return [];
  }
  unwrap();
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function suggest(key: string, allowed: readonly string[]): string {
  const best = allowed
    .map((candidate) => ({ candidate, distance: editDistance(key, candidate) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean ${best.candidate}?)` : '';
}

/** Adds `line:column` to each issue, pointing at the offending key or value in the file. */
function withPositions(issues: LocatedIssue[], doc: Document, position: (offset: number) => string): ConfigIssue[] {
  return issues
    .map(({ issue, at }) => {
      const offset = offsetOf(doc, issue.path, at);
      return offset === undefined ? issue : { ...issue, position: position(offset) };
    })
    .sort((a, b) => compareLines(a.position, b.position));
}

function compareLines(a?: string, b?: string): number {
  const [la, ca] = (a ?? '0:0').split(':').map(Number);
  const [lb, cb] = (b ?? '0:0').split(':').map(Number);
  return la - lb || ca - cb;
}

/**
 * Where the issue at `path` starts: the value when it is a scalar or a one-line `[...]`/`{...}`, else the key,
 * since a block map or list starts on the line after the key it belongs to.
 */
function offsetOf(doc: Document, path: readonly (string | number)[], at: 'key' | 'value'): number | undefined {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth > 1 ? doc.getIn(path.slice(0, depth - 1), true) : doc.contents;
    const last = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      const value = pair?.value;
      const pointAtValue = depth === path.length && at === 'value' && !(isCollection(value) && !value.flow);
      if (pointAtValue && isNode(value) && value.range) return value.range[0];
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    } else if (isNode(parent)) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return node.range[0];
      if (parent.range) return parent.range[0];
    }
  }
  return undefined;
}
