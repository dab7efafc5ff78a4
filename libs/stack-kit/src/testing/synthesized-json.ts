import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/** Attributes of one synthesized resource, data source, provider or output, as Terraform reads them (snake_case). */
export type Attributes = Readonly<Record<string, unknown>>;

/** The parts of a synthesized stack the specs read. */
export interface SynthesizedStack {
  readonly terraform: Readonly<Record<string, unknown>> & {
    readonly backend?: Readonly<Record<string, Attributes>>;
    readonly cloud?: Attributes;
  };
  readonly provider?: Readonly<Record<string, readonly Attributes[]>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Attributes>>>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Attributes>>>>;
  readonly output?: Readonly<Record<string, { readonly value: unknown; readonly description?: string }>>;
}

/** A stack with its `Testing.synth` rendering, as text and parsed. */
export interface Synthesized<T extends Construct = TerraformStack> {
  readonly stack: T;
  /** `Testing.synth` output: what the cdktf matchers take. */
  readonly text: string;
  readonly json: SynthesizedStack;
}

/** The resource class (or anything else) that names a Terraform type, e.g. `Vpc`. */
export interface ResourceType {
  readonly tfResourceType: string;
}

/** Resources of one type by logical id; empty when there are none. */
export function resourcesOf(json: SynthesizedStack, type: ResourceType | string): Readonly<Record<string, Attributes>> {
  return json.resource?.[typeof type === 'string' ? type : type.tfResourceType] ?? {};
}

/** Logical ids and attributes of one type, in a list. */
export function entriesOf(json: SynthesizedStack, type: ResourceType | string): [string, Attributes][] {
  return Object.entries(resourcesOf(json, type));
}

/** The single resource of a type; throws (failing the test) when there is not exactly one. */
export function onlyResource(json: SynthesizedStack, type: ResourceType): { id: string; attributes: Attributes } {
  const entries = entriesOf(json, type);
  if (entries.length !== 1) throw new Error(`expected one ${type.tfResourceType}, found ${entries.length}`);
  const [[id, attributes]] = entries;
  return { id, attributes };
}

/** The resource of a type whose attribute has a value; throws when there is not exactly one. */
export function resourceWhere(
  json: SynthesizedStack,
  type: ResourceType,
  attribute: string,
  value: unknown,
): { id: string; attributes: Attributes } {
  const found = entriesOf(json, type).filter(([, attributes]) => attributes[attribute] === value);
  if (found.length !== 1) {
    throw new Error(`expected one ${type.tfResourceType} with ${attribute} = ${JSON.stringify(value)}, found ${found.length}`);
  }
  const [[id, attributes]] = found;
  return { id, attributes };
}

/** Every resource type of the stack. */
export function resourceTypes(json: SynthesizedStack): string[] {
  return Object.keys(json.resource ?? {});
}

/** The Terraform reference to an attribute of a resource, as cdktf renders it. */
export function ref(type: ResourceType, id: string, attribute = 'id'): string {
  return `\${${type.tfResourceType}.${id}.${attribute}}`;
}
