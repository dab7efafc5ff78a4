import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './exit-codes';

/** The `terraform.cloud` block of a synthesized stack. */
export interface TerraformCloudWorkspace {
  /** @default 'app.terraform.io' */
  readonly hostname?: string;
  readonly organization: string;
  readonly workspace: string;
}

export interface TerraformCloudOptions {
  /** The stack the workspace holds, for messages. */
  readonly stack: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /**
   * Where the API is served; tests point it at a loopback server.
   * @default - https://<hostname>
   */
  readonly baseUrl?: string;
  /**
   * Certificate authorities to trust for the API.
   * @default - Node's default trust store
   */
  readonly ca?: string;
}

export const TERRAFORM_CLOUD_HOSTNAME = 'app.terraform.io';

/** The environment variable Terraform reads a host's token from: dots become `_`, dashes `__`. */
export function tokenVariable(hostname: string): string {
  return `TF_TOKEN_${hostname.replace(/-/g, '__').replace(/\./g, '_')}`;
}

/** The API token for a host, where Terraform looks: `TF_TOKEN_<host>`, then what `terraform login` stored. */
export function terraformCloudToken(hostname: string, env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env[tokenVariable(hostname)]?.trim();
  if (fromEnv) return fromEnv;
  try {
    const home = env['HOME'] || homedir();
    const file = JSON.parse(readFileSync(join(home, '.terraform.d', 'credentials.tfrc.json'), 'utf8'));
    const token: unknown = file?.credentials?.[hostname]?.token;
    return typeof token === 'string' && token ? token : undefined;
  } catch {
    return undefined;
  }
}

interface JsonApiResponse {
  readonly status: number;
  readonly body: {
    data?: unknown;
    links?: { next?: string | null };
  };
}

/**
 * The outputs of a workspace's current state version, as `terraform output` shows them: the
 * workspace is looked up by name, then its current-state-version-outputs are read page by page.
 */
export async function readWorkspaceOutputs(
  workspace: TerraformCloudWorkspace,
  options: TerraformCloudOptions,
): Promise<Record<string, unknown>> {
  const hostname = workspace.hostname ?? TERRAFORM_CLOUD_HOSTNAME;
  const token = terraformCloudToken(hostname, options.env);
  if (!token) {
    throw new CliError(
      'outputsMissing',
      `no Terraform Cloud token for ${hostname} to read the outputs of ${options.stack}: set ${tokenVariable(hostname)} or run \`terraform login ${hostname}\``,
    );
  }
  const base = new URL(options.baseUrl ?? `https://${hostname}`);
  const name = `${workspace.organization}/${workspace.workspace}`;
  const get = (url: URL) => getJson(url, token, options, hostname);

  const found = await get(
    new URL(
      `/api/v2/organizations/${encodeURIComponent(workspace.organization)}/workspaces/${encodeURIComponent(workspace.workspace)}`,
      base,
    ),
  );
  if (found.status === 404) {
    throw new CliError(
      'outputsMissing',
      `${options.stack} is not deployed: ${hostname} has no workspace ${name}, or the token cannot see it. Deploy it with \`npx cdktf deploy ${options.stack}\``,
    );
  }
  expectOk(found, hostname, `workspace ${name}`);
  const workspaceId = (found.body.data as { id?: unknown } | undefined)?.id;
  if (typeof workspaceId !== 'string') throw new CliError('outputsMissing', `${hostname} answered workspace ${name} without an id`);

  const outputs: Record<string, unknown> = {};
  let page: URL | undefined = new URL(`/api/v2/workspaces/${encodeURIComponent(workspaceId)}/current-state-version-outputs`, base);
  while (page) {
    const answer = await get(page);
    if (answer.status === 404) {
      throw new CliError(
        'outputsMissing',
        `${options.stack} is not deployed: workspace ${name} has no state yet. Deploy it with \`npx cdktf deploy ${options.stack}\``,
      );
    }
    expectOk(answer, hostname, `the outputs of workspace ${name}`);
    for (const item of (answer.body.data as { attributes?: { name?: unknown; value?: unknown } }[] | undefined) ?? []) {
      if (typeof item.attributes?.name === 'string') outputs[item.attributes.name] = item.attributes.value;
    }
    page = nextPage(answer.body.links?.next, page, hostname);
  }
  return outputs;
}

/** The next page, only on the same origin: the token is never sent anywhere else. */
function nextPage(next: string | null | undefined, current: URL, hostname: string): URL | undefined {
  if (!next) return undefined;
  const url = new URL(next, current);
  if (url.origin !== current.origin) {
    throw new CliError('outputsMissing', `${hostname} pointed the next page of outputs at another host (${url.origin}); not following it`);
  }
  return url;
}

function expectOk(answer: JsonApiResponse, hostname: string, what: string): void {
  if (answer.status === 401) {
    throw new CliError(
      'outputsMissing',
      `${hostname} refused the token (401) when reading ${what}: renew it with \`terraform login ${hostname}\` or ${tokenVariable(hostname)}`,
    );
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new CliError('outputsMissing', `${hostname} answered ${answer.status} when reading ${what}`);
  }
}

function getJson(url: URL, token: string, options: TerraformCloudOptions, hostname: string): Promise<JsonApiResponse> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) =>
      reject(new CliError('outputsMissing', `cannot read the outputs of ${options.stack} from ${hostname}: ${reason}`));
    const req = request(
      url,
      {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.api+json' },
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} });
          } catch {
            fail(`answer ${res.statusCode} to GET ${url.pathname} is not JSON`);
          }
        });
      },
    );
    req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)));
    req.on('error', (error) => fail(error.message));
    req.end();
  });
}
