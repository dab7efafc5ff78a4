import { hasConditionKey, parsePolicy, type Statement } from '../../policy-json';
import { fromProblems, NOT_APPLICABLE, nonCompliant, type StackRule } from '../../rule';
import { refersTo, resourcesOfType } from '../../synth-json';

/** Condition keys that tie an Allow to "*" to our own principals. */
const PRINCIPAL_KEYS = ['aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalArn'];

/** The region's AWS-owned bucket ECR serves image layers from. */
const ECR_LAYER_OBJECTS = /^arn:aws:s3:::prod-[a-z0-9-]+-starport-layer-bucket\/\*$/;

/**
 * The one documented exception: ECR image layers are downloaded from an AWS-owned bucket through
 * URLs signed by an ECR principal of another account, so no principal condition can hold. Reading
 * that bucket only neither lets foreign credentials reach our resources nor lets data out.
 */
function isEcrLayerRead(statement: Statement): boolean {
  return (
    statement.notActions === undefined &&
    statement.notResources === undefined &&
    statement.actions.length > 0 &&
    statement.actions.every((action) => action === 's3:GetObject') &&
    statement.resources.length > 0 &&
    statement.resources.every((resource) => ECR_LAYER_OBJECTS.test(resource))
  );
}

export const endpointPolicy: StackRule = {
  id: 'endpoint-policy',
  title: 'A VPC endpoint has a policy that admits only our own principals',
  severity: 'error',
  sources: [],
  rationale:
    'Without a policy an endpoint admits any principal of any account: credentials from elsewhere can use our ' +
    'PrivateLink path, and data can leave through it to their resources. No scanner looks at endpoint policies. ' +
    'The one exception is s3:GetObject on the region\'s ECR layer bucket (prod-<region>-starport-layer-bucket), which ' +
    'ECR reads with URLs signed in another account.',
  fix:
    'Set policy = renderPolicy(endpointPolicy({ accountId })) on the endpoint (s3GatewayPolicy for the S3 gateway): ' +
    'every Allow to "*" conditioned on aws:PrincipalAccount (or aws:PrincipalOrgID / aws:PrincipalArn).',
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
            .filter(
              (statement) =>
                statement.effect === 'Allow' &&
                statement.principals.some((principal) => principal.value === '*') &&
                !PRINCIPAL_KEYS.some((key) => hasConditionKey(statement, key)) &&
                !isEcrLayerRead(statement),
            )
            .map((statement) => `${statement.label} allows principal "*" without ${PRINCIPAL_KEYS.join(' / ')}`),
        ),
      };
    });
  },
};
