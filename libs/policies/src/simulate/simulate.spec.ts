import { policyDocument, renderPolicy } from '../policy-document';
import { ACCOUNT_ID, NOTEBOOK_ARN, NOTEBOOK_USER_ROLE_ARN, SAML_PROVIDER_ARN } from '../testing/fixtures';
import { ADMINISTRATOR_ACCESS, ANONYMOUS, simulate } from '.';

const describeThrough = (endpointId: string) =>
  policyDocument({
    Sid: 'DescribeThroughEndpoint',
    Effect: 'Allow',
    Action: 'sagemaker:DescribeNotebookInstance',
    Resource: NOTEBOOK_ARN,
    Condition: { StringEquals: { 'aws:SourceVpce': endpointId } },
  });
const request = {
  principal: NOTEBOOK_USER_ROLE_ARN,
  action: 'sagemaker:DescribeNotebookInstance',
  resource: NOTEBOOK_ARN,
};

describe('simulate', () => {
  it('reads policies as typed documents or as literal JSON', async () => {
    const context = { 'aws:SourceVpce': 'vpce-1' };
    expect(await simulate({ ...request, identityPolicies: [describeThrough('vpce-1')], context })).toBe('Allowed');
    expect(await simulate({ ...request, identityPolicies: [renderPolicy(describeThrough('vpce-1'))], context })).toBe(
      'Allowed',
    );
    expect(await simulate({ ...request, identityPolicies: [describeThrough('vpce-2')], context })).toBe(
      'ImplicitlyDenied',
    );
  });

  it('substitutes Terraform tokens from synthesized JSON, and refuses to evaluate one left unresolved', async () => {
    const synthesized = renderPolicy(describeThrough('${aws_vpc_endpoint.sagemaker_api.id}'));
    await expect(
      simulate({ ...request, identityPolicies: [synthesized], context: { 'aws:SourceVpce': 'vpce-1' } }),
    ).rejects.toThrow(
      'simulate: policy identity-0 still holds Terraform tokens ["${aws_vpc_endpoint.sagemaker_api.id}"]; pass their values in tokens',
    );
    expect(
      await simulate({
        ...request,
        identityPolicies: [synthesized],
        context: { 'aws:SourceVpce': 'vpce-1' },
        tokens: { '${aws_vpc_endpoint.sagemaker_api.id}': 'vpce-1' },
      }),
    ).toBe('Allowed');
  });

  it('leaves IAM policy variables alone', async () => {
    const own = policyDocument({
      Sid: 'OwnNotebook',
      Effect: 'Allow',
      Action: 'sagemaker:DescribeNotebookInstance',
      Resource: 'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/${aws:PrincipalTag/notebook}',
    });
    const tagged = (notebook: string) => ({ 'aws:PrincipalTag/notebook': notebook });
    expect(await simulate({ ...request, identityPolicies: [own], context: tagged('analysis-dev') })).toBe('Allowed');
    expect(await simulate({ ...request, identityPolicies: [own], context: tagged('other') })).toBe('ImplicitlyDenied');
  });

  it('throws instead of answering for an action the catalogue does not know', async () => {
    await expect(
      simulate({ ...request, action: 'sagemaker:OpenNotebook', identityPolicies: [ADMINISTRATOR_ACCESS] }),
    ).rejects.toThrow(/simulate: the evaluator rejected sagemaker:OpenNotebook on .*invalid\.action/);
  });

  it('throws instead of answering for an invalid policy', async () => {
    const invalid = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }],
    });
    await expect(simulate({ ...request, identityPolicies: [invalid] })).rejects.toThrow(/policy\.errors/);
  });

  it('throws when a context key does not apply to the action, rather than silently dropping it', async () => {
    await expect(
      simulate({
        ...request,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        context: { 'sagemaker:RootAccess': 'Enabled' },
      }),
    ).rejects.toThrow(
      'simulate: context keys ["sagemaker:RootAccess"] do not apply to sagemaker:DescribeNotebookInstance',
    );
  });

  it('applies SCPs beside FullAWSAccess: an SCP Deny wins over an identity Allow', async () => {
    const denyDescribe = policyDocument({
      Sid: 'NoDescribe',
      Effect: 'Deny',
      Action: 'sagemaker:DescribeNotebookInstance',
      Resource: '*',
    });
    expect(await simulate({ ...request, identityPolicies: [ADMINISTRATOR_ACCESS], scps: [] })).toBe('Allowed');
    expect(await simulate({ ...request, identityPolicies: [ADMINISTRATOR_ACCESS], scps: [denyDescribe] })).toBe(
      'ExplicitlyDenied',
    );
  });

  it('passes the request through endpoint policies: an endpoint that does not allow it refuses it', async () => {
    const throughEndpoint = (statement: object) =>
      simulate({
        ...request,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        endpointPolicies: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Resource: '*', ...statement }] })],
      });
    expect(await throughEndpoint({ Action: 'sagemaker:DescribeNotebookInstance' })).toBe('Allowed');
    expect(await throughEndpoint({ Action: 'sagemaker:ListNotebookInstances' })).toBe('ImplicitlyDenied');
  });

  it('fills in aws:ResourceAccount from the resource, and lets the context override it', async () => {
    const bounded = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT_ID } } }],
    });
    const base = { ...request, identityPolicies: [ADMINISTRATOR_ACCESS], endpointPolicies: [bounded] };
    expect(await simulate(base)).toBe('Allowed');
    expect(await simulate({ ...base, context: { 'aws:ResourceAccount': '444455556666' } })).toBe('ImplicitlyDenied');
  });

  it('gives unsigned requests (SAML, anonymous) no principal keys', async () => {
    const ownAccountOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT_ID } } }],
    });
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: SAML_PROVIDER_ARN }, Action: 'sts:AssumeRoleWithSAML' }],
    });
    const saml = (endpointPolicies: string[]) =>
      simulate({ principal: SAML_PROVIDER_ARN, action: 'sts:AssumeRoleWithSAML', resource: NOTEBOOK_USER_ROLE_ARN, resourcePolicy: trust, endpointPolicies });
    expect(await saml([])).toBe('Allowed');
    expect(await saml([ownAccountOnly])).toBe('ImplicitlyDenied');
    const publicRead = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' }],
    });
    const anonymous = (endpointPolicies: string[]) =>
      simulate({ principal: ANONYMOUS, action: 's3:GetObject', resource: 'arn:aws:s3:::public/k', resourceAccount: '999988887777', resourcePolicy: publicRead, endpointPolicies });
    expect(await anonymous([])).toBe('Allowed');
    expect(await anonymous([ownAccountOnly])).toBe('ImplicitlyDenied');
  });
});

