import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploymentTarget } from '@privatelink/config';
import { App, Testing } from 'cdktf';
import { SagemakerStack } from '../sagemaker-stack';

/** Attributes of one synthesized resource, data source, provider or output (snake_case). */
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

export interface Synthesized {
  readonly stack: SagemakerStack;
  /** `Testing.synth` output: what the cdktf matchers take. */
  readonly text: string;
  readonly json: SynthesizedStack;
}

/** The resource class (or anything else) that names a Terraform type, e.g. `KmsKey`. */
export interface ResourceType {
  readonly tfResourceType: string;
}

/**
 * A test app. `Testing.app()` makes a fresh temp folder per call; these specs never write
 * (`Testing.synth` renders in memory), so they share one fixed folder instead of littering /tmp.
 */
export function testApp(): App {
  const outdir = join(tmpdir(), 'privatelink-sagemaker-spec');
  mkdirSync(join(outdir, 'stacks'), { recursive: true });
  return Testing.app({ outdir });
}

/** V8's own rendering of a stack: no source-map lookups. */
const plainStackTrace = (error: Error, frames: NodeJS.CallSite[]): string =>
  [String(error), ...frames.map((frame) => `    at ${frame.toString()}`)].join('\n');

/**
 * cdktf captures a stack trace for every token it creates; under Jest each capture is mapped
 * through source maps, which makes one synth take about half a second instead of milliseconds.
 * Errors thrown while building keep their message, only their frames go unmapped.
 */
export function withPlainStackTraces<T>(build: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = plainStackTrace;
  try {
    return build();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

const synthesizedTargets = new Map<string, Synthesized>();

/**
 * GIVEN a target, WHEN its SageMaker stack is synthesized. Synthesized once per equal target and
 * test file: the specs only read the result.
 */
export function synthSagemaker(target: DeploymentTarget): Synthesized {
  const key = JSON.stringify(target);
  let result = synthesizedTargets.get(key);
  if (!result) {
    result = withPlainStackTraces(() => {
      const stack = new SagemakerStack(testApp(), { target });
      const text = Testing.synth(stack);
      return { stack, text, json: JSON.parse(text) as SynthesizedStack };
    });
    synthesizedTargets.set(key, result);
  }
  return result;
}

/** What a real synth writes for one SageMaker stack, read back as text. */
export interface WrittenStack {
  /** `stacks/<id>/cdk.tf.json`, metadata included. */
  readonly stackJson: string;
  /** `manifest.json`. */
  readonly manifest: string;
}

/**
 * Synthesizes the stacks of some targets the way the app entry point does (a plain `App`,
 * validations on) into a fresh temp folder, reads one stack back and removes the folder.
 */
export function synthToFiles(targets: readonly DeploymentTarget[], stackId: string): WrittenStack {
  const outdir = mkdtempSync(join(tmpdir(), 'privatelink-sagemaker-spec-'));
  try {
    return withPlainStackTraces(() => {
      const app = new App({ outdir, skipValidation: false });
      for (const target of targets) new SagemakerStack(app, { target });
      app.synth();
      return {
        stackJson: readFileSync(join(outdir, 'stacks', stackId, 'cdk.tf.json'), 'utf8'),
        manifest: readFileSync(join(outdir, 'manifest.json'), 'utf8'),
      };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
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

/** The reference to an output of the network stack read as `terraform_remote_state.<state>`. */
export function networkOutput(output: string, state = 'network'): string {
  return `\${data.terraform_remote_state.${state}.outputs.${output}}`;
}
