import { isAnyPrincipal, statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';

export const kmsKeyNoPublicPrincipal: ResourceRule = {
  id: 'kms-key-no-public-principal',
  title: 'A key policy allows principal "*" only under a condition',
  severity: 'error',
  sources: ['CKV_AWS_33', 'KMS.5'],
  rationale:
    'An unconditioned Allow to "*" lets any AWS account use (or administer) the key, whatever shape holds the "*"; ' +
    'an Allow with NotPrincipal admits every principal it does not name.',
  fix:
    'Name the principals, or condition the statement (kms:CallerAccount with kms:ViaService, as notebookKeyPolicy ' +
    'does for SageMaker grants).',
  scope: 'resource',
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['key'], (statement) => {
        if (statement.effect !== 'Allow' || statement.conditions.length > 0) return undefined;
        if (statement.notPrincipals !== undefined) return 'allows NotPrincipal (every principal it does not name) without a Condition';
        return statement.principals.some(isAnyPrincipal) ? 'allows principal "*" without a Condition' : undefined;
      }),
    ),
};
