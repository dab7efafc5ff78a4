import { awsProviderBlocks, type SynthesizedStack } from './stack-file';

/**
 * Written beside each copied stack file (`cdk.tf.json`, or `cdk.tf` from an HCL synth). Terraform
 * merges `*_override.tf.json` files over the primary configuration, whatever its syntax, so the
 * synthesized stack file itself stays byte for byte what synth wrote.
 */
export const OFFLINE_OVERRIDE_FILE = 'terraform_check_override.tf.json';

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
