/** Synthesized Terraform JSON (`cdk.tf.json`), read as Terraform reads it: snake_case attributes, `${...}` references. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: Json;
}

/** One `resource.<type>.<name>` block. */
export interface SynthResource {
  readonly type: string;
  readonly name: string;
  /** `<type>.<name>`, as Terraform addresses it. */
  readonly address: string;
  readonly attributes: JsonObject;
}

/** One synthesized stack: its name and resources, sorted by address. */
export interface SynthStack {
  readonly name: string;
  readonly resources: readonly SynthResource[];
}

/** The resources of a parsed `cdk.tf.json`. */
export function synthStack(name: string, json: JsonObject): SynthStack {
  const byType = asObject(json['resource']) ?? {};
  const resources = Object.keys(byType).flatMap((type) => {
    const byName = asObject(byType[type]) ?? {};
    return Object.keys(byName).map((resourceName) => ({
      type,
      name: resourceName,
      address: `${type}.${resourceName}`,
      attributes: asObject(byName[resourceName]) ?? {},
    }));
  });
  resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { name, resources };
}

export function resourcesOfType(stack: SynthStack, ...types: string[]): SynthResource[] {
  return stack.resources.filter((resource) => types.includes(resource.type));
}

export function asObject(value: Json | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A list attribute; a single value reads as a list of one, an absent one as empty. */
export function asList(value: Json | undefined): readonly Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as readonly Json[]) : [value];
}

/** Nested blocks: cdktf writes a single block as an object and repeated ones as a list. */
export function blocks(value: Json | undefined): JsonObject[] {
  return asList(value).flatMap((item) => {
    const object = asObject(item);
    return object ? [object] : [];
  });
}

export function strings(value: Json | undefined): string[] {
  return asList(value).filter((item): item is string => typeof item === 'string');
}

export function isToken(value: Json | undefined): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** A non-empty string (a literal or a reference). */
export function isSet(value: Json | undefined): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether an attribute value refers to the resource (`${aws_vpc.main.id}`, `${element(aws_subnet.a.*.id, 0)}`). */
export function refersTo(value: Json | undefined, resource: SynthResource): boolean {
  const pattern = new RegExp(`(^|[^\\w.-])${escape(resource.address)}(\\.|\\[|$|[^\\w-])`);
  return collectStrings(value).some((text) => text.includes('${') && pattern.test(text));
}

/** Names of the resources of `type` an attribute value refers to. */
export function referencedNames(value: Json | undefined, type: string): string[] {
  const pattern = new RegExp(`(?:^|[^\\w.-])${escape(type)}\\.([\\w-]+)`, 'g');
  const names = collectStrings(value)
    .filter((text) => text.includes('${'))
    .flatMap((text) => [...text.matchAll(pattern)].map((match) => match[1]));
  return [...new Set(names)];
}

/** Every string below a value, depth first. */
export function collectStrings(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return (Array.isArray(value) ? (value as readonly Json[]) : Object.values(value as JsonObject)).flatMap(collectStrings);
}

/** A value for a message: strings quoted, absent values named. */
export function show(value: Json | undefined): string {
  return value === undefined ? 'not set' : JSON.stringify(value);
}
