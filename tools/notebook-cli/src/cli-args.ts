import { parseCommandLine, usageHint, UsageError, type CommandLineSpec } from '@privatelink/cli';
import { CliError, EXIT_CODES } from './exit-codes';

/** The presigned session length the API accepts (`SessionExpirationDurationInSeconds`). */
export const SESSION_SECONDS = { min: 1800, max: 43200 } as const;

/** Seconds to wait for a connection, and again for an answer, when `--timeout` is not given. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** How long open, start and stop wait for the notebook by default: starting one takes minutes. */
export const DEFAULT_WAIT_SECONDS = 900;
const MAX_WAIT_SECONDS = 3600;

interface CommonArgs {
  readonly env: string;
  readonly region: string;
  /** @default - the standard credential chain (AWS_PROFILE, environment keys, SSO, ...) */
  readonly profile?: string;
  /** @default - AWS_ENDPOINT_URL_SAGEMAKER, AWS_ENDPOINT_URL, the shared config file, then the API endpoint's own name */
  readonly endpointUrl?: string;
  /** Call the public service name (resolved by the endpoint's private DNS) instead of the endpoint's own name. */
  readonly publicDns: boolean;
  readonly timeoutSeconds: number;
}

export interface ListArgs extends CommonArgs {
  readonly command: 'list';
}

export interface OpenArgs extends CommonArgs {
  readonly command: 'open';
  readonly name: string;
  /** @default - not sent: the API's default of 43200 s applies */
  readonly sessionSeconds?: number;
  /** Open the URL in the default browser; never done unless asked. */
  readonly browser: boolean;
  /** Start a stopped notebook without asking. */
  readonly start: boolean;
  readonly waitSeconds: number;
}

export interface StateArgs extends CommonArgs {
  readonly command: 'start' | 'stop';
  readonly name: string;
  /** 0: ask for the change and return without waiting. */
  readonly waitSeconds: number;
}

export interface DoctorArgs extends CommonArgs {
  readonly command: 'doctor';
  /** @default - every notebook of the environment is listed, none is described */
  readonly name?: string;
  readonly json: boolean;
}

export type CliArgs = ListArgs | OpenArgs | StateArgs | DoctorArgs | { readonly command: 'help'; readonly text: string };

const WITH_NAME = ['doctor', 'open', 'start', 'stop'];
const TARGET = ['env', 'region'];

export const COMMAND_LINE = {
  invocation: 'npm run notebook',
  usage: [
    'npm run notebook -- doctor --env <env> --region <region> [--name <notebook>] [--json] [options]',
    'npm run notebook -- list   --env <env> --region <region> [options]',
    'npm run notebook -- open   --env <env> --region <region> --name <notebook> [--start] [--browser] [options]',
    'npm run notebook -- start|stop --env <env> --region <region> --name <notebook> [--wait-seconds <n>] [options]',
  ],
  summary: [
    "Opens the environment's SageMaker notebooks through its PrivateLink endpoints: run it inside the",
    'VPC, or on-premises over the VPN / Direct Connect. When something does not work, start with doctor.',
  ].join('\n'),
  options: {
    env: { type: 'string', value: '<env>', description: 'environment of the config (PRIVATELINK_CONFIG, default config/environments.yaml)' },
    region: { type: 'string', value: '<region>', description: "one of the environment's regions" },
    name: { type: 'string', value: '<notebook>', description: 'a notebook of the environment (sagemaker.notebooks in the config)', commands: WITH_NAME },
    json: { type: 'boolean', description: 'print the checks as one JSON document', commands: ['doctor'] },
    'session-seconds': {
      type: 'string',
      value: '<n>',
      description: `session length, ${SESSION_SECONDS.min}-${SESSION_SECONDS.max} (default: the API's ${SESSION_SECONDS.max})`,
      commands: ['open'],
    },
    browser: { type: 'boolean', description: 'also open the URL in the default browser (never done otherwise)', commands: ['open'] },
    start: { type: 'boolean', description: 'start the notebook if it is stopped, without asking', commands: ['open'] },
    'wait-seconds': {
      type: 'string',
      value: '<n>',
      description: `wait at most this long for InService (open, start) or Stopped (stop); 0: do not wait (default: ${DEFAULT_WAIT_SECONDS})`,
      commands: ['open', 'start', 'stop'],
    },
    profile: { type: 'string', value: '<name>', description: 'AWS profile (default: the standard credential chain)' },
    'endpoint-url': {
      type: 'string',
      value: '<url>',
      description: 'call the SageMaker API here (a proxy, your own DNS name); wins over AWS_ENDPOINT_URL_SAGEMAKER',
    },
    'public-dns': {
      type: 'boolean',
      description: "call api.sagemaker.<region>.amazonaws.com, which the endpoint's private DNS resolves inside the VPC",
    },
    timeout: {
      type: 'string',
      value: '<seconds>',
      description: `give up when connecting, or waiting for an answer, takes longer (default: ${DEFAULT_TIMEOUT_SECONDS})`,
    },
  },
  commands: {
    doctor: { description: 'check every step of the way in, in order, and say what to fix', required: TARGET },
    list: { description: 'list the notebook instances and their status', required: TARGET },
    open: { description: 'print a presigned URL (starts a stopped notebook when asked)', required: [...TARGET, 'name'] },
    start: { description: 'start a notebook and wait until it is InService', required: [...TARGET, 'name'] },
    stop: { description: 'stop a notebook and wait until it is Stopped', required: [...TARGET, 'name'] },
  },
  epilog: [
    "The endpoints' names come from the outputs of network-<env>-<region>, the notebook names from the",
    'config: read from the stacks synthesized in cdktf.out (CDKTF_OUTDIR), from the local state file each',
    'names or from its Terraform Cloud workspace (token from TF_TOKEN_app_terraform_io or `terraform login`).',
    "Credentials and profiles are the AWS SDK's standard ones. AWS_CA_BUNDLE names a PEM file of the",
    'certificate authorities to trust instead of the default ones, as the AWS CLI reads it.',
    'The SageMaker API is called at --endpoint-url, else AWS_ENDPOINT_URL_SAGEMAKER, else AWS_ENDPOINT_URL,',
    "else the shared config file's endpoint_url, else the API endpoint's own name; STS (doctor) at",
    'AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the shared config file, else sts.<region>.amazonaws.com.',
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores all but --endpoint-url.',
    'The presigned URL is a credential for 5 minutes: do not paste it anywhere shared.',
    '',
    'Exit codes:',
    ...Object.values(EXIT_CODES).map(({ code, meaning }) => `  ${code}  ${meaning}`),
  ].join('\n'),
} as const satisfies CommandLineSpec;

function usage(message: string): CliError {
  return new CliError('usage', `${message}\n${usageHint(COMMAND_LINE)}`);
}

/** Parses and validates the arguments; every problem is a usage error raised before any call is made. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseCommandLine(COMMAND_LINE, argv);
  } catch (error) {
    if (error instanceof UsageError) throw new CliError('usage', error.message);
    throw error;
  }
  if (parsed.help) return { command: 'help', text: parsed.text };
  const { command, options } = parsed;
  // --env and --region are required by every command, --name by open, start and stop: the parser checked.
  const env = options.env as string;
  const region = options.region as string;
  if (options['endpoint-url'] !== undefined && options['public-dns']) {
    throw usage('--endpoint-url and --public-dns name two different hosts to call: give one');
  }
  const common: CommonArgs = {
    env,
    region,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options['endpoint-url'] !== undefined ? { endpointUrl: parseEndpointUrl(options['endpoint-url']) } : {}),
    publicDns: options['public-dns'],
    timeoutSeconds: options.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : parseTimeout(options.timeout),
  };
  const waitSeconds = options['wait-seconds'] === undefined ? DEFAULT_WAIT_SECONDS : parseWaitSeconds(options['wait-seconds']);
  switch (command) {
    case 'list':
      return { command, ...common };
    case 'doctor':
      return { command, ...common, ...(options.name !== undefined ? { name: options.name } : {}), json: options.json };
    case 'start':
    case 'stop':
      return { command, ...common, name: options.name as string, waitSeconds };
    case 'open': {
      const sessionSeconds = options['session-seconds'];
      return {
        command,
        ...common,
        name: options.name as string,
        ...(sessionSeconds === undefined ? {} : { sessionSeconds: parseSessionSeconds(sessionSeconds) }),
        browser: options.browser,
        start: options.start,
        waitSeconds,
      };
    }
  }
}

function parseSessionSeconds(text: string): number {
  const seconds = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= SESSION_SECONDS.min && seconds <= SESSION_SECONDS.max)) {
    throw usage(
      `--session-seconds must be a whole number of seconds from ${SESSION_SECONDS.min} to ${SESSION_SECONDS.max} (got "${text}")`,
    );
  }
  return seconds;
}

function parseTimeout(text: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(seconds > 0 && seconds <= 600)) throw usage(`--timeout must be a number of seconds above 0, at most 600 (got "${text}")`);
  return seconds;
}

function parseWaitSeconds(text: string): number {
  const seconds = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(seconds <= MAX_WAIT_SECONDS)) {
    throw usage(`--wait-seconds must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS} (got "${text}")`);
  }
  return seconds;
}

/** An endpoint URL as the AWS CLI takes it: a scheme and a host, optionally a port and a path. */
export function parseEndpointUrl(text: string, from = '--endpoint-url'): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw usage(`${from} must be a URL such as https://vpce-0abc-1234.api.sagemaker.us-west-2.vpce.amazonaws.com (got "${text}")`);
  }
  return text;
}
