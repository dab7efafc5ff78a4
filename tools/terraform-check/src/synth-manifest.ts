import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformCheckError } from './terraform-check-error';

/** One stack of a cdktf synth manifest; paths are relative to the synth output folder. */
export interface ManifestStack {
  readonly name: string;
  readonly workingDirectory: string;
  readonly synthesizedStackPath: string;
}

/** The stacks of `<synthDir>/manifest.json`, in manifest order; an error when there are none. */
export function readManifest(synthDir: string): ManifestStack[] {
  const manifestFile = join(synthDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new TerraformCheckError(`${manifestFile} not found: run \`npm run synth\` first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks?: Record<string, ManifestStack> };
  const stacks = Object.values(manifest.stacks ?? {});
  if (stacks.length === 0) {
    throw new TerraformCheckError(`${manifestFile} lists no stacks: run \`npm run synth\` first.`);
  }
  return stacks;
}
