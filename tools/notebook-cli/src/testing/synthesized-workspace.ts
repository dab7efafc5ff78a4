import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, runSynthHost } from '@privatelink/stack-kit/testing';

/** A folder holding a real synth of a config (`cdktf.out`) and, once written, the stacks' local state files beside it. */
export interface SynthesizedWorkspace {
  readonly root: string;
  readonly outdir: string;
  readonly configFile: string;
  /** Writes the local state a deployed stack would have, with these outputs. */
  writeState(stack: string, outputs: Readonly<Record<string, unknown>>): void;
  removeState(stack: string): void;
  dispose(): void;
}

function terraformType(value: unknown): unknown {
  if (Array.isArray(value)) return ['list', 'string'];
  if (value !== null && typeof value === 'object') return ['map', 'string'];
  return 'string';
}

export interface SynthesizeWorkspaceProps {
  /**
   * Terraform Cloud organization (`TFC_ORGANIZATION`): the stacks get cloud blocks instead of local state.
   * @default - local state
   */
  readonly terraformCloudOrganization?: string;
  /**
   * Changes the repository's default config before it is synthesized (and read by the CLI).
   * @default - the default config as it is
   */
  readonly editConfig?: (text: string) => string;
}

/** Runs the real synth (`tools/synth`) of the repository's default config into a fresh folder. */
export function synthesizeWorkspace(props: SynthesizeWorkspaceProps = {}): SynthesizedWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'notebook-cli-'));
  const outdir = join(root, 'cdktf.out');
  const configFile = join(root, 'environments.yaml');
  const text = readFileSync(DEFAULT_CONFIG, 'utf8');
  writeFileSync(configFile, props.editConfig ? props.editConfig(text) : text);
  const run = runSynthHost(outdir, {
    config: configFile,
    env: props.terraformCloudOrganization ? { TFC_ORGANIZATION: props.terraformCloudOrganization } : {},
  });
  if (run.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`synth failed (${run.status}): ${run.stderr}`);
  }
  // The synthesized backends point at ../../../terraform.<id>.tfstate from cdktf.out/stacks/<id>: the workspace root.
  const statePath = (stack: string) => join(root, `terraform.${stack}.tfstate`);
  return {
    root,
    outdir,
    configFile,
    writeState(stack, outputs) {
      mkdirSync(root, { recursive: true });
      const state = {
        version: 4,
        terraform_version: '1.9.8',
        serial: 3,
        lineage: '00000000-0000-4000-8000-000000000001',
        outputs: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value, type: terraformType(value) }])),
        resources: [],
      };
      writeFileSync(statePath(stack), JSON.stringify(state, null, 2));
    },
    removeState(stack) {
      rmSync(statePath(stack), { force: true });
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
