import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';

export const kmsKeyEnabled: ResourceRule = {
  id: 'kms-key-enabled',
  title: 'A KMS key is enabled',
  severity: 'error',
  sources: ['CKV_AWS_227'],
  rationale: 'A disabled key breaks whatever it encrypts (the notebook volumes, the flow logs) without a visible error at synth.',
  fix: 'Leave is_enabled out or set it to true; schedule deletion deliberately instead of disabling in code.',
  scope: 'resource',
  resourceTypes: ['aws_kms_key'],
  check: ({ attributes }) => {
    const value = attributes['is_enabled'];
    return value === false || value === 'false' ? nonCompliant('is_enabled is false') : COMPLIANT;
  },
};
