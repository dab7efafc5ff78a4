import { readFileSync } from 'node:fs';
import type { CloudWorkspace } from './deploy-order';

/**
 * What `terraform plan -out=<file>` writes in a workspace with a `cloud` block (Terraform >= 1.6):
 * not a plan but a bookmark of the saved-plan run in HCP Terraform, which `terraform apply <file>`
 * confirms. Format: `{"remote_plan_format":1,"run_id":"run-...","hostname":"app.terraform.io"}`
 * (hashicorp/terraform internal/cloud/cloudplan/saved_plan.go).
 */
export interface SavedCloudPlan {
  readonly runId: string;
  readonly hostname: string;
}

/** Counts of a plan, as Terraform's `Plan: X to add, Y to change, Z to destroy.` line gives them. */
export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Anything to apply at all: resources, or outputs only. */
  readonly hasChanges: boolean;
}

/** Reading a run from HCP Terraform failed; the message says what to check. */
export class TerraformCloudError extends Error {}

/** The saved-plan bookmark in `file`, or undefined when the file is a local plan (a zip archive). */
export function readSavedCloudPlan(file: string): SavedCloudPlan | undefined {
  const bytes = readFileSync(file);
  if (bytes[0] !== 0x7b /* "{" */) return undefined;
  const json = JSON.parse(bytes.toString('utf8')) as { remote_plan_format?: unknown; run_id?: unknown; hostname?: unknown };
  if (json.remote_plan_format !== 1 || typeof json.run_id !== 'string' || !json.run_id.startsWith('run-') || typeof json.hostname !== 'string') {
    throw new TerraformCloudError(`${file} is neither a Terraform plan nor a saved cloud plan (remote_plan_format 1 with a run-... id and a hostname)`);
  }
  return { runId: json.run_id, hostname: json.hostname };
}

/** The environment variable Terraform reads a host's API token from: dots become `_`, dashes `__`. */
export function tokenVariable(hostname: string): string {
  return `TF_TOKEN_${hostname.replace(/-/g, '__').replace(/\./g, '_')}`;
}

/** The run's page in the HCP Terraform UI. */
export function runUrl(workspace: CloudWorkspace, runId: string): string {
  const path = ['app', workspace.organization, 'workspaces', workspace.workspace, 'runs', runId].map(encodeURIComponent).join('/');
  return `https://${workspace.hostname}/${path}`;
}

export interface FetchRunOptions {
  /** The stack, for messages. */
  readonly stack: string;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Where the API is served; tests point it at a loopback server.
   * @default - https://<hostname of the saved plan>
   */
  readonly baseUrl?: string;
  /** @default 30000 */
  readonly timeoutMs?: number;
}

interface JsonApiResource {
  type?: string;
  id?: string;
  attributes?: Record<string, unknown>;
  relationships?: { plan?: { data?: { id?: string } } };
}

/**
 * The counts of a saved-plan run's plan: `GET /api/v2/runs/<id>?include=plan` (the plan's
 * `resource-additions`, `resource-changes`, `resource-destructions` and `has-changes`), with the
 * token Terraform itself uses for the host.
 */
export async function fetchRunCounts(plan: SavedCloudPlan, options: FetchRunOptions): Promise<PlanCounts> {
  const variable = tokenVariable(plan.hostname);
  const token = options.env[variable]?.trim();
  if (!token) {
    throw new TerraformCloudError(`no token for ${plan.hostname} to read run ${plan.runId} of ${options.stack}: set ${variable}`);
  }
  const url = new URL(`/api/v2/runs/${encodeURIComponent(plan.runId)}?include=plan`, options.baseUrl ?? `https://${plan.hostname}`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.api+json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : String((error as Error).cause ?? (error as Error).message);
    throw new TerraformCloudError(`cannot read run ${plan.runId} of ${options.stack} from ${plan.hostname}: ${reason}`);
  }
  if (response.status === 401) {
    throw new TerraformCloudError(`${plan.hostname} refused the token in ${variable} (401) when reading run ${plan.runId} of ${options.stack}`);
  }
  if (response.status === 404) {
    throw new TerraformCloudError(`${plan.hostname} has no run ${plan.runId} (of ${options.stack}), or the token in ${variable} cannot read it`);
  }
  if (!response.ok) {
    throw new TerraformCloudError(`${plan.hostname} answered ${response.status} when reading run ${plan.runId} of ${options.stack}`);
  }
  const body = (await response.json()) as { data?: JsonApiResource; included?: JsonApiResource[] };
  const planId = body.data?.relationships?.plan?.data?.id;
  const attributes = body.included?.find((item) => item.type === 'plans' && item.id === planId)?.attributes;
  const count = (name: string): number => {
    const value = attributes?.[name];
    if (typeof value !== 'number') {
      throw new TerraformCloudError(`${plan.hostname} answered run ${plan.runId} of ${options.stack} without the plan's ${name}`);
    }
    return value;
  };
  const add = count('resource-additions');
  const change = count('resource-changes');
  const destroy = count('resource-destructions');
  return { add, change, destroy, hasChanges: attributes?.['has-changes'] === true || add + change + destroy > 0 };
}
