import { parseArgs } from 'node:util';
import { CliError, EXIT_CODES } from './exit-codes';

/** The presigned session length the API accepts (`SessionExpirationDurationInSeconds`). */
export const SESSION_SECONDS = { min: 1800, max: 43200 } as const;

/** Seconds to wait for a connection, and again for an answer, when `--timeout` is not given. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

interface CommonArgs {
  readonly env: string;
  readonly region: string;
  /** @default - the standard credential chain (AWS_PROFILE, environment keys, SSO, ...) */
  readonly profile?: string;
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
}

export type CliArgs = ListArgs | OpenArgs | { readonly command: 'help' };

const OPEN_ONLY = ['name', 'session-seconds', 'browser'] as const;

export const HELP = `Usage:
  npm run notebook -- list --env <env> --region <region> [options]
  npm run notebook -- open --env <env> --region <region> --name <notebook> [options]

Lists the SageMaker notebook instances of an environment and region, or prints a presigned URL
that opens one. The calls go through the environment's SageMaker API PrivateLink endpoint, so run
this inside the VPC or on-premises over the VPN / Direct Connect.

Options:
  --env <env>               environment of the config (PRIVATELINK_CONFIG, default config/environments.yaml)
  --region <region>         one of the environment's regions
  --name <notebook>         open: the notebook instance (one of the sagemaker stack's notebook_names)
  --session-seconds <n>     open: session length, ${SESSION_SECONDS.min}-${SESSION_SECONDS.max} (default: the API's ${SESSION_SECONDS.max})
  --browser                 open: also open the URL in the default browser (never done otherwise)
  --profile <name>          AWS profile (default: the standard credential chain)
  --public-dns              call the public name api.sagemaker.<region>.amazonaws.com, which the endpoint's
                            private DNS resolves to the endpoint inside the VPC (default: the endpoint's own name)
  --timeout <seconds>       give up when connecting, or waiting for an answer, takes longer (default: ${DEFAULT_TIMEOUT_SECONDS})
  -h, --help                show this help

The endpoint's name comes from the outputs of network-<env>-<region>, the notebook names from
sagemaker-<env>-<region>: read from the stacks synthesized in cdktf.out (CDKTF_OUTDIR), either from
the local state file each names or from its Terraform Cloud workspace (token from
TF_TOKEN_app_terraform_io or \`terraform login\`).
Credentials and profiles are the AWS SDK's standard ones. AWS_CA_BUNDLE names a PEM file of the
certificate authorities to trust instead of the default ones, as the AWS CLI reads it.
The presigned URL is a credential for 5 minutes: do not paste it anywhere shared.

Exit codes:
${Object.values(EXIT_CODES)
  .map(({ code, meaning }) => `  ${code}  ${meaning}`)
  .join('\n')}
`;

function usage(message: string): CliError {
  return new CliError('usage', `${message}\nRun \`npm run notebook -- --help\` for usage.`);
}

/** Parses and validates the arguments; every problem is a usage error raised before any call is made. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        env: { type: 'string' },
        region: { type: 'string' },
        name: { type: 'string' },
        profile: { type: 'string' },
        'public-dns': { type: 'boolean', default: false },
        browser: { type: 'boolean', default: false },
        'session-seconds': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [command, ...extra] = positionals;
  if (command !== 'list' && command !== 'open') {
    throw usage(command === undefined ? 'missing command: list or open' : `unknown command "${command}": use list or open`);
  }
  if (extra.length > 0) throw usage(`unexpected argument "${extra[0]}"`);
  if (!values.env) throw usage('missing --env <env>');
  if (!values.region) throw usage('missing --region <region>');

  const common: CommonArgs = {
    env: values.env,
    region: values.region,
    ...(values.profile ? { profile: values.profile } : {}),
    publicDns: values['public-dns'],
    timeoutSeconds: values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : parseTimeout(values.timeout),
  };
  if (command === 'list') {
    const misplaced = OPEN_ONLY.filter((option) => values[option] !== undefined && values[option] !== false);
    if (misplaced.length > 0) throw usage(`--${misplaced[0]} is an option of open, not list`);
    return { command, ...common };
  }
  if (!values.name) throw usage('missing --name <notebook>');
  const sessionSeconds = values['session-seconds'];
  return {
    command,
    ...common,
    name: values.name,
    ...(sessionSeconds === undefined ? {} : { sessionSeconds: parseSessionSeconds(sessionSeconds) }),
    browser: values.browser,
  };
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
