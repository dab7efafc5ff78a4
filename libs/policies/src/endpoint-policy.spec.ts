import { endpointPolicy, stsEndpointPolicy } from './endpoint-policy';

describe('endpointPolicy', () => {
  it('admits own principals to own resources only, in one statement', () => {
    expect(endpointPolicy({ accountId: '111122223333' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OwnPrincipalsToOwnResources',
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:ResourceAccount': '111122223333' } },
        },
      ],
    });
  });

  it('bounds resources by the organization instead of the account when one is given', () => {
    expect(endpointPolicy({ accountId: '111122223333', organizationId: 'o-a1b2c3d4e5' }).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' },
    });
  });

  it.each([
    [{ accountId: '' }, 'endpointPolicy: accountId must be a non-empty string; got ""'],
    [{ accountId: '11112222333' }, 'endpointPolicy: accountId must be a 12-digit account id; got "11112222333"'],
    [
      { accountId: '111122223333', organizationId: 'r-a1b2' },
      'endpointPolicy: organizationId must be an organization id (o- and 10-32 lower-case letters or digits); got "r-a1b2"',
    ],
  ])('refuses %j', (props, message) => {
    expect(() => endpointPolicy(props)).toThrow(message);
  });
});

describe('stsEndpointPolicy', () => {
  it('adds SAML and OIDC sign-in, bounded by the account of the role assumed', () => {
    expect(stsEndpointPolicy({ accountId: '111122223333' }).Statement).toEqual([
      endpointPolicy({ accountId: '111122223333' }).Statement[0],
      {
        Sid: 'FederatedSignInToOwnRoles',
        Effect: 'Allow',
        Principal: '*',
        Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } },
      },
    ]);
  });

  it('bounds sign-in by the organization when one is given', () => {
    expect(stsEndpointPolicy({ accountId: '111122223333', organizationId: 'o-a1b2c3d4e5' }).Statement[1].Condition).toEqual({
      StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' },
    });
  });

  it('validates like endpointPolicy, naming itself', () => {
    expect(() => stsEndpointPolicy({ accountId: 'x' })).toThrow('stsEndpointPolicy: accountId must be a 12-digit account id; got "x"');
  });
});
