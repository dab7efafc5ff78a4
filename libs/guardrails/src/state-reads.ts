import { posix } from 'node:path';
import { asObject, type JsonObject, type SynthStack } from './synth-json';

/** Where a stack keeps its state, or where a `terraform_remote_state` reads one. */
export type StateLocation =
  | {
      readonly kind: 'local';
      /** Relative to the synth output, e.g. `terraform.network-dev-us-west-2.tfstate` one level above it. */
      readonly path: string;
    }
  | { readonly kind: 'cloud'; readonly hostname: string; readonly organization: string; readonly workspace: string };

/** One `terraform_remote_state` of a stack, resolved against the other stacks of the synth. */
export interface StateRead {
  /** The stack that reads. */
  readonly stack: string;
  /** `data.terraform_remote_state.<name>`. */
  readonly address: string;
  /** Where the read goes; undefined for a backend this pack does not follow. */
  readonly location?: StateLocation;
  /** The state the reading stack itself writes. */
  readonly readerLocation?: StateLocation;
  /** The stack of this synth that writes `location`, when one does. */
  readonly writer?: string;
  /** The read in words, for messages: `the local state ../x.tfstate`, `the Terraform Cloud workspace org/ws`. */
  readonly description: string;
}

/** Terraform Cloud's own host, which a `cloud` block or remote backend without a hostname means. */
const TERRAFORM_CLOUD_HOST = 'app.terraform.io';

function cloudLocation(hostname: unknown, organization: unknown, workspace: unknown): StateLocation | undefined {
  if (typeof organization !== 'string' || typeof workspace !== 'string') return undefined;
  return { kind: 'cloud', hostname: typeof hostname === 'string' ? hostname : TERRAFORM_CLOUD_HOST, organization, workspace };
}

const localLocation = (workingDirectory: string, path: string): StateLocation => ({
  kind: 'local',
  path: posix.normalize(posix.join(workingDirectory, path)),
});

/** One comparable key per state location. */
function locationKey(location: StateLocation): string {
  return location.kind === 'local' ? `local:${location.path}` : `cloud:${location.hostname}/${location.organization}/${location.workspace}`;
}

/** Where a stack's own state lives: its `cloud` block's workspace, else its local backend's path (Terraform's default without one). */
export function stackStateLocation(stack: SynthStack): StateLocation | undefined {
  const cloud = asObject(stack.terraform['cloud']);
  if (cloud) return cloudLocation(cloud['hostname'], cloud['organization'], asObject(cloud['workspaces'])?.['name']);
  const backend = asObject(stack.terraform['backend']);
  const local = asObject(backend?.['local']);
  if (backend === undefined || local) return localLocation(stack.workingDirectory, String(local?.['path'] ?? 'terraform.tfstate'));
  return undefined;
}

function readLocation(stack: SynthStack, attributes: JsonObject): StateLocation | undefined {
  const config = asObject(attributes['config']) ?? {};
  const backend = attributes['backend'];
  if (backend === 'local' && typeof config['path'] === 'string') return localLocation(stack.workingDirectory, config['path']);
  if (backend === 'remote' || backend === 'cloud') {
    return cloudLocation(config['hostname'], config['organization'], asObject(config['workspaces'])?.['name']);
  }
  return undefined;
}

function describe(attributes: JsonObject): string {
  const config = asObject(attributes['config']) ?? {};
  const workspace = asObject(config['workspaces'])?.['name'];
  if (typeof config['path'] === 'string') return `the local state ${config['path']}`;
  if (typeof workspace === 'string') return `the Terraform Cloud workspace ${String(config['organization'])}/${workspace}`;
  return `a ${String(attributes['backend'])} backend`;
}

/**
 * Every `terraform_remote_state` of every stack, in stack then address order, with the stack of the
 * synth that writes what it reads. The one reading of state reads: the `remote-state-dependency`
 * rule checks them, and the README's Terraform Cloud sharing list is generated from them.
 */
export function stateReads(stacks: readonly SynthStack[]): StateRead[] {
  const writers = new Map<string, string>();
  for (const stack of stacks) {
    const location = stackStateLocation(stack);
    if (location) writers.set(locationKey(location), stack.name);
  }
  return stacks.flatMap((stack) => {
    const readerLocation = stackStateLocation(stack);
    return stack.dataSources
      .filter((data) => data.type === 'terraform_remote_state')
      .map((data): StateRead => {
        const location = readLocation(stack, data.attributes);
        const writer = location ? writers.get(locationKey(location)) : undefined;
        return {
          stack: stack.name,
          address: data.address,
          ...(location ? { location } : {}),
          ...(readerLocation ? { readerLocation } : {}),
          ...(writer ? { writer } : {}),
          description: describe(data.attributes),
        };
      });
  });
}
