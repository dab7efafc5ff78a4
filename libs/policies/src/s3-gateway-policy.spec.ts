import { ownPrincipalsToOwnResources } from './resource-perimeter';
import { s3GatewayPolicy } from './s3-gateway-policy';

describe('s3GatewayPolicy', () => {
  const policy = s3GatewayPolicy({ accountId: '111122223333', region: 'eu-west-1' });

  it('starts with own principals to own resources, then one statement per AWS-owned repository family', () => {
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      'OwnPrincipalsToOwnResources',
      'AmazonLinux2Repositories',
      'AmazonLinux2023Repositories',
    ]);
    expect(policy.Statement[0]).toEqual(ownPrincipalsToOwnResources({ accountId: '111122223333' }));
  });

  it('reads objects only, of the region\'s Amazon Linux repository buckets only', () => {
    expect(policy.Statement.slice(1)).toEqual([
      {
        Sid: 'AmazonLinux2Repositories',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: [
          'arn:aws:s3:::packages.eu-west-1.amazonaws.com/*',
          'arn:aws:s3:::repo.eu-west-1.amazonaws.com/*',
          'arn:aws:s3:::amazonlinux.eu-west-1.amazonaws.com/*',
          'arn:aws:s3:::amazonlinux-2-repos-eu-west-1/*',
        ],
      },
      {
        Sid: 'AmazonLinux2023Repositories',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: ['arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*', 'arn:aws:s3:::al2023-eu-west-1/*'],
      },
    ]);
  });

  it('adds read-only access to the region ECR layer bucket, and nothing more, with ECR', () => {
    const withEcr = s3GatewayPolicy({ accountId: '111122223333', region: 'eu-west-1', allowEcrLayers: true });
    expect(withEcr.Statement).toHaveLength(4);
    expect(withEcr.Statement[3]).toEqual({
      Sid: 'EcrImageLayers',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*'],
    });
  });

  it('bounds resources by the organization when one is given', () => {
    const org = s3GatewayPolicy({ accountId: '111122223333', region: 'eu-west-1', organizationId: 'o-a1b2c3d4e5' });
    expect(org.Statement[0].Condition).toEqual({
      StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' },
    });
  });

  it.each([
    [{ region: 'eu-west' }, 's3GatewayPolicy: region must be an AWS region such as us-west-2; got "eu-west"'],
    [{ accountId: '1111' }, 's3GatewayPolicy: accountId must be a 12-digit account id; got "1111"'],
    [
      { organizationId: 'o-short' },
      's3GatewayPolicy: organizationId must be an organization id (o- and 10-32 lower-case letters or digits); got "o-short"',
    ],
  ])('refuses %j', (override, message) => {
    expect(() => s3GatewayPolicy({ accountId: '111122223333', region: 'eu-west-1', ...override })).toThrow(message);
  });
});
