import { endpointPolicy } from './endpoint-policy';
import { s3GatewayPolicy } from './s3-gateway-policy';

describe('s3GatewayPolicy', () => {
  it('is the own-account endpoint policy when ECR is not used', () => {
    expect(s3GatewayPolicy({ accountId: '111122223333', region: 'eu-west-1' })).toEqual(
      endpointPolicy({ accountId: '111122223333' }),
    );
  });

  it('adds read-only access to the region ECR layer bucket, and nothing more, with ECR', () => {
    const policy = s3GatewayPolicy({ accountId: '111122223333', region: 'eu-west-1', allowEcrLayers: true });
    expect(policy.Statement[1]).toEqual({
      Sid: 'EcrImageLayers',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*',
    });
  });
});
