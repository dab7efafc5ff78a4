import { hasConditionKey, statementProblems } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';

const ACCOUNT_ROOT = /^arn:aws[a-z-]*:iam::(\d{12}|\*):root$/;

export const iamTrustNarrow: ResourceRule = {
  id: 'iam-trust-narrow',
  title: 'A role trusts named principals, and services only for this account',
  severity: 'error',
  sources: ['CKV_AWS_60', 'CKV_AWS_61'],
  rationale:
    'Trusting "*" lets anyone assume the role; trusting an account (its id or root ARN) lets every principal of that ' +
    'account do so; a service principal without aws:SourceAccount can be used by another account (confused deputy).',
  fix:
    'Trust the role ARNs or SAML providers from config (notebookUserTrustPolicy), and service principals only with ' +
    'Condition StringEquals aws:SourceAccount = <account id>.',
  scope: 'resource',
  resourceTypes: ['aws_iam_role'],
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['trust'], (statement) => {
        if (statement.effect !== 'Allow') return undefined;
        if (statement.notPrincipals !== undefined) return 'trusts NotPrincipal (everyone else)';
        const problems: string[] = [];
        const broad = statement.principals.filter(
          (principal) =>
            principal.type !== 'Service' &&
            (principal.value.includes('*') || ACCOUNT_ROOT.test(principal.value) || /^\d{12}$/.test(principal.value)),
        );
        if (broad.length > 0) problems.push(`trusts ${broad.map((principal) => JSON.stringify(principal.value)).join(', ')}`);
        const services = statement.principals.filter((principal) => principal.type === 'Service');
        if (services.length > 0 && !hasConditionKey(statement, 'aws:SourceAccount')) {
          problems.push(`trusts ${services.map((principal) => principal.value).join(', ')} without aws:SourceAccount`);
        }
        return problems.length > 0 ? problems.join(' and ') : undefined;
      }),
    ),
};
