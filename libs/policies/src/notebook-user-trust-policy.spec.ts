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

  it('accepts a token for a role ARN', () => {
    expect(notebookUserTrustPolicy({ roleArns: ['${aws_iam_role.analyst.arn}'] }).Statement[0].Principal).toEqual({
      AWS: ['${aws_iam_role.analyst.arn}'],
    });
  });
});

describe('notebookUserTrustPolicy refuses broad or malformed principals', () => {
  it.each([
    [{}, /name at least one principal in roleArns or samlProviderArns; got roleArns=\[\], samlProviderArns=\[\]/],
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
  ])('refuses %j', (props, message) => {
    expect(() => notebookUserTrustPolicy(props)).toThrow(message);
  });

  it('names the builder in the message', () => {
    expect(() => notebookUserTrustPolicy({ roleArns: ['*'] })).toThrow(/^notebookUserTrustPolicy: /);
  });
});
