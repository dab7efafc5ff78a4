import { policyDocument, type PolicyDocument } from './policy-document';

export interface EndpointPolicyProps {
  /** Only principals of this account may use the endpoint. */
  readonly accountId: string;
}

/**
 * VPC endpoint policy: any action, but only for principals of the environment's own account, so a
 * credential from another account cannot use our PrivateLink path (nor exfiltrate through it).
 */
export function endpointPolicy({ accountId }: EndpointPolicyProps): PolicyDocument {
  return policyDocument({
    Sid: 'OwnAccountPrincipalsOnly',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalAccount': accountId } },
  });
}
