import { expandAction, onlyGrantableOnAll } from '@privatelink/policies';
import { statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';
import { IDENTITY_POLICY_RESOURCE_TYPES } from './iam-policy-kinds';

/** At most `max` names, then how many more. */
export function listSome(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

export const iamScopedResources: ResourceRule = {
  id: 'iam-scoped-resources',
  title: 'An identity policy grants on Resource "*" only list-style actions that cannot be scoped',
  severity: 'error',
  sources: ['CKV_AWS_355', 'AWS-0057'],
  rationale:
    'An action that supports resource-level permissions, granted on "*", reaches every resource of that type in the ' +
    'account, today and later. The IAM catalogue (Service Authorization Reference) tells which actions cannot be scoped.',
  fix:
    'Put the resource ARNs in Resource; keep wildcard-only actions such as sagemaker:ListNotebookInstances in a ' +
    'statement of their own on "*".',
  scope: 'resource',
  resourceTypes: IDENTITY_POLICY_RESOURCE_TYPES,
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['identity'], (statement) => {
        if (statement.effect !== 'Allow') return undefined;
        if (statement.notResources !== undefined) return 'allows on NotResource (every other resource)';
        if (!statement.resources.includes('*')) return undefined;
        const scopable: string[] = [];
        const unknown: string[] = [];
        for (const pattern of statement.notActions ? ['*'] : statement.actions) {
          if (pattern === '*') {
            scopable.push('every action');
            continue;
          }
          const actions = expandAction(pattern);
          if (actions.length === 0) unknown.push(pattern);
          scopable.push(...actions.filter((action) => !onlyGrantableOnAll(action)).map((action) => action.action));
        }
        const problems = [
          ...(scopable.length > 0 ? [`allows on "*" actions that support resource scoping: ${listSome(scopable)}`] : []),
          ...(unknown.length > 0 ? [`allows on "*" actions the IAM catalogue does not know: ${listSome(unknown)}`] : []),
        ];
        return problems.length > 0 ? problems.join(', and ') : undefined;
      }),
    ),
};
