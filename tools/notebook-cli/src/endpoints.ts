import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { STSClient } from '@aws-sdk/client-sts';
import { parseEndpointUrl } from './cli-args';
import { CliError } from './exit-codes';

/** Where a call goes, and why there: every message names the host actually called. */
export interface Endpoint {
  /** What the SDK is given, e.g. `https://vpce-0abc-1234.api.sagemaker.us-west-2.vpce.amazonaws.com`. */
  readonly url: string;
  /** `hostname[:port]`, as messages name it. */
  readonly host: string;
  readonly hostname: string;
  readonly port: number;
  /** Where the URL came from: `--endpoint-url`, `AWS_ENDPOINT_URL_SAGEMAKER`, a stack output... */
  readonly source: string;
  /** The user chose it (a flag, a variable, the shared config file) rather than this tool's default. */
  readonly configured: boolean;
}

export function endpointAt(url: string, source: string, configured: boolean): Endpoint {
  const parsed = new URL(url);
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'http:' ? 80 : 443;
  return { url, host: parsed.host, hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port, source, configured };
}

/** A client of one service, as far as the endpoint configuration of the SDK goes. */
interface EndpointConfigured {
  readonly config: { readonly serviceId?: string; readonly serviceConfiguredEndpoint?: () => Promise<string | undefined> };
  destroy(): void;
}

/** `AWS_ENDPOINT_URL_<SERVICE>`: the service id upper-cased, spaces as underscores (`SageMaker` -> `SAGEMAKER`). */
export function serviceVariable(serviceId: string): string {
  return `AWS_ENDPOINT_URL_${serviceId.split(' ').map((word) => word.toUpperCase()).join('_')}`;
}

/**
 * The endpoint a service is called at, in the precedence of the AWS SDKs and Tools reference guide
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): an explicit
 * endpoint (the command line) first; then `AWS_ENDPOINT_URL_<SERVICE>`, which overrides
 * `AWS_ENDPOINT_URL`; then the shared config file's `services` section, which overrides the
 * profile's `endpoint_url`; `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls`
 * drop all but the explicit one. The middle steps are read by the SDK's own loader (the
 * `serviceConfiguredEndpoint` of a client made without an endpoint), so the rule is the SDK's, not
 * a copy of it. Only when none is set does this tool's default apply: the endpoint's own name.
 */
async function resolveEndpoint(
  client: EndpointConfigured,
  explicit: { readonly url: string; readonly source: string } | undefined,
  fallback: () => { readonly url: string; readonly source: string },
  env: NodeJS.ProcessEnv,
): Promise<Endpoint> {
  if (explicit) {
    client.destroy();
    return endpointAt(explicit.url, explicit.source, true);
  }
  let configured: string | undefined;
  try {
    configured = await client.config.serviceConfiguredEndpoint?.();
  } catch (error) {
    throw new CliError('failed', `cannot read the configured endpoint of ${client.config.serviceId ?? 'the service'}: ${(error as Error).message}`);
  } finally {
    client.destroy();
  }
  if (!configured) {
    const { url, source } = fallback();
    return endpointAt(url, source, false);
  }
  const specific = serviceVariable(client.config.serviceId ?? '');
  const source =
    env[specific] === configured
      ? specific
      : env['AWS_ENDPOINT_URL'] === configured
        ? 'AWS_ENDPOINT_URL'
        : 'endpoint_url in the shared AWS config file';
  return endpointAt(parseEndpointUrl(configured, source), source, true);
}

export interface SagemakerEndpointInput {
  readonly region: string;
  /** `--endpoint-url`. */
  readonly endpointUrl?: string;
  /** `--public-dns`: the public service name, which the endpoint's private DNS answers inside the VPC. */
  readonly publicDns: boolean;
  /** The API endpoint's DNS name (network stack output), read only when no other endpoint is chosen. */
  readonly apiEndpointDnsName: () => string;
  readonly apiEndpointSource: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Where SageMaker API calls go: --endpoint-url / --public-dns, the configured endpoints, else the API endpoint's own name. */
export async function sagemakerEndpoint(input: SagemakerEndpointInput): Promise<Endpoint> {
  const client = new SageMakerClient({ region: input.region });
  const publicName = client.config.endpointProvider({ Region: input.region }).url.href.replace(/\/$/, '');
  const explicit = input.endpointUrl
    ? { url: input.endpointUrl, source: '--endpoint-url' }
    : input.publicDns
      ? { url: publicName, source: '--public-dns' }
      : undefined;
  return resolveEndpoint(
    client,
    explicit,
    () => ({ url: `https://${input.apiEndpointDnsName()}`, source: input.apiEndpointSource }),
    input.env ?? process.env,
  );
}

/**
 * Where STS calls go: the configured endpoints, else the regional name `sts.<region>.amazonaws.com`,
 * which the STS interface endpoint's private DNS answers inside the VPC.
 */
export async function stsEndpoint(region: string, env: NodeJS.ProcessEnv = process.env): Promise<Endpoint> {
  const client = new STSClient({ region });
  const regional = client.config.endpointProvider({ Region: region, UseGlobalEndpoint: false }).url.href.replace(/\/$/, '');
  return resolveEndpoint(client, undefined, () => ({ url: regional, source: "the regional STS name (the STS endpoint's private DNS)" }), env);
}
