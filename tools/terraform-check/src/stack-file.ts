import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** The parts of an `aws` provider block of a synthesized stack that the override depends on. */
export interface AwsProviderBlock {
  readonly alias?: string;
  readonly region?: string;
  readonly assume_role?: unknown;
}

/** One `terraform_remote_state` data source: where it reads from. */
export interface RemoteStateBlock {
  readonly backend?: string;
  readonly config?: { readonly path?: string };
}

/**
 * The parts of a synthesized stack the harness reads, in the shape of `cdk.tf.json` (an HCL stack
 * is brought to this shape by `readSynthesizedStack`).
 */
export interface SynthesizedStack {
  readonly provider?: { readonly aws?: AwsProviderBlock | readonly AwsProviderBlock[] };
  readonly data?: { readonly terraform_remote_state?: Readonly<Record<string, RemoteStateBlock>> };
  readonly terraform?: { readonly cloud?: unknown };
}

/**
 * Reads a synthesized stack file: `cdk.tf.json` as JSON, `cdk.tf` (from `cdktf synth --hcl`) as
 * HCL through `@cdktf/hcl2json`, HashiCorp's HCL parser compiled to WebAssembly that cdktf ships
 * (loaded only for HCL stacks: it costs about 0.2 s). A file that does not parse is an error naming
 * the file and what the parser said.
 */
export async function readSynthesizedStack(file: string): Promise<SynthesizedStack> {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.tf.json')) {
    try {
      return JSON.parse(text) as SynthesizedStack;
    } catch (error) {
      throw new Error(`${basename(file)} is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (file.endsWith('.tf')) {
    const { parse } = await import('@cdktf/hcl2json');
    let parsed: HclStack;
    try {
      parsed = (await parse(basename(file), text)) as HclStack;
    } catch (error) {
      throw new Error(`${basename(file)} is not valid HCL:\n${hclDiagnostics(basename(file), (error as Error).message)}`);
    }
    return fromHcl(parsed);
  }
  throw new Error(`${basename(file)} is neither a Terraform JSON (.tf.json) nor an HCL (.tf) stack file.`);
}

/**
 * hcl2json's parse errors (`parse config: [cdk.tf:45,259-260: Invalid character; This character is
 * not used within the language. cdk.tf:53,...]`) one per line, the way the harness reports
 * terraform's diagnostics: `Error: <summary>: <detail> (<file>:<line>)`.
 */
function hclDiagnostics(filename: string, message: string): string {
  const errors = /^parse config: \[(.*)\]$/s.exec(message)?.[1];
  if (errors === undefined) return message;
  const name = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return errors
    .split(new RegExp(`(?<=\\.) (?=${name}:\\d)`))
    .map((error) => {
      const parts = new RegExp(`^${name}:(\\d+),[\\d,-]+: ([^;]*); (.*)$`, 's').exec(error);
      return parts ? `Error: ${parts[2]}: ${parts[3].replace(/\s*\n\s*/g, ' ')} (${filename}:${parts[1]})` : error;
    })
    .join('\n');
}

/**
 * hcl2json renders every block as a list of bodies (`terraform: [{ cloud: [{...}] }]`,
 * `terraform_remote_state: { network: [{...}] }`) where cdktf's JSON has one object: this takes
 * the one body Terraform allows there. Provider blocks are a list in both.
 */
interface HclStack {
  readonly provider?: { readonly aws?: readonly AwsProviderBlock[] };
  readonly data?: { readonly terraform_remote_state?: Readonly<Record<string, readonly RemoteStateBlock[]>> };
  readonly terraform?: readonly { readonly cloud?: unknown }[];
}

function fromHcl(hcl: HclStack): SynthesizedStack {
  const remoteStates = Object.entries(hcl.data?.terraform_remote_state ?? {}).map(([name, [body]]) => [name, body ?? {}]);
  const cloud = (hcl.terraform ?? []).find((block) => block.cloud !== undefined)?.cloud;
  return {
    ...(hcl.provider?.aws ? { provider: { aws: hcl.provider.aws } } : {}),
    ...(remoteStates.length > 0 ? { data: { terraform_remote_state: Object.fromEntries(remoteStates) } } : {}),
    ...(cloud === undefined ? {} : { terraform: { cloud } }),
  };
}

/** Every `aws` provider block of a stack, the default one (no alias) included. */
export function awsProviderBlocks(stack: SynthesizedStack): readonly AwsProviderBlock[] {
  return [stack.provider?.aws ?? []].flat();
}

/** A stack in a Terraform Cloud workspace plans remotely: offline it can only be validated. */
export function usesTerraformCloud(stack: SynthesizedStack): boolean {
  return stack.terraform?.cloud !== undefined;
}
