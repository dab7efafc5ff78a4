import { statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { EVERY_IAM_POLICY, IAM_POLICY_RESOURCE_TYPES, KEY_POLICY_RESOURCE_TYPES } from './iam-policy-kinds';

export const iamNoWildcardAction: ResourceRule = {
  id: 'iam-no-wildcard-action',
  title: 'No IAM, key or service control policy allows action "*", "iam:*" or a NotAction',
  severity: 'error',
  sources: ['CKV_AWS_63', 'CKV2_AWS_40'],
  rationale:
    'Action "*" and "iam:*" grant privilege escalation (a principal that can write IAM can grant itself anything); an ' +
    'Allow with NotAction grants every action but a few, including ones that do not exist yet.',
  fix: 'List the actions the principal needs; never "*", "iam:*" or NotAction in an Allow.',
  scope: 'resource',
  resourceTypes: [...IAM_POLICY_RESOURCE_TYPES, ...KEY_POLICY_RESOURCE_TYPES],
  check: (resource) =>
    fromProblems(
      statementProblems(resource, [...EVERY_IAM_POLICY, 'key'], (statement) => {
        if (statement.effect !== 'Allow') return undefined;
        if (statement.notActions !== undefined) return 'allows NotAction (every other action)';
        const broad = statement.actions.filter((action) => action === '*' || action.toLowerCase() === 'iam:*');
        return broad.length > 0 ? `allows ${broad.map((action) => JSON.stringify(action)).join(', ')}` : undefined;
      }),
    ),
};
