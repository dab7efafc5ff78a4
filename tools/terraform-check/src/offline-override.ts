/**
 * Written beside each copied `cdk.tf.json`. Terraform merges `*_override.tf.json` files over the
 * primary configuration, so the synthesized stack file itself stays byte for byte what synth wrote.
 */
export const OFFLINE_OVERRIDE_FILE = 'terraform_check_override.tf.json';

/** The parts of an `aws` provider block of a synthesized stack that the override depends on. */
export interface AwsProviderBlock {
  readonly alias?: string;
  readonly region?: string;
  readonly assume_role?: unknown;
}

/** The parts of a synthesized stack (`cdk.tf.json`) the harness reads. */
export interface SynthesizedStack {
  readonly provider?: { readonly aws?: AwsProviderBlock | readonly AwsProviderBlock[] };
  readonly data?: {
    readonly terraform_remote_state?: Readonly<
      Record<string, { readonly backend?: string; readonly config?: { readonly path?: string } }>
    >;
  };
}

/** Every `aws` provider block of a stack, the default one (no alias) included. */
export function awsProviderBlocks(stack: SynthesizedStack): readonly AwsProviderBlock[] {
  return [stack.provider?.aws ?? []].flat();
}

/**
 * Override that lets the real AWS provider plan without an AWS account: no STS call to validate
 * credentials or look up the account, no instance metadata, no account allow-list (it needs the
 * account id, which is never looked up: `null` unsets it), and no role to assume (an empty
 * `role_arn` disables it; set only where the stack assumes one, because Terraform warns about it).
 * An override block applies to the provider block with the same alias, so there is one per block:
 * an override for an alias the stack lacks is an error.
 */
export function offlineOverride(stack: SynthesizedStack): object {
  const blocks = awsProviderBlocks(stack);
  if (blocks.length === 0) return {};
  return {
    provider: {
      aws: blocks.map((block) => ({
        ...(block.alias === undefined ? {} : { alias: block.alias }),
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        allowed_account_ids: null,
        ...(block.assume_role === undefined ? {} : { assume_role: [{ role_arn: '' }] }),
      })),
    },
  };
}
