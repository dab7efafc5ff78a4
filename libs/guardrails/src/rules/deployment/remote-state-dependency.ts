import { posix } from 'node:path';
import { COMPLIANT, nonCompliant, type SynthRule, type SynthVerdict } from '../../rule';
import { asObject, type JsonObject, type SynthStack } from '../../synth-json';

/** The state a stack writes, or a `terraform_remote_state` reads, as one comparable key. */
function localStateKey(workingDirectory: string, path: string): string {
  return `local:${posix.normalize(posix.join(workingDirectory, path))}`;
}

function cloudStateKey(hostname: unknown, organization: unknown, workspace: unknown): string | undefined {
  if (typeof organization !== 'string' || typeof workspace !== 'string') return undefined;
  return `cloud:${typeof hostname === 'string' ? hostname : 'app.terraform.io'}/${organization}/${workspace}`;
}

/** Where a stack's own state lives: its local backend path, or its Terraform Cloud workspace. */
function writtenState(stack: SynthStack): string | undefined {
  const cloud = asObject(stack.terraform['cloud']);
  if (cloud) return cloudStateKey(cloud['hostname'], cloud['organization'], asObject(cloud['workspaces'])?.['name']);
  const backend = asObject(stack.terraform['backend']);
  const local = asObject(backend?.['local']);
  // Terraform's default for a local backend without a path.
  if (backend === undefined || local) return localStateKey(stack.workingDirectory, String(local?.['path'] ?? 'terraform.tfstate'));
  return undefined;
}

/** Where a `terraform_remote_state` data source reads from. */
function readState(stack: SynthStack, attributes: JsonObject): string | undefined {
  const config = asObject(attributes['config']) ?? {};
  const backend = attributes['backend'];
  if (backend === 'local' && typeof config['path'] === 'string') return localStateKey(stack.workingDirectory, config['path']);
  if (backend === 'remote' || backend === 'cloud') {
    return cloudStateKey(config['hostname'], config['organization'], asObject(config['workspaces'])?.['name']);
  }
  return undefined;
}

export const remoteStateDependency: SynthRule = {
  id: 'remote-state-dependency',
  title: "A stack that reads another stack's state deploys after it",
  severity: 'error',
  sources: [],
  rationale:
    'cdktf deploy runs stacks that do not depend on each other in parallel (--parallelism is unlimited by default), and ' +
    'Terraform Cloud runs workspaces independently: a terraform_remote_state of a stack that is not a declared dependency ' +
    'reads nothing on a first deploy (the plan fails) or reads outputs that are about to change.',
  fix:
    "Declare every read: the stack reading another stack's outputs calls addDependency on it (the composition root does it " +
    'for every readNetworkHandoff), so the synth manifest lists it among the dependencies.',
  scope: 'synth',
  check: (stacks) => {
    const writers = new Map<string, string>();
    for (const stack of stacks) {
      const key = writtenState(stack);
      if (key) writers.set(key, stack.name);
    }
    return stacks.flatMap((stack) =>
      stack.dataSources
        .filter((data) => data.type === 'terraform_remote_state')
        .map((data): SynthVerdict => {
          const verdict = (result: SynthVerdict['result']) => ({ stack: stack.name, address: data.address, result });
          const key = readState(stack, data.attributes);
          const writer = key === undefined ? undefined : writers.get(key);
          if (writer === undefined) {
            return verdict(nonCompliant(`reads ${describe(data.attributes)}, which no stack of this synth writes`));
          }
          if (writer === stack.name) return verdict(nonCompliant('reads the state of its own stack'));
          if (!stack.dependencies.includes(writer)) {
            const declared = stack.dependencies.length > 0 ? stack.dependencies.join(', ') : 'none';
            return verdict(nonCompliant(`reads the state of ${writer}, which is not among its dependencies (declared: ${declared})`));
          }
          return verdict(COMPLIANT);
        }),
    );
  },
};

function describe(attributes: JsonObject): string {
  const config = asObject(attributes['config']) ?? {};
  const workspace = asObject(config['workspaces'])?.['name'];
  if (typeof config['path'] === 'string') return `the local state ${config['path']}`;
  if (typeof workspace === 'string') return `the Terraform Cloud workspace ${String(config['organization'])}/${workspace}`;
  return `a ${String(attributes['backend'])} backend`;
}
