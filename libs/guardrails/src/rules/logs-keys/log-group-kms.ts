import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { isSet } from '../../synth-json';

export const logGroupKms: ResourceRule = {
  id: 'log-group-kms',
  title: 'A log group is encrypted with a customer-managed KMS key',
  severity: 'error',
  sources: ['CKV_AWS_158', 'AWS-0017'],
  rationale: 'Flow logs name every peer of the endpoints; a key of our own limits who can read them and logs every read.',
  fix: 'Set kms_key_id to the ARN of an aws_kms_key whose policy lets logs.<region>.amazonaws.com use it (logsKeyPolicy).',
  scope: 'resource',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check: ({ attributes }) => (isSet(attributes['kms_key_id']) ? COMPLIANT : nonCompliant('kms_key_id is not set')),
};
