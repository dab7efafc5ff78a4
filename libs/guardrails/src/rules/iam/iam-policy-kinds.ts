import { POLICY_RESOURCE_TYPES, type PolicyKind } from '../../policy-json';

/** The kinds security-rules.md means by "every policy": identity, trust and SCPs (key and endpoint policies have rules of their own). */
export const EVERY_IAM_POLICY: readonly PolicyKind[] = ['identity', 'trust', 'scp'];

export const IAM_POLICY_RESOURCE_TYPES = POLICY_RESOURCE_TYPES.filter((type) =>
  ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_group_policy', 'aws_iam_user_policy', 'aws_iam_role', 'aws_organizations_policy'].includes(type),
);

export const IDENTITY_POLICY_RESOURCE_TYPES = IAM_POLICY_RESOURCE_TYPES.filter((type) => type !== 'aws_organizations_policy');

/** Key policies: only AWS's own statement may give a service wildcard (kms:*), to the account root. */
export const KEY_POLICY_RESOURCE_TYPES = POLICY_RESOURCE_TYPES.filter((type) => ['aws_kms_key', 'aws_kms_key_policy'].includes(type));
