import { notebookUserTrustPolicy } from './notebook-user-trust-policy';

const identityCenterRole =
  'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_NotebookUsers_0123456789abcdef';
const samlProvider = 'arn:aws:iam::111122223333:saml-provider/CorporateIdP';

describe('notebookUserTrustPolicy', () => {
  it('lets only the named roles assume the role', () => {
    expect(notebookUserTrustPolicy({ roleArns: [identityCenterRole] })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'NamedRolesAssume',
          Effect: 'Allow',
          Principal: { AWS: [identityCenterRole] },
          Action: 'sts:AssumeRole',
        },
      ],
    });
  });

  it('lets SAML users in only through AWS sign-in', () => {
    expect(notebookUserTrustPolicy({ samlProviderArns: [samlProvider] })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'SamlUsersAssumeThroughAwsSignIn',
          Effect: 'Allow',
          Principal: { Federated: [samlProvider] },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    });
  });

  it('combines both kinds in two statements', () => {
    const document = notebookUserTrustPolicy({ roleArns: [identityCenterRole], samlProviderArns: [samlProvider] });
    expect(document.Statement.map((s) => s.Action)).toEqual(['sts:AssumeRole', 'sts:AssumeRoleWithSAML']);
  });

  it('trusts Identity Center permission sets by name: the account root, narrowed to their role paths', () => {
    const document = notebookUserTrustPolicy({ identityCenterPermissionSets: ['MLEngineer', 'DataScientist'], accountId: '111122223333' });
    const sso = 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com';
    expect(document.Statement).toEqual([
      {
        Sid: 'IdentityCenterPermissionSetsAssume',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnLike: {
            'aws:PrincipalArn': [
              `${sso}/*/AWSReservedSSO_MLEngineer_*`,
              `${sso}/AWSReservedSSO_MLEngineer_*`,
              `${sso}/*/AWSReservedSSO_DataScientist_*`,
              `${sso}/AWSReservedSSO_DataScientist_*`,
            ],
          },
        },
      },
    ]);
  });

  it('accepts a token for a role ARN', () => {
    expect(notebookUserTrustPolicy({ roleArns: ['${aws_iam_role.analyst.arn}'] }).Statement[0].Principal).toEqual({
      AWS: ['${aws_iam_role.analyst.arn}'],
    });
  });
});

describe('notebookUserTrustPolicy refuses broad or malformed principals', () => {
  it.each([
    [
      {},
      'notebookUserTrustPolicy: name at least one principal in roleArns, samlProviderArns or identityCenterPermissionSets; ' +
        'got roleArns=[], samlProviderArns=[], identityCenterPermissionSets=[]',
    ],
    [{ roleArns: [], samlProviderArns: [] }, /name at least one principal/],
    [{ roleArns: ['*'] }, /roleArns\[0\] contains "\*", which trusts any principal; got "\*"/],
    [
      { roleArns: [identityCenterRole, 'arn:aws:iam::111122223333:root'] },
      /roleArns\[1\] names a whole account, which trusts every principal of that account; got "arn:aws:iam::111122223333:root"/,
    ],
    [{ roleArns: ['111122223333'] }, /roleArns\[0\] names a whole account.*; got "111122223333"/],
    [{ roleArns: ['arn:aws:iam::111122223333:role/*'] }, /roleArns\[0\] contains "\*"/],
    [{ roleArns: [''] }, /roleArns\[0\] is empty; got ""/],
    [
      { roleArns: [samlProvider] },
      /roleArns\[0\] has the wrong form; got ".*saml-provider\/CorporateIdP". Allowed: an IAM role ARN/,
    ],
    [
      { samlProviderArns: [identityCenterRole] },
      /samlProviderArns\[0\] has the wrong form; .* Allowed: a SAML provider ARN/,
    ],
    [{ samlProviderArns: ['*'] }, /samlProviderArns\[0\] contains "\*"/],
    [
      { identityCenterPermissionSets: ['MLEngineer'] },
      'notebookUserTrustPolicy: accountId must be a non-empty string; got undefined',
    ],
    [
      { identityCenterPermissionSets: ['MLEngineer'], accountId: 'arn:aws:iam::111122223333:root' },
      'notebookUserTrustPolicy: accountId must be the 12-digit account of the permission-set roles; got "arn:aws:iam::111122223333:root"',
    ],
    ...['ML*', 'ML Engineer', '', 'A'.repeat(33), 'AWSReservedSSO_ML/x'].map((name) => [
      { identityCenterPermissionSets: ['MLEngineer', name], accountId: '111122223333' },
      'notebookUserTrustPolicy: identityCenterPermissionSets[1] must be a permission set name ' +
        `(1-32 letters, digits and + = , . @ _ -, no wildcards); got ${JSON.stringify(name)}`,
    ]),
  ] as [object, string | RegExp][])('refuses %j', (props, message) => {
    expect(() => notebookUserTrustPolicy(props)).toThrow(message);
  });

  it('names the builder in the message', () => {
    expect(() => notebookUserTrustPolicy({ roleArns: ['*'] })).toThrow(/^notebookUserTrustPolicy: /);
  });
});
