import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type ResourceRule } from '../../rule';
import { show } from '../../synth-json';

export const kmsKeyRotation: ResourceRule = {
  id: 'kms-key-rotation',
  title: 'A symmetric KMS key rotates its key material',
  severity: 'error',
  sources: ['CKV_AWS_7', 'KMS.4', 'AWS-0065'],
  rationale: 'Rotation bounds how much data one key version protects; AWS leaves it off unless asked.',
  fix: 'Set enable_key_rotation = true (enableKeyRotation: true).',
  scope: 'resource',
  resourceTypes: ['aws_kms_key'],
  check: ({ attributes }) => {
    const spec = attributes['customer_master_key_spec'] ?? attributes['key_spec'];
    const usage = attributes['key_usage'];
    const symmetric = (spec === undefined || spec === 'SYMMETRIC_DEFAULT') && (usage === undefined || usage === 'ENCRYPT_DECRYPT');
    if (!symmetric) return NOT_APPLICABLE;
    return attributes['enable_key_rotation'] === true
      ? COMPLIANT
      : nonCompliant(`enable_key_rotation is ${show(attributes['enable_key_rotation'])}`);
  },
};
