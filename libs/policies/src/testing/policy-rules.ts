/**
 * The IAM rows of shared/reference/security-rules.md as data: each rule names its scanner ids, the
 * policy kinds it covers and returns the offending statements. Usable on builder output and on
 * policies read back from synthesized Terraform.
 */
import { renderPolicy, type PolicyDocument, type PolicyStatement } from '../policy-document';
import type { PolicyKind } from './built-documents';
import { actionMatches, expandAction, isWildcardOnly } from './iam-catalogue';

export interface PolicyRule {
  /** Stable id, the first scanner id of the row. */
  readonly id: string;
  /** Every scanner / Security Hub id the rule stands for. */
  readonly sources: readonly string[];
  readonly explanation: string;
  readonly kinds: readonly PolicyKind[];
  /** One message per offending statement (or for the document); empty when compliant. */
  readonly check: (document: PolicyDocument) => Promise<string[]>;
}

export interface RuleViolation {
  readonly ruleId: string;
  readonly message: string;
}

const ALL_BUT_ENDPOINT: readonly PolicyKind[] = ['identity', 'trust', 'key', 'scp'];
const ACCOUNT_ROOT = /^arn:aws:iam::(\d{12}|\*):root$/;

const list = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;
const allows = (document: PolicyDocument): PolicyStatement[] =>
  document.Statement.filter((statement) => statement.Effect === 'Allow');
const principalValues = (statement: PolicyStatement): readonly string[] => {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (principal === '*') return ['*'];
  return [...list(principal.AWS), ...list(principal.Service), ...list(principal.Federated)];
};
const isServiceWildcard = (action: string): boolean => /^[a-z0-9-]+:\*$/i.test(action);
const findings = (statements: PolicyStatement[], test: (statement: PolicyStatement) => string | undefined): string[] =>
  statements.flatMap((statement) => {
    const problem = test(statement);
    return problem === undefined ? [] : [`${statement.Sid}: ${problem}`];
  });

export const POLICY_RULES: readonly PolicyRule[] = [
  {
    id: 'CKV_AWS_63',
    sources: ['CKV_AWS_62', 'CKV_AWS_63', 'IAM.1'],
    explanation: 'No Allow of action "*" (nor an Allow with NotAction, which is "*" minus a list).',
    kinds: ALL_BUT_ENDPOINT,
    check: async (document) =>
      findings(allows(document), (statement) =>
        list(statement.Action).includes('*')
          ? 'allows action "*"'
          : statement.NotAction !== undefined
          ? 'allows NotAction'
          : undefined,
      ),
  },
  {
    id: 'CKV2_AWS_40',
    sources: ['CKV2_AWS_40'],
    explanation: 'No Allow of "iam:*".',
    kinds: ALL_BUT_ENDPOINT,
    check: async (document) =>
      findings(allows(document), (statement) =>
        list(statement.Action).some((action) => action.toLowerCase() === 'iam:*') ? 'allows "iam:*"' : undefined,
      ),
  },
  {
    id: 'IAM.21',
    sources: ['IAM.21'],
    explanation:
      'No Allow of "service:*". A key policy may give "kms:*" to its own account root: that delegates the key to IAM.',
    kinds: ALL_BUT_ENDPOINT,
    check: async (document) =>
      findings(allows(document), (statement) => {
        const wildcards = list(statement.Action).filter(isServiceWildcard);
        const keyAdministration =
          wildcards.every((action) => action.toLowerCase() === 'kms:*') &&
          principalValues(statement).length > 0 &&
          principalValues(statement).every((principal) => ACCOUNT_ROOT.test(principal) && !principal.includes('*'));
        return wildcards.length > 0 && !keyAdministration ? `allows ${wildcards.join(', ')}` : undefined;
      }),
  },
  {
    id: 'CKV_AWS_355',
    sources: ['CKV_AWS_355', 'AWS-0057', 'CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_288', 'CKV_AWS_289', 'CKV_AWS_290'],
    explanation: 'Resource "*" only for actions the catalogue marks wildcard-only (list-style); scope the rest.',
    kinds: ['identity'],
    check: async (document) => {
      const problems: string[] = [];
      for (const statement of allows(document)) {
        if (!list(statement.Resource).includes('*')) continue;
        for (const pattern of list(statement.Action)) {
          const actions = pattern === '*' ? ['*'] : await expandAction(pattern);
          for (const action of actions) {
            if (action === '*' || !(await isWildcardOnly(action))) {
              problems.push(`${statement.Sid}: ${action} supports resource scoping but is allowed on "*"`);
            }
          }
        }
      }
      return problems;
    },
  },
  {
    id: 'KMS.1',
    sources: ['KMS.1', 'KMS.2'],
    explanation: 'kms:Decrypt and kms:ReEncryptFrom only on key ARNs, never on "*".',
    kinds: ['identity'],
    check: async (document) =>
      findings(allows(document), (statement) => {
        const risky = list(statement.Action).filter(
          (pattern) => actionMatches(pattern, 'kms:Decrypt') || actionMatches(pattern, 'kms:ReEncryptFrom'),
        );
        return risky.length > 0 && list(statement.Resource).includes('*')
          ? `allows ${risky.join(', ')} on "*"`
          : undefined;
      }),
  },
  {
    id: 'CKV_AWS_60',
    sources: ['CKV_AWS_60', 'CKV_AWS_61'],
    explanation: 'A trust policy never trusts "*", a wildcard ARN or a whole account (id or root ARN).',
    kinds: ['trust'],
    check: async (document) =>
      findings(allows(document), (statement) => {
        const broad = principalValues(statement).filter(
          (principal) => principal.includes('*') || ACCOUNT_ROOT.test(principal) || /^\d{12}$/.test(principal),
        );
        return broad.length > 0 ? `trusts ${broad.join(', ')}` : undefined;
      }),
  },
  {
    id: 'SERVICE-SOURCE-ACCOUNT',
    sources: ['CKV_AWS_61'],
    explanation: 'A service principal is trusted only with aws:SourceAccount (confused-deputy guard).',
    kinds: ['trust'],
    check: async (document) =>
      findings(allows(document), (statement) => {
        const principal = statement.Principal;
        const services = principal === undefined || principal === '*' ? [] : list(principal.Service);
        const keys = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
        return services.length > 0 && !keys.some((key) => key.toLowerCase() === 'aws:sourceaccount')
          ? `trusts ${services.join(', ')} without aws:SourceAccount`
          : undefined;
      }),
  },
  {
    id: 'CKV_AWS_33',
    sources: ['CKV_AWS_33', 'KMS.5'],
    explanation: 'No Allow to principal "*" without a Condition (key policies; endpoint policies alike).',
    kinds: ['key', 'endpoint'],
    check: async (document) =>
      findings(allows(document), (statement) =>
        principalValues(statement).includes('*') && Object.keys(statement.Condition ?? {}).length === 0
          ? 'allows principal "*" without a Condition'
          : undefined,
      ),
  },
  {
    id: 'AWS-0342',
    sources: ['AWS-0342'],
    explanation: 'iam:PassRole only with an iam:PassedToService condition.',
    kinds: ['identity'],
    check: async (document) =>
      findings(allows(document), (statement) => {
        const passRole = list(statement.Action).some((pattern) => actionMatches(pattern, 'iam:PassRole'));
        const keys = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
        return passRole && !keys.some((key) => key.toLowerCase() === 'iam:passedtoservice')
          ? 'allows iam:PassRole without iam:PassedToService'
          : undefined;
      }),
  },
  {
    id: 'SCP-NO-PRINCIPAL',
    sources: ['AWS Organizations SCP grammar'],
    explanation: 'An SCP has no Principal or NotPrincipal element.',
    kinds: ['scp'],
    check: async (document) =>
      findings([...document.Statement], (statement) =>
        statement.Principal !== undefined || statement.NotPrincipal !== undefined ? 'has a Principal' : undefined,
      ),
  },
  {
    id: 'SCP-SIZE',
    sources: ['AWS Organizations quotas'],
    explanation: 'An SCP renders to at most 5,120 characters.',
    kinds: ['scp'],
    check: async (document) => {
      const size = renderPolicy(document).length;
      return size > 5120 ? [`renders to ${size} characters`] : [];
    },
  },
];

/** Every rule of `kind` against `document`, minus statements a rule id exempts by Sid. */
export async function checkPolicyRules(
  document: PolicyDocument,
  kind: PolicyKind,
  exemptions: Readonly<Record<string, readonly string[]>> = {},
): Promise<RuleViolation[]> {
  const violations: RuleViolation[] = [];
  for (const rule of POLICY_RULES.filter((candidate) => candidate.kinds.includes(kind))) {
    const exempt = exemptions[rule.id] ?? [];
    for (const message of await rule.check(document)) {
      if (!exempt.some((sid) => message.startsWith(`${sid}: `))) violations.push({ ruleId: rule.id, message });
    }
  }
  return violations;
}
