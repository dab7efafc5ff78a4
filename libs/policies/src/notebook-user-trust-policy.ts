import { accountRootArn, PARTITION } from './arns';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';
import { isToken, requireFormat } from './validation';

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
  /**
   * IAM Identity Center permission sets (by name) whose roles in `accountId` may assume the
   * notebook-user role, whatever the suffix a reprovisioning gives them and whatever the Identity
   * Center region.
   * @default - no permission set
   */
  readonly identityCenterPermissionSets?: readonly string[];
  /**
   * Account the permission-set roles live in (the environment's account); required with
   * `identityCenterPermissionSets`.
   * @default - none
   */
  readonly accountId?: string;
}

const BUILDER = 'notebookUserTrustPolicy';
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SAML_PROVIDER_ARN = /^arn:aws:iam::\d{12}:saml-provider\/[\w.-]+$/;
/** `Name` of CreatePermissionSet: 1-32 of `[\w+=,.@-]` (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html). */
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;

/**
 * Where IAM Identity Center puts a permission set's role: `aws-reserved/sso.amazonaws.com/<region>/`,
 * without the region part when Identity Center is in us-east-1, named
 * `AWSReservedSSO_<permission set>_<suffix>`, the suffix changing when the permission set is
 * reprovisioned (https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html).
 * The trailing `_*` also matches a permission set whose name extends this one after an underscore
 * (`ML` matches `ML_Admin`): name permission sets so that none is such a prefix of another.
 */
export function identityCenterRoleArnPatterns(accountId: string, permissionSet: string): string[] {
  const path = `arn:${PARTITION}:iam::${accountId}:role/aws-reserved/sso.amazonaws.com`;
  return [`${path}/*/AWSReservedSSO_${permissionSet}_*`, `${path}/AWSReservedSSO_${permissionSet}_*`];
}


/**
 * Trust policy of the notebook-user role: only the principals named in config. Refuses `*`, an
 * account (id or root ARN, which would delegate to every principal of that account) and an empty list.
 */
export function notebookUserTrustPolicy(props: NotebookUserTrustPolicyProps): PolicyDocument {
  const roleArns = props.roleArns ?? [];
  const samlProviderArns = props.samlProviderArns ?? [];
  const permissionSets = props.identityCenterPermissionSets ?? [];
  if (roleArns.length === 0 && samlProviderArns.length === 0 && permissionSets.length === 0) {
    throw new Error(
      `${BUILDER}: name at least one principal in roleArns, samlProviderArns or identityCenterPermissionSets; got ` +
        `roleArns=${JSON.stringify(roleArns)}, samlProviderArns=${JSON.stringify(samlProviderArns)}, ` +
        `identityCenterPermissionSets=${JSON.stringify(permissionSets)}`,
    );
  }
  if (permissionSets.length > 0) {
    requireFormat(BUILDER, 'accountId', props.accountId as string, /^\d{12}$/, 'the 12-digit account of the permission-set roles');
  }
  permissionSets.forEach((name, i) => {
    if (typeof name !== 'string' || !PERMISSION_SET_NAME.test(name)) {
      throw new Error(
        `${BUILDER}: identityCenterPermissionSets[${i}] must be a permission set name (1-32 letters, digits and + = , . @ _ -, ` +
          `no wildcards); got ${JSON.stringify(name)}`,
      );
    }
  });
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
  if (permissionSets.length > 0 && props.accountId !== undefined) {
    const accountId = props.accountId;
    statements.push({
      // The account root delegates to the account's IAM, and the condition names the permission-set
      // roles, so a reprovisioned role (new suffix) keeps access and no other role of the account gets it.
      Sid: 'IdentityCenterPermissionSetsAssume',
      Effect: 'Allow',
      Principal: { AWS: accountRootArn(accountId) },
      Action: 'sts:AssumeRole',
      Condition: {
        ArnLike: { 'aws:PrincipalArn': permissionSets.flatMap((name) => identityCenterRoleArnPatterns(accountId, name)) },
      },
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
