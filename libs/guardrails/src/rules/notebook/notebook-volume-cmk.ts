import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { isSet, show } from '../../synth-json';

export const notebookVolumeCmk: ResourceRule = {
  id: 'notebook-volume-cmk',
  title: 'A notebook encrypts its storage volume with a customer-managed KMS key',
  severity: 'error',
  sources: ['CKV_AWS_22'],
  rationale:
    'Without kms_key_id the ML volume is encrypted with an AWS-owned key: its use is neither restricted by a key ' +
    'policy nor logged to the account, and it cannot be disabled.',
  fix: 'Set kms_key_id to a customer-managed aws_kms_key of the stack (kmsKeyId: key.keyId).',
  scope: 'resource',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: ({ attributes }) => {
    const value = attributes['kms_key_id'];
    if (!isSet(value)) return nonCompliant('kms_key_id is not set');
    if (typeof value === 'string' && /(^|:)alias\/aws\//.test(value)) {
      return nonCompliant(`kms_key_id is ${show(value)}, an AWS-managed key`);
    }
    return COMPLIANT;
  },
};
