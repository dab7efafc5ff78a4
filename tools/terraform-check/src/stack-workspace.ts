import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { networkStateFixture } from '@privatelink/handoff/offline-state';
import { OFFLINE_OVERRIDE_FILE, offlineOverride } from './offline-override';
import { awsProviderBlocks, readSynthesizedStack, type SynthesizedStack } from './stack-file';
import type { SynthesizedStack as StackOfOutput } from '@privatelink/synth-output';

/** A stack copied into its own root, ready for terraform. */
export interface StackWorkspace {
  /** The folder to run terraform in. */
  readonly cwd: string;
  /** What the harness read of the stack file. */
  readonly stack: SynthesizedStack;
}

/**
 * Copies one stack into `root`, mirroring the synth layout (`<root>/cdktf.out/stacks/<id>/`) so its
 * relative local state paths (`../../../terraform.<id>.tfstate`) land in `root`: the plan starts
 * from empty state and never touches the real state files. Beside the copy go the offline
 * override and, at every local remote state path, a network-state fixture. A `.terraform` folder
 * left by a local cdktf run is not copied. The stack file is the one the reader names:
 * `cdk.tf.json`, or `cdk.tf` from `cdktf synth --hcl`. Everything terraform reads is under `root`.
 */
export async function prepareStackWorkspace(stack: StackOfOutput, root: string): Promise<StackWorkspace> {
  const cwd = join(root, basename(stack.output.outdir), stack.workingDirectory);
  cpSync(stack.directory, cwd, {
    recursive: true,
    filter: (source) => basename(source) !== '.terraform',
  });
  const stackFile = join(cwd, relative(stack.workingDirectory, stack.stackFile));
  const stackConfig = await readSynthesizedStack(stackFile);
  writeFileSync(join(cwd, OFFLINE_OVERRIDE_FILE), `${JSON.stringify(offlineOverride(stackConfig), null, 2)}\n`);

  const region = awsProviderBlocks(stackConfig).find((block) => block.alias === undefined)?.region;
  for (const [name, state] of Object.entries(stackConfig.data?.terraform_remote_state ?? {})) {
    if (state.backend !== 'local' || state.config?.path === undefined) continue;
    const statePath = resolve(cwd, state.config.path);
    const withinRoot = relative(root, statePath);
    if (withinRoot.startsWith('..') || isAbsolute(withinRoot)) {
      throw new Error(
        `data.terraform_remote_state.${name} reads "${state.config.path}", outside the stack's workspace: ` +
          'local state paths are relative to the stack folder and stay in the repository (../../../terraform.<id>.tfstate).',
      );
    }
    mkdirSync(dirname(statePath), { recursive: true });
    writeFileSync(statePath, `${JSON.stringify(networkStateFixture(region ? { region } : {}), null, 2)}\n`);
  }
  return { cwd, stack: stackConfig };
}
