import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';

export interface S3GatewayPolicyProps {
  /** Principals of this account may use the gateway. */
  readonly accountId: string;
  readonly region: string;
  /**
   * Let ECR image layers through: pulls download them from an AWS-owned bucket with URLs signed by
   * an ECR principal of another account, which the own-account statement would refuse.
   * @default false
   */
  readonly allowEcrLayers?: boolean;
}

/**
 * S3 gateway endpoint policy: own-account principals, plus (with ECR) read-only access to the
 * region's ECR layer bucket and nothing else.
 */
export function s3GatewayPolicy(props: S3GatewayPolicyProps): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'OwnAccountPrincipalsOnly',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalAccount': props.accountId } },
    },
  ];
  if (props.allowEcrLayers) {
    statements.push({
      Sid: 'EcrImageLayers',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::prod-${props.region}-starport-layer-bucket/*`,
    });
  }
  return policyDocument(...statements);
}
