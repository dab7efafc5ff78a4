import type { DeploymentTarget } from '@privatelink/config';
import { NETWORK_HANDOFF_OUTPUTS, NETWORK_OUTPUTS, SAGEMAKER_OUTPUTS } from '@privatelink/handoff/outputs';
import type { Endpoint } from './endpoints';
import { CliError } from './exit-codes';
import type { StackOutputs } from './stack-outputs';

/** What a failed AWS call was, for a message that says what to check. */
export interface CallContext {
  readonly operation: string;
  /** `the SageMaker API endpoint` or `the STS endpoint`. */
  readonly service: string;
  /** Where the call went, and why there. */
  readonly endpoint: Endpoint;
  readonly target: DeploymentTarget;
  readonly timeoutSeconds: number;
  /** Outputs of the network stack: the endpoint id and the resolver addresses go into the hints. */
  readonly network: StackOutputs;
  /** The SageMaker stack of the target, as the manifest names it: its outputs name the role and group to use. */
  readonly sagemakerStack: string;
  readonly profile?: string;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const CONNECTION_CODES = new Set(['ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/;
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied']);
const REFUSED_CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException']);

interface SdkError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Turns an error of an AWS call into the failure the user can act on. */
export function callFailure(error: unknown, context: CallContext): CliError {
  const { name = 'Error', code = '', message = String(error), $metadata } = (error ?? {}) as SdkError;
  if (DNS_CODES.has(code)) return new CliError('unreachable', dnsMessage(code, context));
  if (name === 'TimeoutError' || CONNECTION_CODES.has(code)) return new CliError('unreachable', connectionMessage(name, code, context));
  if (TLS_CODE.test(code)) return new CliError('unreachable', tlsMessage(code, message, context));
  if (name === 'CredentialsProviderError') {
    return new CliError(
      'failed',
      `no AWS credentials from ${credentialSource(context)} for ${context.operation} (${message})\nSet AWS_PROFILE or --profile, sign in with \`aws sso login --profile <name>\`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`,
    );
  }
  if (REFUSED_CREDENTIALS.has(name)) {
    return new CliError(
      'failed',
      `${context.endpoint.host} refused the credentials from ${credentialSource(context)} for ${context.operation} (${name}: ${message})\nSign in again (\`aws sso login --profile <name>\`) or renew the keys; expired session tokens are refused the same way.`,
    );
  }
  if (ACCESS_DENIED.has(name) || $metadata?.httpStatusCode === 403) {
    return new CliError('accessDenied', accessDeniedMessage(name, message, context));
  }
  return new CliError('failed', `${context.operation} through ${context.endpoint.host} failed: ${name}: ${message}`);
}

function checks(lines: readonly (string | false)[]): string {
  return ['Check:', ...lines.filter((line): line is string => line !== false).map((line) => `  - ${line}`)].join('\n');
}

function credentialSource({ profile }: CallContext): string {
  return profile ? `profile ${profile}` : 'the default credential chain';
}

function where({ target }: CallContext): string {
  return `${target.environment.name}/${target.region.region}`;
}

function reachability({ target }: CallContext): string {
  const onPrem = target.environment.onPremCidrs.join(', ');
  return `you are inside the VPC (${target.region.vpcCidr}) or on-premises (${onPrem}) with the VPN or Direct Connect up`;
}

/** Where the host came from, when the user chose it: the first thing to look at when it fails. */
function configuredHost({ endpoint }: CallContext): string | false {
  return endpoint.configured && `${endpoint.host} comes from ${endpoint.source}: is that the host you meant to call?`;
}

/** The on-premises DNS forwarding to check, with the resolver's addresses when the stack has them. */
export function forwardingHint(target: DeploymentTarget, network: StackOutputs): string {
  const resolver = network[NETWORK_OUTPUTS.resolverInboundIpAddresses.output];
  return Array.isArray(resolver)
    ? `on-premises DNS forwards amazonaws.com and sagemaker.aws queries for ${target.region.region} (and ${target.environment.privateZone}) to the Route 53 Resolver inbound endpoint: ${resolver.join(', ')}`
    : `${target.environment.name} has no Route 53 Resolver inbound endpoint: from on-premises, enable dns.resolverInboundEndpoint in the config, or forward the endpoint's name to the VPC resolver yourself`;
}

function dnsMessage(code: string, context: CallContext): string {
  const { target, network, endpoint } = context;
  return [
    `cannot resolve ${endpoint.host} (${code}): no DNS answer for ${context.service} of ${where(context)}.`,
    checks([
      configuredHost(context),
      reachability(context),
      forwardingHint(target, network),
      endpoint.source === '--public-dns' &&
        `--public-dns needs the endpoint's private DNS to answer for ${endpoint.hostname}; without it the endpoint's own name is called`,
    ]),
  ].join('\n');
}

function connectionMessage(name: string, code: string, context: CallContext): string {
  const { target, endpoint } = context;
  const what =
    name === 'TimeoutError' || code === 'ETIMEDOUT'
      ? `no answer from ${endpoint.host} within ${context.timeoutSeconds} s`
      : `cannot connect to ${endpoint.host}`;
  return [
    `${what} (${code || name}): ${context.service} of ${where(context)} is not reachable from here.`,
    checks([
      configuredHost(context),
      reachability(context),
      `on-premises routes ${target.region.vpcCidr} through the VPN or Direct Connect, and the VPN tunnels are UP`,
      `the endpoint security group lets you in on HTTPS (443): it allows ${[target.region.vpcCidr, ...target.environment.onPremCidrs].join(', ')}`,
      endpoint.source === '--public-dns' && `with --public-dns, ${endpoint.hostname} resolves to the endpoint's private addresses, not public ones`,
      `on a slow link, raise --timeout (now ${context.timeoutSeconds} s)`,
    ]),
  ].join('\n');
}

function tlsMessage(code: string, message: string, context: CallContext): string {
  const { endpoint } = context;
  return [
    `the certificate of ${endpoint.host} is not trusted (${code}: ${message}).`,
    checks([
      configuredHost(context),
      endpoint.configured &&
        "an interface endpoint's certificate names the service's own names and the endpoint's *.vpce.amazonaws.com names, not a CNAME in your own zone",
      'behind a TLS-inspecting proxy, set AWS_CA_BUNDLE to a PEM file holding its certificate authority',
      !endpoint.configured && `${endpoint.host} is the ${endpoint.source}`,
    ]),
  ].join('\n');
}

function accessDeniedMessage(name: string, message: string, context: CallContext): string {
  const { target, network, endpoint, sagemakerStack: sagemaker } = context;
  const apiEndpointId = network[NETWORK_HANDOFF_OUTPUTS.apiEndpointId.output];
  const endpointId = typeof apiEndpointId === 'string' ? apiEndpointId : 'the SageMaker API endpoint';
  const mode = target.environment.sagemaker.access.mode;
  const condition =
    mode === 'sourceVpc' ? `aws:SourceVpc ${String(network[NETWORK_HANDOFF_OUTPUTS.vpcId.output] ?? 'of the VPC')}` : `aws:SourceVpce ${endpointId}`;
  return [
    `AWS denied ${context.operation} (${name}): ${message}`,
    `The notebook access policy of ${where(context)} allows it only through the environment's endpoints (${condition}).`,
    checks([
      endpoint.source === '--public-dns'
        ? `--public-dns reached ${endpoint.host} directly, not through the endpoint: where you are, that name must resolve to the endpoint's private addresses`
        : endpoint.configured
          ? `the call went to ${endpoint.host} (from ${endpoint.source}): that host must forward to ${endpointId}, not to SageMaker's public endpoint`
          : `the call went through ${endpointId}: ${endpoint.host} must be the endpoint's name (api_endpoint_dns_name), not a public one`,
      `the credentials (${credentialSource(context)}) are the notebook user role or a member of the notebook users group (outputs ${SAGEMAKER_OUTPUTS.notebookUserRoleArn.output}, ${SAGEMAKER_OUTPUTS.notebookUsersGroupName.output} of ${sagemaker})`,
      target.environment.sagemaker.scp?.enabled === true &&
        'the organization SCP denies SageMaker calls that do not come through the endpoints, whatever IAM allows',
    ]),
  ].join('\n');
}
