/**
 * The Terraform Cloud trust policy through the real IAM evaluator: which workload identity tokens
 * may become the role.
 *
 * AWS evaluates the claims of any OIDC provider as `<provider host>:<claim>` condition keys
 * (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 * writes the trust policy on `app.terraform.io:aud` and `app.terraform.io:sub`). The evaluator's
 * action catalogue lists those keys only for a few named providers (GitHub, GitLab, Google, ...), so
 * `simulate` (which refuses keys the catalogue does not know for the action) cannot carry them. The
 * claims therefore go through the evaluator's unvalidated entry point, after the validated one has
 * checked the policy, the action and the role ARN. (`@cloud-copilot/iam-policy` is the evaluator's
 * own policy parser, installed with it: its validated-policy wrapper carries the policy's name,
 * which the unvalidated entry point needs.)
 */
import { createValidatedPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { policyDocument, type PolicyDocument } from './policy-document';
import { terraformCloudSubject, terraformCloudTrustPolicy, type TerraformCloudTrustPolicyProps } from './terraform-cloud-trust-policy';
import { simulate, type SimulationOutcome } from './simulate';

const ACCOUNT = '111122223333';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.terraform.io`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/tfc-smpl-network-prod-us-west-2-apply`;
const WORKSPACE: TerraformCloudTrustPolicyProps = {
  accountId: ACCOUNT,
  organization: 'acme-ml',
  project: 'sagemaker-privatelink',
  workspace: 'smpl-network-prod-us-west-2',
  runPhase: 'apply',
};

interface Token {
  readonly aud: string;
  readonly sub: string;
}

const tokenOf = (claims: Partial<TerraformCloudTrustPolicyProps>, aud = 'aws.workload.identity'): Token => ({
  aud,
  sub: terraformCloudSubject({ ...WORKSPACE, ...claims }),
});

/** AssumeRoleWithWebIdentity on the role, by a token with these claims. */
async function assume(trust: PolicyDocument, token: Token | undefined): Promise<SimulationOutcome> {
  // The validated entry point first: it throws on a malformed policy, action or ARN, and without the
  // claims no statement may match.
  const unvalidatedClaimsLeftOut = await simulate({
    principal: PROVIDER,
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: ROLE,
    resourcePolicy: trust,
  });
  if (token === undefined) return unvalidatedClaimsLeftOut;
  expect(unvalidatedClaimsLeftOut).toBe('ImplicitlyDenied');
  const resourcePolicy = createValidatedPolicy(trust, validateTrustPolicy, { name: 'trust' });
  expect(resourcePolicy.errors).toEqual([]);
  return runUnsafeSimulation(
    {
      request: {
        principal: PROVIDER,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: { resource: ROLE, accountId: ACCOUNT },
        contextVariables: { 'app.terraform.io:aud': token.aud, 'app.terraform.io:sub': token.sub },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    {},
  );
}

describe('terraformCloudTrustPolicy in the IAM evaluator', () => {
  const trust = terraformCloudTrustPolicy(WORKSPACE);

  it("lets the workspace's apply run assume its role", async () => {
    expect(await assume(trust, tokenOf({}))).toBe('Allowed');
  });

  it.each<[string, Partial<TerraformCloudTrustPolicyProps>]>([
    ['another workspace of the project', { workspace: 'smpl-sagemaker-prod-us-west-2' }],
    ['the same workspace name in another project', { project: 'another-project' }],
    ['the same workspace name in another organization', { organization: 'evil-corp' }],
    ['the plan phase of the same workspace', { runPhase: 'plan' }],
  ])('keeps out %s', async (_case, claims) => {
    expect(await assume(trust, tokenOf(claims))).toBe('ImplicitlyDenied');
  });

  it('keeps out a token for another audience', async () => {
    expect(await assume(trust, tokenOf({}, 'sts.amazonaws.com'))).toBe('ImplicitlyDenied');
  });

  it('keeps out a request without the claims', async () => {
    expect(await assume(trust, undefined)).toBe('ImplicitlyDenied');
  });

  it("lets a plan role's plan phase in and keeps its apply phase out", async () => {
    const planTrust = terraformCloudTrustPolicy({ ...WORKSPACE, runPhase: 'plan' });
    expect(await assume(planTrust, tokenOf({ runPhase: 'plan' }))).toBe('Allowed');
    expect(await assume(planTrust, tokenOf({ runPhase: 'apply' }))).toBe('ImplicitlyDenied');
  });

  it('would let another workspace in had the subject been a pattern (why the builder matches it exactly)', async () => {
    const organizationWide = policyDocument({
      Sid: 'AnyWorkspaceOfTheOrganization',
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
        StringLike: { 'app.terraform.io:sub': 'organization:acme-ml:*' },
      },
    });
    expect(await assume(organizationWide, tokenOf({ workspace: 'smpl-sagemaker-prod-us-west-2' }))).toBe('Allowed');
  });
});
