import { parsePolicy, type ConditionEntry, type Statement } from '../../policy-json';
import { fromProblems, NOT_APPLICABLE, nonCompliant, type StackRule } from '../../rule';
import { refersTo, resourcesOfType } from '../../synth-json';

/** Condition keys that tie an Allow to "*" to our own principals. */
const PRINCIPAL_KEYS = ['aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalArn'];
/** Condition keys that tie it to our own resources: the resource perimeter of AWS's data-perimeter examples. */
const RESOURCE_KEYS = ['aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths'];
/** Operators under which such a key narrows an Allow: a positive match, no IfExists (an absent key would pass). */
const NARROWING_OPERATORS = ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike'];

interface DocumentedException {
  readonly name: string;
  /** Every action of the statement must be one of these. */
  readonly actions: readonly string[];
  /** Every resource must match one of these; `undefined`: any resource. */
  readonly resources?: readonly RegExp[];
  /** The exception still needs the resource perimeter (it is exempt from the principal condition only). */
  readonly needsResourcePerimeter: boolean;
}

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d';
const objectsOf = (bucket: string) => new RegExp(`^arn:aws:s3:::${bucket}/\\*$`);

/**
 * Statements that can carry neither condition, each as AWS documents it. Reading an AWS-owned bucket
 * lets no credential of elsewhere in and no data of ours out; federated sign-in is unsigned (no
 * principal keys) but still bounded by the account of the role assumed.
 */
const DOCUMENTED_EXCEPTIONS: readonly DocumentedException[] = [
  {
    // ECR layers come from this AWS-owned bucket through URLs an ECR account presigns
    // (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms).
    name: "the region's ECR layer bucket",
    actions: ['s3:GetObject'],
    resources: [objectsOf(`prod-${REGION}-starport-layer-bucket`)],
    needsResourcePerimeter: false,
  },
  {
    // yum reads Amazon Linux 2 repositories anonymously (https://docs.aws.amazon.com/linux/al2/ug/al2-live-patching.html;
    // https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/s3_endpoint_policy.json).
    name: "the region's Amazon Linux 2 repositories",
    actions: ['s3:GetObject'],
    resources: [objectsOf(`(?:packages|repo|amazonlinux)\\.${REGION}\\.amazonaws\\.com`), objectsOf(`amazonlinux-2-repos-${REGION}`)],
    needsResourcePerimeter: false,
  },
  {
    // dnf reads AL2023 repositories the same way (https://docs.aws.amazon.com/linux/al2023/ug/live-patching.html).
    name: "the region's Amazon Linux 2023 repositories",
    actions: ['s3:GetObject'],
    resources: [objectsOf(`al2023-repos-${REGION}-de612dc2`), objectsOf(`al2023-${REGION}`)],
    needsResourcePerimeter: false,
  },
  {
    // AssumeRoleWithSAML / AssumeRoleWithWebIdentity are unsigned
    // (https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/sts_endpoint_policy.json).
    name: 'SAML and OIDC sign-in',
    actions: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
    needsResourcePerimeter: true,
  },
];

function narrows(condition: ConditionEntry, keys: readonly string[]): boolean {
  const operator = condition.operator.replace(/^For(Any|All)Value:/, '');
  return (
    NARROWING_OPERATORS.includes(operator) &&
    keys.some((key) => key.toLowerCase() === condition.key.toLowerCase()) &&
    condition.values.length > 0 &&
    condition.values.every((value) => value !== '' && value !== '*')
  );
}

const boundBy = (statement: Statement, keys: readonly string[]) => statement.conditions.some((condition) => narrows(condition, keys));

function documentedException(statement: Statement): DocumentedException | undefined {
  if (statement.notActions !== undefined || statement.notResources !== undefined || statement.notPrincipals !== undefined) {
    return undefined;
  }
  return DOCUMENTED_EXCEPTIONS.find(
    (exception) =>
      statement.actions.length > 0 &&
      statement.actions.every((action) => exception.actions.some((allowed) => allowed.toLowerCase() === action.toLowerCase())) &&
      (exception.resources === undefined ||
        (statement.resources.length > 0 &&
          statement.resources.every((resource) => exception.resources?.some((pattern) => pattern.test(resource))))),
  );
}

/** What an Allow to "*" lacks; empty when it is bounded, or is a documented exception with what it needs. */
function missing(statement: Statement): string[] {
  const principal = boundBy(statement, PRINCIPAL_KEYS);
  const resource = boundBy(statement, RESOURCE_KEYS);
  if (principal && resource) return [];
  const exception = documentedException(statement);
  if (exception !== undefined && (resource || !exception.needsResourcePerimeter)) return [];
  return [
    ...(principal ? [] : [`without ${PRINCIPAL_KEYS.join(' / ')}`]),
    ...(resource ? [] : [`without a resource perimeter (${RESOURCE_KEYS.join(' / ')})`]),
  ];
}

export const endpointPolicy: StackRule = {
  id: 'endpoint-policy',
  title: 'A VPC endpoint has a policy that admits only our own principals, to our own resources',
  severity: 'error',
  sources: [],
  rationale:
    'Without a policy an endpoint admits any principal of any account: credentials from elsewhere can use our ' +
    'PrivateLink path. A principal condition alone bounds who calls, not where the data goes: our own credentials ' +
    "could still write to another account's bucket through it. No scanner looks at endpoint policies. The documented " +
    "exceptions: object reads of the region's ECR layer bucket and Amazon Linux 2 / AL2023 repositories (AWS-owned, " +
    'read with URLs signed elsewhere or unsigned), and SAML/OIDC sign-in through STS (unsigned, still bounded by ' +
    'the account of the role).',
  fix:
    'Set policy = renderPolicy(endpointPolicy({ accountId, organizationId })) on the endpoint (stsEndpointPolicy for ' +
    'STS, s3GatewayPolicy for the S3 gateway): every Allow to "*" conditioned on aws:PrincipalAccount (or ' +
    'aws:PrincipalOrgID / aws:PrincipalArn) and on aws:ResourceAccount (or aws:ResourceOrgID), positively (no ' +
    'IfExists, no Not).',
  scope: 'stack',
  check: (stack) => {
    const separatePolicies = resourcesOfType(stack, 'aws_vpc_endpoint_policy');
    return resourcesOfType(stack, 'aws_vpc_endpoint').map((endpoint) => {
      const value =
        endpoint.attributes['policy'] ??
        separatePolicies.find((policy) => refersTo(policy.attributes['vpc_endpoint_id'], endpoint))?.attributes['policy'];
      if (value === undefined || value === null || value === '') {
        return { address: endpoint.address, result: nonCompliant('has no policy, so it admits every principal of every account') };
      }
      const parsed = parsePolicy(value);
      if (!parsed.ok) return { address: endpoint.address, result: NOT_APPLICABLE }; // policy-literal-json reports it
      return {
        address: endpoint.address,
        result: fromProblems(
          parsed.statements
            .filter((statement) => statement.effect === 'Allow' && statement.principals.some((principal) => principal.value === '*'))
            .flatMap((statement) => {
              const gaps = missing(statement);
              return gaps.length === 0 ? [] : [`${statement.label} allows principal "*" ${gaps.join(' and ')}`];
            }),
        ),
      };
    });
  },
};
