import { statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';

export const kmsKeyNoPublicPrincipal: ResourceRule = {
  id: 'kms-key-no-public-principal',
  title: 'A key policy allows principal "*" only under a condition',
  severity: 'error',
  sources: ['CKV_AWS_33', 'KMS.5'],
  rationale: 'An unconditioned Allow to "*" lets any AWS account use (or administer) the key.',
  fix:
    'Name the principals, or condition the statement (kms:CallerAccount with kms:ViaService, as notebookKeyPolicy ' +
    'does for SageMaker grants).',
  scope: 'resource',
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['key'], (statement) =>
        statement.effect === 'Allow' &&
        statement.principals.some((principal) => principal.value === '*') &&
        statement.conditions.length === 0
          ? 'allows principal "*" without a Condition'
          : undefined,
      ),
    ),
};
