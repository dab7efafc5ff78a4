import { COMPLIANT, nonCompliant, type ResourceRule } from '../../rule';
import { show } from '../../synth-json';

export const MIN_RETENTION_DAYS = 365;

export const logGroupRetention: ResourceRule = {
  id: 'log-group-retention',
  title: `A log group keeps its events for at least ${MIN_RETENTION_DAYS} days`,
  severity: 'error',
  sources: ['CKV_AWS_66', 'CKV_AWS_338'],
  rationale: 'Investigations look back months; a short retention deletes the evidence before anyone asks for it.',
  fix: `Set retention_in_days to ${MIN_RETENTION_DAYS} or more, or 0 to keep events forever.`,
  scope: 'resource',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check: ({ attributes }) => {
    const days = attributes['retention_in_days'];
    if (typeof days === 'number' && (days === 0 || days >= MIN_RETENTION_DAYS)) return COMPLIANT;
    return nonCompliant(`retention_in_days is ${show(days)}`);
  },
};
