import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploymentTarget } from '@privatelink/config';
import { App, Testing, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { NetworkStack } from '../network-stack';

/** Attributes of one synthesized resource, provider or output, as Terraform reads them (snake_case). */
export type Attributes = Readonly<Record<string, unknown>>;

/** The parts of a synthesized stack the specs read. */
export interface SynthesizedStack {
  readonly terraform: { readonly backend?: Readonly<Record<string, Attributes>> };
  readonly provider?: Readonly<Record<string, readonly Attributes[]>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Attributes>>>>;
  readonly output?: Readonly<Record<string, { readonly value: unknown; readonly description?: string }>>;
}

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

/**
 * A test app. `Testing.app()` makes a fresh temp folder per call; these specs never write
 * (`Testing.synth` renders in memory), so they share one fixed folder instead of littering /tmp.
 */
export function testApp(): App {
  const outdir = join(tmpdir(), 'privatelink-network-spec');
  mkdirSync(join(outdir, 'stacks'), { recursive: true });
  return Testing.app({ outdir });
}

/** V8's own rendering of a stack: no source-map lookups. */
const plainStackTrace = (error: Error, frames: NodeJS.CallSite[]): string =>
  [String(error), ...frames.map((frame) => `    at ${frame.toString()}`)].join('\n');

/**
 * cdktf captures a full stack trace for every token it creates. Under Jest each capture is mapped
 * back through source maps, which makes one synth take about half a second; plain V8 frames take a
 * few milliseconds. Errors thrown while building keep their message, only their frames go unmapped.
 */
function withPlainStackTraces<T>(build: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = plainStackTrace;
  try {
    return build();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

function synthesized<T extends TerraformStack>(build: () => T): Synthesized<T> {
  return withPlainStackTraces(() => {
    const stack = build();
    const text = Testing.synth(stack);
    return { stack, text, json: JSON.parse(text) as SynthesizedStack };
  });
}

const synthesizedTargets = new Map<string, Synthesized<NetworkStack>>();

/**
 * GIVEN a target, WHEN its network stack is synthesized. Synthesized once per equal target and
 * test file: the specs only read the result.
 */
export function synthNetwork(target: DeploymentTarget): Synthesized<NetworkStack> {
  const key = JSON.stringify(target);
  let result = synthesizedTargets.get(key);
  if (!result) {
    result = synthesized(() => new NetworkStack(testApp(), { target }));
    synthesizedTargets.set(key, result);
  }
  return result;
}

/** What a real synth writes for one network stack, read back as text. */
export interface WrittenStack {
  /** `stacks/<id>/cdk.tf.json`, metadata included. */
  readonly stackJson: string;
  /** `manifest.json`. */
  readonly manifest: string;
}

/**
 * Synthesizes a network stack the way the app entry point does (a plain `App`, validations on)
 * into a fresh temp folder, reads the files back and removes the folder.
 */
export function synthToFiles(target: DeploymentTarget): WrittenStack {
  const outdir = mkdtempSync(join(tmpdir(), 'privatelink-network-spec-'));
  try {
    return withPlainStackTraces(() => {
      const app = new App({ outdir, skipValidation: false });
      const stack = new NetworkStack(app, { target });
      app.synth();
      return {
        stackJson: readFileSync(join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'),
        manifest: readFileSync(join(outdir, 'manifest.json'), 'utf8'),
      };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Like `Testing.synthScope`: one construct (or a few) in an empty stack, for construct-level options. */
export function synthScope(build: (scope: Construct) => void): Synthesized {
  return synthesized(() => {
    const stack = new TerraformStack(testApp(), 'stack');
    build(stack);
    return stack;
  });
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

/** The Terraform reference to an attribute of a resource, as cdktf renders it. */
export function ref(type: ResourceType, id: string, attribute = 'id'): string {
  return `\${${type.tfResourceType}.${id}.${attribute}}`;
}

/** Every resource type of the stack. */
export function resourceTypes(json: SynthesizedStack): string[] {
  return Object.keys(json.resource ?? {});
}

/** A policy document as it was rendered into the stack. */
export interface RenderedPolicy {
  readonly Version: string;
  readonly Statement: readonly {
    readonly Sid?: string;
    readonly Effect: string;
    readonly Principal?: unknown;
    readonly Action?: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  }[];
}

/** Parses a policy attribute; throws when it is not a literal JSON string. */
export function parsePolicy(value: unknown): RenderedPolicy {
  if (typeof value !== 'string') throw new Error(`policy is not a string: ${JSON.stringify(value)}`);
  return JSON.parse(value) as RenderedPolicy;
}
