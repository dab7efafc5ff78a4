import { hasConditionKey, quoted, statementProblems, type ConditionEntry, type PrincipalValue, type Statement } from '../../policy-json';
import { fromProblems, type ResourceRule } from '../../rule';

const ACCOUNT_ROOT = /^arn:(aws[a-z-]*):iam::([^:]*):root$/;
const ACCOUNT_ID = /^\d{12}$/;
const SAML_PROVIDER = /^arn:aws[a-z-]*:iam::[^:]+:saml-provider\/.+$/;
/** `arn:aws:iam::<account>:oidc-provider/<host>[/<path>]`: its condition keys are `<host>[/<path>]:aud|sub`. */
const OIDC_PROVIDER = /^arn:aws[a-z-]*:iam::[^:]+:oidc-provider\/(.+)$/;

/**
 * Only these operators hold a key to its values; a set operator (ForAnyValue:, ForAllValues:) or an
 * IfExists form lets a request without the key (or with several values) through, a Not operator inverts it.
 */
const NARROWING_STRING_OPERATORS = ['StringEquals', 'StringLike'];
const NARROWING_ARN_OPERATORS = ['ArnEquals', 'ArnLike', ...NARROWING_STRING_OPERATORS];

const hasWildcard = (value: string) => /[*?]/.test(value);
const isToken = (value: string) => value.includes('${');

/** The conditions of the statement on `key` (case-insensitive, as IAM reads keys) under one of `operators`. */
function narrowing(statement: Statement, key: string, operators: readonly string[]): ConditionEntry[] {
  return statement.conditions.filter(
    (condition) => operators.includes(condition.operator) && condition.key.toLowerCase() === key.toLowerCase(),
  );
}

/**
 * GitHub custom subject templates may start with a claim any repository chooses freely (Checkov's
 * gh_abusable_claims): a subject such as `environment:prod` can be issued to every organization on GitHub.
 */
const CLAIMS_ANY_REPOSITORY_CHOOSES = ['workflow', 'environment', 'ref', 'context', 'head_ref', 'base_ref'];

/**
 * Whether a `sub` value names one owner: an exact subject, or a pattern whose first claim and the owner
 * after it are written out up to a delimiter before any wildcard. `repo:octo-org/octo-repo:*` and
 * `organization:acme:project:p:workspace:w:run_phase:*` name one; `*`, `repo:*`, `organization:*` and
 * `repo:octo-org*` (which `repo:octo-org-evil/x` matches) do not.
 */
function namesOneOwner(value: string, host: string): boolean {
  if (value === '' || isToken(value)) return false;
  const claim = value.split(':')[0];
  if (host.startsWith('token.actions.githubusercontent.com') && CLAIMS_ANY_REPOSITORY_CHOOSES.includes(claim)) return false;
  return !hasWildcard(value) || /^[^*?:]+:[^*?:/]+[:/]/.test(value);
}

/**
 * An OIDC provider (or a web identity provider named by its host) must pin the audience and the
 * subject: without `<host>:sub` every repository of GitHub, every workspace of Terraform Cloud can
 * assume the role. Subject formats: GitHub `repo:<owner>/<repo>:<context>`
 * (https://docs.github.com/en/actions/reference/security/oidc), audience `sts.amazonaws.com`
 * (https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws);
 * HCP Terraform `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>`,
 * audience `aws.workload.identity`
 * (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens,
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration).
 * The keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
function webIdentityProblems(statement: Statement, provider: string, host: string): string[] {
  const problems: string[] = [];
  const subjects = narrowing(statement, `${host}:sub`, NARROWING_STRING_OPERATORS);
  if (subjects.length === 0) {
    problems.push(`for any subject (no ${NARROWING_STRING_OPERATORS.join(' or ')} ${host}:sub)`);
  } else if (!subjects.some((condition) => condition.values.length > 0 && condition.values.every((value) => namesOneOwner(value, host)))) {
    const broad = subjects.flatMap((condition) => condition.values.filter((value) => !namesOneOwner(value, host)));
    problems.push(`for subjects of any owner (${host}:sub ${quoted([...new Set(broad)])})`);
  }
  problems.push(...audienceProblems(statement, `${host}:aud`));
  return problems.length > 0 ? [`trusts ${JSON.stringify(provider)} ${problems.join(' and ')}`] : [];
}

/** `<key>` must pin the audience to literal values (SAML: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html). */
function audienceProblems(statement: Statement, key: string): string[] {
  const audiences = narrowing(statement, key, NARROWING_STRING_OPERATORS);
  if (audiences.length === 0) return [`for any audience (no ${NARROWING_STRING_OPERATORS.join(' or ')} ${key})`];
  const literal = (condition: ConditionEntry) =>
    condition.values.length > 0 && condition.values.every((value) => value !== '' && !hasWildcard(value) && !isToken(value));
  if (audiences.some(literal)) return [];
  return [`for any audience (${key} ${quoted([...new Set(audiences.flatMap((condition) => condition.values))])})`];
}

/**
 * A role ARN of `account` whose name (the last path segment) starts with a written-out character:
 * `role/aws-reserved/sso.amazonaws.com/*\/AWSReservedSSO_<PermissionSet>_*` names one permission set;
 * `role/*`, `role/aws-reserved/*` and `role/*Admin` name none.
 */
function isNamedRoleOf(value: string, partition: string, account: string): boolean {
  if (isToken(value)) return false;
  const match = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(.+)$/.exec(value);
  if (!match || match[1] !== partition || match[2] !== account) return false;
  const name = match[3].slice(match[3].lastIndexOf('/') + 1);
  return /^[^*?]/.test(name);
}

/**
 * An account root (or bare account id) delegates to every principal of the account, unless the same
 * statement narrows aws:PrincipalArn to named roles of that account: the way AWS recommends trusting
 * IAM Identity Center permission-set roles, whose ARN suffix changes when the set is reprovisioned
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html).
 */
function rootVerdict(statement: Statement, principal: PrincipalValue): 'narrowed' | 'whole account' | string {
  const root = ACCOUNT_ROOT.exec(principal.value);
  const [partition, account] = root ? [root[1], root[2]] : ['aws', principal.value];
  if (!ACCOUNT_ID.test(account)) return 'whole account';
  const byArn = narrowing(statement, 'aws:PrincipalArn', NARROWING_ARN_OPERATORS);
  const names = (condition: ConditionEntry) =>
    condition.values.length > 0 && condition.values.every((value) => isNamedRoleOf(value, partition, account));
  if (byArn.some(names)) return 'narrowed';
  const onKey = statement.conditions.filter((condition) => condition.key.toLowerCase() === 'aws:principalarn');
  if (onKey.length === 0) return 'whole account';
  return (
    `trusts ${JSON.stringify(principal.value)} and no aws:PrincipalArn condition narrows it to named roles of account ${account} ` +
    `(${onKey.map((condition) => `${condition.operator} ${quoted(condition.values)}`).join(', ')})`
  );
}

/**
 * A SAML provider must pin SAML:aud; any other federated principal is a web identity provider whose
 * condition keys start with its host (the ARN's `oidc-provider/` part, or the value itself, e.g.
 * `accounts.google.com`). A provider ARN only known at apply is judged by the `<host>:sub` and
 * `<host>:aud` keys the statement names.
 */
function federatedProblems(statement: Statement, provider: string): string[] {
  const saml = isToken(provider)
    ? statement.actions.some((action) => action.toLowerCase() === 'sts:assumerolewithsaml')
    : SAML_PROVIDER.test(provider);
  if (saml) {
    const audience = audienceProblems(statement, 'SAML:aud');
    return audience.length > 0 ? [`trusts ${JSON.stringify(provider)} ${audience.join(' and ')}`] : [];
  }
  const host = OIDC_PROVIDER.exec(provider)?.[1] ?? provider;
  if (!isToken(host)) return webIdentityProblems(statement, provider, host);
  const hosts = statement.conditions
    .filter((condition) => /:(sub|aud)$/i.test(condition.key) && !/^(aws|saml):/i.test(condition.key))
    .map((condition) => condition.key.slice(0, -':sub'.length));
  const named = [...new Set(hosts)];
  return webIdentityProblems(statement, provider, named.length === 1 ? named[0] : '<provider host>');
}

const isRoot = (principal: PrincipalValue) =>
  principal.type !== 'Service' && (ACCOUNT_ROOT.test(principal.value) || ACCOUNT_ID.test(principal.value));

export const iamTrustNarrow: ResourceRule = {
  id: 'iam-trust-narrow',
  title: 'A role trusts named principals, and services only for this account',
  severity: 'error',
  sources: ['CKV_AWS_60', 'CKV_AWS_61'],
  rationale:
    'Trusting "*" lets anyone assume the role; trusting an account (its id or root ARN) lets every principal of that ' +
    'account do so, unless aws:PrincipalArn narrows it to named roles of that account; a service principal without ' +
    'aws:SourceAccount can be used by another account (confused deputy); an OIDC provider without <host>:sub and ' +
    '<host>:aud, or a SAML provider without SAML:aud, trusts every subject the provider issues tokens for (every ' +
    'GitHub repository, every Terraform Cloud workspace).',
  fix:
    'Trust the role ARNs or SAML providers from config (notebookUserTrustPolicy), Identity Center permission sets by ' +
    'the account root with ArnLike aws:PrincipalArn on their role ARNs, service principals only with StringEquals ' +
    'aws:SourceAccount = <account id>, and OIDC providers with StringEquals <host>:aud and StringEquals / StringLike ' +
    '<host>:sub naming the repository or workspace (repo:<owner>/<repo>:..., organization:<org>:project:...).',
  scope: 'resource',
  resourceTypes: ['aws_iam_role'],
  check: (resource) =>
    fromProblems(
      statementProblems(resource, ['trust'], (statement) => {
        if (statement.effect !== 'Allow') return undefined;
        if (statement.notPrincipals !== undefined) return 'trusts NotPrincipal (everyone else)';
        const problems: string[] = [];
        const roots = new Map(statement.principals.filter(isRoot).map((principal) => [principal, rootVerdict(statement, principal)]));
        const broad = statement.principals.filter(
          (principal) => principal.type !== 'Service' && (principal.value.includes('*') || roots.get(principal) === 'whole account'),
        );
        if (broad.length > 0) problems.push(`trusts ${quoted(broad.map((principal) => principal.value))}`);
        for (const verdict of roots.values()) if (verdict !== 'narrowed' && verdict !== 'whole account') problems.push(verdict);
        const services = statement.principals.filter((principal) => principal.type === 'Service');
        if (services.length > 0 && !hasConditionKey(statement, 'aws:SourceAccount')) {
          problems.push(`trusts ${services.map((principal) => principal.value).join(', ')} without aws:SourceAccount`);
        }
        for (const principal of statement.principals.filter((candidate) => candidate.type === 'Federated' && !candidate.value.includes('*'))) {
          problems.push(...federatedProblems(statement, principal.value));
        }
        return problems.length > 0 ? problems.join(' and ') : undefined;
      }),
    ),
};
