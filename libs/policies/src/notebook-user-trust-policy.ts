import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';
import { isToken } from './validation';

/** The audience AWS sign-in puts in every SAML assertion it accepts. */
export const AWS_SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';

export interface NotebookUserTrustPolicyProps {
  /**
   * Role ARNs that may assume the notebook-user role, e.g. an IAM Identity Center permission-set role.
   * @default - no role
   */
  readonly roleArns?: readonly string[];
  /**
   * SAML provider ARNs whose users may assume the role through AWS sign-in.
   * @default - no SAML provider
   */
  readonly samlProviderArns?: readonly string[];
}

const BUILDER = 'notebookUserTrustPolicy';
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SAML_PROVIDER_ARN = /^arn:aws:iam::\d{12}:saml-provider\/[\w.-]+$/;

/**
 * Trust policy of the notebook-user role: only the principals named in config. Refuses `*`, an
 * account (id or root ARN, which would delegate to every principal of that account) and an empty list.
 */
export function notebookUserTrustPolicy(props: NotebookUserTrustPolicyProps): PolicyDocument {
  const roleArns = props.roleArns ?? [];
  const samlProviderArns = props.samlProviderArns ?? [];
  if (roleArns.length === 0 && samlProviderArns.length === 0) {
    throw new Error(
      `${BUILDER}: name at least one principal in roleArns or samlProviderArns; got ` +
        `roleArns=${JSON.stringify(roleArns)}, samlProviderArns=${JSON.stringify(samlProviderArns)}`,
    );
  }
  roleArns.forEach((arn, i) =>
    requirePrincipal(`roleArns[${i}]`, arn, ROLE_ARN, 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)'),
  );
  samlProviderArns.forEach((arn, i) =>
    requirePrincipal(
      `samlProviderArns[${i}]`,
      arn,
      SAML_PROVIDER_ARN,
      'a SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>)',
    ),
  );

  const statements: PolicyStatement[] = [];
  if (roleArns.length > 0) {
    statements.push({
      Sid: 'NamedRolesAssume',
      Effect: 'Allow',
      Principal: { AWS: roleArns },
      Action: 'sts:AssumeRole',
    });
  }
  if (samlProviderArns.length > 0) {
    statements.push({
      Sid: 'SamlUsersAssumeThroughAwsSignIn',
      Effect: 'Allow',
      Principal: { Federated: samlProviderArns },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'SAML:aud': AWS_SAML_AUDIENCE } },
    });
  }
  return policyDocument(...statements);
}

function requirePrincipal(field: string, value: string, pattern: RegExp, allowed: string): void {
  const problem = principalProblem(value, pattern);
  if (problem !== undefined) {
    throw new Error(`${BUILDER}: ${field} ${problem}; got ${JSON.stringify(value)}. Allowed: ${allowed}`);
  }
}

function principalProblem(value: string, pattern: RegExp): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'is empty';
  if (value.includes('*')) return 'contains "*", which trusts any principal';
  if (/^\d{12}$/.test(value) || /^arn:aws:iam::\d{12}:root$/.test(value)) {
    return 'names a whole account, which trusts every principal of that account';
  }
  if (!isToken(value) && !pattern.test(value)) return 'has the wrong form';
  return undefined;
}
