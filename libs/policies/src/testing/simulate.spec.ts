import { policyDocument, renderPolicy } from '../policy-document';
import { ADMINISTRATOR_ACCESS, NOTEBOOK_ARN, NOTEBOOK_USER_ROLE_ARN } from './fixtures';
import { simulate } from './simulate';

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
});
