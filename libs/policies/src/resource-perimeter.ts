import type { PolicyStatement } from './policy-document';
import { isToken, requireFormat } from './validation';

/** What every endpoint policy bounds: whose credentials, and whose resources. */
export interface PerimeterProps {
  /** Only principals of this account may use the endpoint. */
  readonly accountId: string;
  /**
   * AWS Organizations organization id (`o-...`) of the account: the resource perimeter is then the
   * organization's resources instead of the account's.
   * @default - the resource perimeter is the account (`aws:ResourceAccount`)
   */
  readonly organizationId?: string;
}

/** `o-` and 10 to 32 lower-case letters or digits (AWS Organizations `Organization.Id`). */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

export function requirePerimeterProps(builder: string, props: PerimeterProps): void {
  requireFormat(builder, 'accountId', props.accountId, /^\d{12}$/, 'a 12-digit account id');
  if (props.organizationId !== undefined && !isToken(props.organizationId)) {
    requireFormat(builder, 'organizationId', props.organizationId, ORGANIZATION_ID, 'an organization id (o- and 10-32 lower-case letters or digits)');
  }
}

/**
 * The resource half of the perimeter: `aws:ResourceAccount`, or `aws:ResourceOrgID` with an
 * organization. AWS sets both keys on (almost) every request, from the resource's owner
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount).
 */
export function resourcePerimeter({ accountId, organizationId }: PerimeterProps): Readonly<Record<string, string>> {
  return organizationId === undefined ? { 'aws:ResourceAccount': accountId } : { 'aws:ResourceOrgID': organizationId };
}

/**
 * Own principals to own resources only, as AWS's data-perimeter endpoint policies
 * (https://github.com/aws-samples/data-perimeter-policy-examples/tree/main/vpc_endpoint_policies,
 * `AllowRequestsByOrgsIdentitiesToOrgsResources`): credentials from elsewhere cannot use the
 * environment's PrivateLink path, and the environment's own credentials cannot carry data through it
 * to anyone else's resources. `"Principal": "*"`, as in AWS's examples: the endpoint policy bounds the
 * request, the conditions say whose.
 */
export function ownPrincipalsToOwnResources(props: PerimeterProps): PolicyStatement {
  return {
    Sid: 'OwnPrincipalsToOwnResources',
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalAccount': props.accountId, ...resourcePerimeter(props) } },
  };
}
