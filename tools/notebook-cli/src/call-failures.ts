import { stackId, type DeploymentTarget } from '@privatelink/config';
import { CliError } from './exit-codes';
import type { StackOutputs } from './stack-outputs';

/** What a failed SageMaker call was, for a message that says what to check. */
export interface CallContext {
  readonly operation: string;
  /** The host called: the endpoint's name, or the public one with `--public-dns`. */
  readonly host: string;
  readonly publicDns: boolean;
  readonly target: DeploymentTarget;
  readonly timeoutSeconds: number;
  /** Outputs of the network stack: the endpoint id and the resolver addresses go into the hints. */
  readonly network: StackOutputs;
  readonly profile?: string;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const CONNECTION_CODES = new Set(['ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/;
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied']);

interface SdkError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Turns an error of a SageMaker call into the failure the user can act on. */
export function callFailure(error: unknown, context: CallContext): CliError {
  const { name = 'Error', code = '', message = String(error), $metadata } = (error ?? {}) as SdkError;
  if (DNS_CODES.has(code)) return new CliError('unreachable', dnsMessage(code, context));
  if (name === 'TimeoutError' || CONNECTION_CODES.has(code)) return new CliError('unreachable', connectionMessage(name, code, context));
  if (TLS_CODE.test(code)) return new CliError('unreachable', tlsMessage(code, message, context));
  if (ACCESS_DENIED.has(name) || $metadata?.httpStatusCode === 403) {
    return new CliError('accessDenied', accessDeniedMessage(name, message, context));
  }
  if (name === 'CredentialsProviderError') {
    return new CliError(
      'failed',
      `no AWS credentials from ${credentialSource(context)} for ${context.operation} (${message})\nSet AWS_PROFILE or --profile, sign in with \`aws sso login --profile <name>\`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`,
    );
  }
  return new CliError('failed', `${context.operation} through ${context.host} failed: ${name}: ${message}`);
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

function dnsMessage(code: string, context: CallContext): string {
  const { target, network } = context;
  const resolver = network['resolver_inbound_ip_addresses'];
  const forwarding = Array.isArray(resolver)
    ? `on-premises DNS forwards amazonaws.com and sagemaker.aws queries for ${target.region.region} (and ${target.environment.privateZone}) to the Route 53 Resolver inbound endpoint: ${resolver.join(', ')}`
    : `${target.environment.name} has no Route 53 Resolver inbound endpoint: from on-premises, enable dns.resolverInboundEndpoint in the config, or forward the endpoint's name to the VPC resolver yourself`;
  return [
    `cannot resolve ${context.host} (${code}): no DNS answer for the SageMaker API endpoint of ${where(context)}.`,
    checks([
      reachability(context),
      forwarding,
      context.publicDns &&
        `--public-dns needs the endpoint's private DNS to answer for ${context.host}; without it the endpoint's own name is called`,
    ]),
  ].join('\n');
}

function connectionMessage(name: string, code: string, context: CallContext): string {
  const { target } = context;
  const what =
    name === 'TimeoutError' || code === 'ETIMEDOUT'
      ? `no answer from ${context.host} within ${context.timeoutSeconds} s`
      : `cannot connect to ${context.host}`;
  return [
    `${what} (${code || name}): the SageMaker API endpoint of ${where(context)} is not reachable from here.`,
    checks([
      reachability(context),
      `on-premises routes ${target.region.vpcCidr} through the VPN or Direct Connect, and the VPN tunnels are UP`,
      `the endpoint security group lets you in on HTTPS (443): it allows ${[target.region.vpcCidr, ...target.environment.onPremCidrs].join(', ')}`,
      context.publicDns && `with --public-dns, ${context.host} resolves to the endpoint's private addresses, not public ones`,
      `on a slow link, raise --timeout (now ${context.timeoutSeconds} s)`,
    ]),
  ].join('\n');
}

function tlsMessage(code: string, message: string, context: CallContext): string {
  return [
    `the certificate of ${context.host} is not trusted (${code}: ${message}).`,
    checks([
      'behind a TLS-inspecting proxy, set AWS_CA_BUNDLE to a PEM file holding its certificate authority',
      `${context.host} is the api_endpoint_dns_name output of ${stackId('network', context.target.environment.name, context.target.region.region)}`,
    ]),
  ].join('\n');
}

function accessDeniedMessage(name: string, message: string, context: CallContext): string {
  const { target, network } = context;
  const sagemaker = stackId('sagemaker', target.environment.name, target.region.region);
  const endpointId = typeof network['api_endpoint_id'] === 'string' ? network['api_endpoint_id'] : 'the SageMaker API endpoint';
  const mode = target.environment.sagemaker.access.mode;
  const condition = mode === 'sourceVpc' ? `aws:SourceVpc ${String(network['vpc_id'] ?? 'of the VPC')}` : `aws:SourceVpce ${endpointId}`;
  return [
    `AWS denied ${context.operation} (${name}): ${message}`,
    `The notebook access policy of ${where(context)} allows it only through the environment's endpoints (${condition}).`,
    checks([
      context.publicDns
        ? `--public-dns reached ${context.host} directly, not through the endpoint: where you are, that name must resolve to the endpoint's private addresses`
        : `the call went through ${endpointId}: ${context.host} must be the endpoint's name (api_endpoint_dns_name), not a public one`,
      `the credentials (${credentialSource(context)}) are the notebook user role or a member of the notebook users group (outputs notebook_user_role_arn, notebook_users_group_name of ${sagemaker})`,
      target.environment.sagemaker.scp?.enabled === true &&
        'the organization SCP denies SageMaker calls that do not come through the endpoints, whatever IAM allows',
    ]),
  ].join('\n');
}
