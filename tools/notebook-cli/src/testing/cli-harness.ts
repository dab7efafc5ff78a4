import { spawn } from 'node:child_process';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { join, resolve } from 'node:path';
import { NETWORK_HANDOFF_OUTPUTS } from '@privatelink/handoff';
import { run, type CliDeps } from '../notebook-cli';
import type { SynthesizedWorkspace } from './synthesized-workspace';

export const ROOT = resolve(__dirname, '../../../..');
export const ACCESS_KEY_ID = 'AKIDLOOPBACKTEST0001';
export const SECRET_ACCESS_KEY = 'loopback/secret+key0000000000000000000001';
export const NETWORK = 'network-dev-us-west-2';
export const SAGEMAKER = 'sagemaker-dev-us-west-2';

/** The default config with a second notebook in dev, scratch-dev, beside research-dev. */
export function withScratchNotebook(text: string): string {
  const research = '        - name: research-dev\n          instanceType: ml.t3.medium\n          idleStopMinutes: 60\n';
  if (!text.includes(research)) throw new Error('test setup: research-dev is not in the default config as expected');
  return text.replace(research, `${research}        - name: scratch-dev\n          instanceType: ml.t3.large\n`);
}

/** Outputs a deployed network stack has: every handoff output, the API endpoint's name set to `apiHost`. */
export function networkOutputs(apiHost: string, overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const values: Record<string, unknown> = Object.fromEntries(
    Object.values(NETWORK_HANDOFF_OUTPUTS).map((spec) => [spec.output, spec.list ? ['subnet-0aaa', 'subnet-0bbb'] : `fake-${spec.output}`]),
  );
  return {
    ...values,
    [NETWORK_HANDOFF_OUTPUTS.vpcCidr.output]: '10.10.0.0/16',
    [NETWORK_HANDOFF_OUTPUTS.apiEndpointId.output]: 'vpce-0api0000000000001',
    [NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName.output]: apiHost,
    [NETWORK_HANDOFF_OUTPUTS.notebookEndpointDnsName.output]: 'vpce-0nb-abcdefgh.notebook.us-west-2.vpce.amazonaws.com',
    vpn_gateway_id: 'vgw-0123456789abcdef0',
    ...overrides,
  };
}

/**
 * A resolver with fixed answers, as a test's DNS: names map to addresses or to an error code
 * (ENOTFOUND by default); `looked` records every question.
 */
export function fixedLookup(answers: Readonly<Record<string, string | readonly string[]>>, looked: string[] = []): LookupFunction {
  return ((hostname: string, options: { all?: boolean } | number | undefined, callback: (...args: unknown[]) => void) => {
    looked.push(hostname);
    const answer = answers[hostname];
    const addresses = typeof answer === 'string' && !/^E[A-Z_]+$/.test(answer) ? [answer] : Array.isArray(answer) ? answer : undefined;
    if (!addresses) {
      const code = typeof answer === 'string' ? answer : 'ENOTFOUND';
      callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname }), undefined, undefined);
      return;
    }
    const entries: LookupAddress[] = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (typeof options === 'object' && options?.all) callback(null, entries);
    else callback(null, entries[0].address, entries[0].family);
  }) as unknown as LookupFunction;
}

/** Clears every AWS_ and TF_TOKEN_ variable, then sets static keys the SDK's chain finds first, the CA and the workspace. */
export function testEnvironment(workspace: SynthesizedWorkspace, caFile: string): void {
  for (const key of Object.keys(process.env)) if (/^(AWS_|TF_TOKEN_)/.test(key)) delete process.env[key];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    AWS_CONFIG_FILE: join(workspace.root, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(workspace.root, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_CA_BUNDLE: caFile,
    CDKTF_OUTDIR: workspace.outdir,
    PRIVATELINK_CONFIG: workspace.configFile,
  });
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process, with `deps` in place of its terminal, browser, clock and resolver. */
export async function cliWith(deps: CliDeps, ...argv: string[]): Promise<CliRun & { opened: string[] }> {
  let stdout = '';
  let stderr = '';
  const opened: string[] = [];
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    openBrowser: async (url) => {
      opened.push(url);
      return undefined;
    },
    interactive: false,
    ...deps,
  });
  return { code, stdout, stderr, opened };
}

/**
 * Runs the CLI as `npm run notebook` does, in its own process, without a terminal. Needed where
 * Node itself raises the error (DNS, TCP, TLS) inside an SDK call: inside Jest's sandbox such
 * errors come from another realm, fail the SDK's `instanceof Error` and reach the CLI stripped of
 * their code, which never happens in a real run.
 */
export function cliProcess(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/notebook-cli/src/main.ts', ...argv], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
