// @cloud-copilot/iam-simulate is AGPL-3.0-or-later: it is imported here, in the simulate entry
// (`@privatelink/policies/simulate`, which the access report ships with), and in tests only; the
// builders (`src/index.ts`) never load it (license-boundary.spec.ts).
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../policy-document';

/** A policy as a typed document or as the literal JSON found in synthesized Terraform. */
export type PolicyInput = PolicyDocument | string;

/** The evaluator's verdict: an Allow, a Deny statement that matched, or no Allow at all. */
export type SimulationOutcome = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** Request-context values, e.g. `{ 'aws:SourceVpce': 'vpce-0abc', 'aws:ViaAWSService': 'false' }`. */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

/** The principal of an unsigned request (an anonymous S3 read, say): no principal keys at all. */
export const ANONYMOUS = 'anonymous';

export interface SimulateRequest {
  /**
   * ARN of the calling principal, e.g. `arn:aws:iam::111122223333:role/notebook-user`; a SAML or OIDC
   * provider ARN for `sts:AssumeRoleWith*`; or {@link ANONYMOUS}.
   */
  readonly principal: string;
  /** `service:Action`, e.g. `sagemaker:CreatePresignedNotebookInstanceUrl`. */
  readonly action: string;
  /** Resource ARN, or `*` for list-only actions. */
  readonly resource: string;
  /**
   * Account owning the resource.
   * @default - the account in the resource ARN, else the principal's account
   */
  readonly resourceAccount?: string;
  /**
   * Policies attached to the principal.
   * @default - none
   */
  readonly identityPolicies?: readonly PolicyInput[];
  /**
   * SCPs attached at the organization root, beside the default `FullAWSAccess` (which AWS attaches
   * to every root, OU and account).
   * @default - the account is not governed by any SCP
   */
  readonly scps?: readonly PolicyInput[];
  /**
   * Resource-based policy of the resource (key policy, trust policy).
   * @default - none
   */
  readonly resourcePolicy?: PolicyInput;
  /**
   * Policies of the VPC endpoints the request passes through (every statement needs `"Principal": "*"`).
   * @default - the request passes no endpoint
   */
  readonly endpointPolicies?: readonly PolicyInput[];
  /**
   * Request-context keys; a key left out is absent from the request, as on an internet call.
   * `aws:PrincipalArn` and `aws:PrincipalAccount` are filled in from an IAM `principal`, and
   * `aws:ResourceAccount` from the resource account (the evaluator derives neither), unless given
   * here. Unsigned requests (SAML, OIDC, anonymous) carry no principal keys.
   * @default - only the principal and resource-account keys
   */
  readonly context?: RequestContext;
  /**
   * Values for Terraform tokens left in the policies (`{ '${aws_vpc_endpoint.api.id}': 'vpce-0abc' }`).
   * The evaluator would read a token as an IAM policy variable, so an unresolved one is an error.
   * @default - no substitution
   */
  readonly tokens?: Readonly<Record<string, string>>;
}

const FULL_AWS_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/**
 * Evaluates one request with the real IAM evaluator (iam-simulate, strict mode). Throws when the
 * evaluator rejects the input (invalid policy, action or context key), so a broken policy can never
 * pass for a denial.
 */
export async function simulate(request: SimulateRequest): Promise<SimulationOutcome> {
  const load = (policy: PolicyInput, name: string): { name: string; policy: unknown } => ({
    name,
    policy: resolveTokens(policy, request.tokens ?? {}, name),
  });
  const resourceAccount =
    request.resourceAccount ?? accountOf(request.resource) ?? requireAccountOf(request.principal);
  const simulation: Simulation = {
    request: {
      principal: request.principal === ANONYMOUS ? anonymousPrincipal : request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: resourceAccount },
      contextVariables: Object.fromEntries(
        Object.entries({
          ...principalContext(request.principal),
          'aws:ResourceAccount': resourceAccount,
          ...request.context,
        }).map(([key, value]) => [key, typeof value === 'string' ? value : [...value]]),
      ),
    },
    identityPolicies: (request.identityPolicies ?? []).map((policy, i) => load(policy, `identity-${i}`)),
    serviceControlPolicies:
      request.scps === undefined
        ? []
        : [
            {
              orgIdentifier: 'r-root',
              policies: [
                { name: 'FullAWSAccess', policy: FULL_AWS_ACCESS },
                ...request.scps.map((policy, i) => load(policy, `scp-${i}`)),
              ],
            },
          ],
    resourceControlPolicies: [],
    ...(request.resourcePolicy === undefined
      ? {}
      : { resourcePolicy: load(request.resourcePolicy, 'resource').policy }),
    ...(request.endpointPolicies === undefined
      ? {}
      : { vpcEndpointPolicies: request.endpointPolicies.map((policy, i) => load(policy, `endpoint-${i}`)) }),
  };

  const response = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (response.resultType === 'error') {
    throw new Error(
      `simulate: the evaluator rejected ${request.action} on ${request.resource}: ${JSON.stringify(response.errors)}`,
    );
  }
  const ignored = response.resultType === 'single' ? response.result.ignoredContextKeys ?? [] : [];
  if (ignored.length > 0) {
    throw new Error(
      `simulate: context keys ${JSON.stringify(ignored)} do not apply to ${request.action}; drop them from the request`,
    );
  }
  return response.overallResult;
}

function resolveTokens(policy: PolicyInput, tokens: Readonly<Record<string, string>>, name: string): unknown {
  let json = typeof policy === 'string' ? policy : JSON.stringify(policy);
  for (const [token, value] of Object.entries(tokens)) json = json.split(token).join(value);
  // IAM policy variables carry a colon (`${aws:username}`) or are `${*}`, `${?}`, `${$}`; Terraform tokens do not.
  const unresolved = json.match(/\$\{[^}:*?$]+\}/g);
  if (unresolved !== null) {
    throw new Error(
      `simulate: policy ${name} still holds Terraform tokens ${JSON.stringify(
        unresolved,
      )}; pass their values in tokens`,
    );
  }
  return JSON.parse(json);
}

/**
 * The keys AWS sets on every request signed by an IAM principal. `sts:AssumeRoleWithSAML` and
 * `sts:AssumeRoleWithWebIdentity` are unsigned: the request names the identity provider but carries
 * no principal keys (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount).
 */
function principalContext(principal: string): RequestContext {
  const account = accountOf(principal);
  const federated = /:(saml|oidc)-provider\//.test(principal);
  return principal.startsWith('arn:') && account !== undefined && !federated
    ? { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': account }
    : {};
}

function accountOf(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account === undefined || account === '' ? undefined : account;
}

function requireAccountOf(principal: string): string {
  const account = accountOf(principal);
  if (account === undefined)
    throw new Error(`simulate: cannot read an account from principal ${JSON.stringify(principal)}`);
  return account;
}
