import { policyDocument, type PolicyDocument } from './policy-document';
import { ownPrincipalsToOwnResources, requirePerimeterProps, resourcePerimeter, type PerimeterProps } from './resource-perimeter';

export type EndpointPolicyProps = PerimeterProps;

/**
 * Interface endpoint policy: any action, but only by principals of the environment's account and
 * only on resources of the account (or of its organization).
 */
export function endpointPolicy(props: EndpointPolicyProps): PolicyDocument {
  requirePerimeterProps('endpointPolicy', props);
  return policyDocument(ownPrincipalsToOwnResources(props));
}

/**
 * STS interface endpoint policy: the own-account perimeter, plus SAML and OIDC sign-in to roles of
 * the account (or organization). `AssumeRoleWithSAML` and `AssumeRoleWithWebIdentity` are unsigned,
 * so the request carries no `aws:PrincipalAccount` and the first statement refuses them; the role
 * being assumed is the resource, so `aws:ResourceAccount` still bounds them. Follows AWS's
 * data-perimeter STS endpoint policy (`AllowRequestsToOrgRolesByFederatedPrincipals`,
 * https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/sts_endpoint_policy.json),
 * with `"Principal": "*"` (an unsigned request is matched by `"*"`).
 */
export function stsEndpointPolicy(props: EndpointPolicyProps): PolicyDocument {
  requirePerimeterProps('stsEndpointPolicy', props);
  return policyDocument(ownPrincipalsToOwnResources(props), {
    Sid: 'FederatedSignInToOwnRoles',
    Effect: 'Allow',
    Principal: '*',
    Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
    Resource: '*',
    Condition: { StringEquals: resourcePerimeter(props) },
  });
}
