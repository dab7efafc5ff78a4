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

/** One `provider.<type>` block: `aws` or `aws.<alias>`. */
export interface SynthProvider {
  readonly type: string;
  readonly alias?: string;
  /** `aws` or `aws.<alias>`, as a resource's `provider` attribute names it. */
  readonly reference: string;
  readonly attributes: JsonObject;
}

/** One `data.<type>.<name>` block. */
export interface SynthDataSource {
  readonly type: string;
  readonly name: string;
  /** `data.<type>.<name>`, as Terraform addresses it. */
  readonly address: string;
  readonly attributes: JsonObject;
}

/** Where a stack sits in the synth output, from its manifest. */
export interface SynthStackPlacement {
  /** Stacks this one deploys after (the manifest's `dependencies`). */
  readonly dependencies?: readonly string[];
  /** The stack's folder, relative to the synth output (`stacks/<name>`). */
  readonly workingDirectory?: string;
}

/** One synthesized stack: its name, resources sorted by address, and what cross-stack rules read. */
export interface SynthStack {
  readonly name: string;
  readonly resources: readonly SynthResource[];
  readonly providers: readonly SynthProvider[];
  readonly dataSources: readonly SynthDataSource[];
  /** The `terraform` block: backend or cloud, required providers. */
  readonly terraform: JsonObject;
  readonly dependencies: readonly string[];
  readonly workingDirectory: string;
}

const byAddress = <T extends { readonly address: string }>(a: T, b: T) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);

/** `<block>.<type>.<name>` entries of a parsed `cdk.tf.json` (resources and data sources). */
function namedBlocks(json: JsonObject, block: string, prefix: string) {
  const byType = asObject(json[block]) ?? {};
  return Object.keys(byType)
    .flatMap((type) => {
      const byName = asObject(byType[type]) ?? {};
      return Object.keys(byName).map((name) => ({
        type,
        name,
        address: `${prefix}${type}.${name}`,
        attributes: asObject(byName[name]) ?? {},
      }));
    })
    .sort(byAddress);
}

/** A parsed `cdk.tf.json`, placed where the manifest puts it. */
export function synthStack(name: string, json: JsonObject, placement: SynthStackPlacement = {}): SynthStack {
  const providersByType = asObject(json['provider']) ?? {};
  const providers = Object.keys(providersByType).flatMap((type) =>
    blocks(providersByType[type]).map((attributes) => {
      const alias = typeof attributes['alias'] === 'string' ? attributes['alias'] : undefined;
      return { type, ...(alias ? { alias } : {}), reference: alias ? `${type}.${alias}` : type, attributes };
    }),
  );
  return {
    name,
    resources: namedBlocks(json, 'resource', ''),
    providers,
    dataSources: namedBlocks(json, 'data', 'data.'),
    terraform: asObject(json['terraform']) ?? {},
    dependencies: placement.dependencies ?? [],
    workingDirectory: placement.workingDirectory ?? `stacks/${name}`,
  };
}

/** The provider block a resource is configured by: its `provider` attribute, else the default one of its type's provider. */
export function providerOf(stack: SynthStack, resource: SynthResource): SynthProvider | undefined {
  const reference = resource.attributes['provider'];
  const wanted = typeof reference === 'string' ? reference : resource.type.split('_')[0];
  return stack.providers.find((provider) => provider.reference === wanted);
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
