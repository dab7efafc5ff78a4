import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One resource of a synthesized stack, with its Terraform type and logical id. */
export interface SynthesizedResource {
  readonly type: string;
  readonly id: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** The parts of a synthesized stack (`cdk.tf.json`) a diagram reads. */
export interface SynthesizedStack {
  readonly name: string;
  readonly provider: { readonly region: string; readonly accountId: string; readonly environment: string };
  readonly resources: readonly SynthesizedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

export class NotSynthesized extends Error {}

interface StackJson {
  provider?: { aws?: { region?: string; allowed_account_ids?: string[]; default_tags?: { tags?: Record<string, string> }[] }[] };
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value?: unknown }>;
}

/** Every stack of a synth output folder, in manifest order. */
export function readSynthesizedStacks(outdir: string): SynthesizedStack[] {
  const manifestPath = join(outdir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new NotSynthesized(`no synthesized stacks in ${outdir}: run \`npm run synth\` first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    stacks: Record<string, { name: string; synthesizedStackPath: string }>;
  };
  return Object.values(manifest.stacks).map((entry) => {
    const json = JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), 'utf8')) as StackJson;
    const aws = json.provider?.aws?.[0];
    return {
      name: entry.name,
      provider: {
        region: aws?.region ?? '',
        accountId: aws?.allowed_account_ids?.[0] ?? '',
        environment: aws?.default_tags?.[0]?.tags?.['environment'] ?? '',
      },
      resources: Object.entries(json.resource ?? {}).flatMap(([type, byId]) =>
        Object.entries(byId).map(([id, body]) => ({ type, id, body })),
      ),
      outputs: Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value])),
    };
  });
}
