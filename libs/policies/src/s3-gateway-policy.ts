import { PARTITION } from './arns';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';
import { ownPrincipalsToOwnResources, requirePerimeterProps, type PerimeterProps } from './resource-perimeter';
import { requireFormat } from './validation';

export interface S3GatewayPolicyProps extends PerimeterProps {
  /** Region of the gateway: the AWS-owned buckets below are per region. */
  readonly region: string;
  /**
   * Let ECR image layers through: pulls download them from an AWS-owned bucket with URLs signed by
   * an ECR principal of another account, which the own-account statement would refuse.
   * @default false
   */
  readonly allowEcrLayers?: boolean;
}

/** Objects of AWS-owned buckets of the region, e.g. `arn:aws:s3:::amazonlinux-2-repos-us-west-2/*`. */
const objects = (...buckets: string[]): string[] => buckets.map((bucket) => `arn:${PARTITION}:s3:::${bucket}/*`);

/**
 * S3 gateway endpoint policy: own principals to own buckets (or the organization's), plus object
 * reads of the AWS-owned buckets the notebooks need, each a statement of its own. Reading an
 * AWS-owned repository lets no credential of elsewhere in and no data of ours out.
 */
export function s3GatewayPolicy(props: S3GatewayPolicyProps): PolicyDocument {
  requirePerimeterProps('s3GatewayPolicy', props);
  requireFormat('s3GatewayPolicy', 'region', props.region, /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-west-2');
  const { region } = props;
  const statements: PolicyStatement[] = [
    ownPrincipalsToOwnResources(props),
    {
      // Notebook platforms notebook-al2-v2/v3 run Amazon Linux 2: yum reads its repositories from
      // these AWS-owned buckets with unsigned requests, which no principal or resource condition can
      // match. Buckets from https://docs.aws.amazon.com/linux/al2/ug/al2-live-patching.html, as listed
      // in AWS's data-perimeter S3 endpoint policy (AllowRequestsToAWSOwnedResources,
      // https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/s3_endpoint_policy.json).
      Sid: 'AmazonLinux2Repositories',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: objects(
        `packages.${region}.amazonaws.com`,
        `repo.${region}.amazonaws.com`,
        `amazonlinux.${region}.amazonaws.com`,
        `amazonlinux-2-repos-${region}`,
      ),
    },
    {
      // Platform notebook-al2023-v1 runs AL2023: dnf reads these AWS-owned buckets the same way
      // (https://docs.aws.amazon.com/linux/al2023/ug/live-patching.html; same data-perimeter statement).
      Sid: 'AmazonLinux2023Repositories',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: objects(`al2023-repos-${region}-de612dc2`, `al2023-${region}`),
    },
  ];
  if (props.allowEcrLayers) {
    statements.push({
      // ECR serves image layers from this AWS-owned bucket through URLs an ECR account presigns
      // (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms).
      Sid: 'EcrImageLayers',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: objects(`prod-${region}-starport-layer-bucket`),
    });
  }
  return policyDocument(...statements);
}
