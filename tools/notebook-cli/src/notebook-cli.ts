import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { resolve } from 'node:path';
import { ConfigError, deploymentTargets, loadConfig, stackId, type DeploymentTarget, type PrivatelinkConfig } from '@privatelink/config';
import { NETWORK_HANDOFF_OUTPUTS } from '@privatelink/handoff';
import type { NotebookInstanceSummary } from '@aws-sdk/client-sagemaker';
import { openInBrowser } from './browser';
import { callFailure, type CallContext } from './call-failures';
import { HELP, parseCliArgs, SESSION_SECONDS, type ListArgs, type OpenArgs } from './cli-args';
import { CliError, EXIT_CODES } from './exit-codes';
import { calledHost, listNotebookInstances, presignedNotebookUrl, sagemakerClient } from './sagemaker-api';
import { readStackOutputs, requireString, requireStringList, type ReadOutputsOptions, type StackOutputs } from './stack-outputs';

/** Output name of the SageMaker stack listing its notebooks. */
export const NOTEBOOK_NAMES_OUTPUT = 'notebook_names';

/** What the CLI talks to besides AWS; the defaults are the real ones, tests swap in their own. */
export interface CliDeps {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** Opens a URL in the browser; resolves to why it could not. */
  readonly openBrowser?: (url: string) => Promise<string | undefined>;
  /** Host name lookup of the SageMaker calls. */
  readonly lookup?: LookupFunction;
  /** Where the Terraform Cloud API is served and which CAs to trust for it. */
  readonly terraformCloud?: ReadOutputsOptions['terraformCloud'];
}

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** `npm run notebook -- <list|open> ...`: returns the exit code. */
export async function run(argv: readonly string[], deps: CliDeps = {}): Promise<number> {
  const io: Io = {
    out: deps.stdout ?? ((text) => process.stdout.write(text)),
    err: deps.stderr ?? ((text) => process.stderr.write(text)),
  };
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      io.out(HELP);
      return EXIT_CODES.ok.code;
    }
    const target = findTarget(loadConfig(), args.env, args.region);
    if (args.command === 'list') await list(args, target, deps, io);
    else await open(args, target, deps, io);
    return EXIT_CODES.ok.code;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return EXIT_CODES.failed.code;
    }
    io.err(`unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_CODES.failed.code;
  }
}

function findTarget(config: PrivatelinkConfig, env: string, region: string): DeploymentTarget {
  const environment = config.environments.find((candidate) => candidate.name === env);
  if (!environment) {
    const known = config.environments.map((candidate) => candidate.name).join(', ');
    throw new CliError('usage', `unknown environment "${env}" in ${config.file}; known environments: ${known}`);
  }
  const target = deploymentTargets(config).find((t) => t.environment.name === env && t.region.region === region);
  if (!target) {
    const known = environment.regions.map((candidate) => candidate.region).join(', ');
    throw new CliError('usage', `environment ${env} has no region "${region}" in ${config.file}; its regions: ${known}`);
  }
  return target;
}

function outputOptions(args: ListArgs | OpenArgs, deps: CliDeps): ReadOutputsOptions {
  return {
    outdir: resolve(process.env['CDKTF_OUTDIR'] || 'cdktf.out'),
    env: process.env,
    timeoutMs: args.timeoutSeconds * 1000,
    ...(deps.terraformCloud ? { terraformCloud: deps.terraformCloud } : {}),
  };
}

/** The CA bundle the AWS CLI would use: `AWS_CA_BUNDLE`, a PEM file. */
function caBundle(): string | undefined {
  const file = process.env['AWS_CA_BUNDLE']?.trim();
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError('failed', `AWS_CA_BUNDLE names ${file}, which cannot be read: ${(error as Error).message}`);
  }
}

/**
 * Runs one SageMaker call through the network stack's API endpoint (or the public name with
 * `--public-dns`) and turns its failure into a message that says what to check.
 */
async function callSagemaker<T>(
  operation: string,
  args: ListArgs | OpenArgs,
  target: DeploymentTarget,
  network: StackOutputs,
  deps: CliDeps,
  call: (client: ReturnType<typeof sagemakerClient>) => Promise<T>,
): Promise<{ result: T; host: string }> {
  const networkStack = stackId('network', target.environment.name, target.region.region);
  const endpoint = args.publicDns
    ? undefined
    : `https://${requireString(network, NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName.output, networkStack)}`;
  const ca = caBundle();
  const client = sagemakerClient({
    region: target.region.region,
    ...(endpoint ? { endpoint } : {}),
    ...(args.profile ? { profile: args.profile } : {}),
    timeoutMs: args.timeoutSeconds * 1000,
    ...(ca ? { ca } : {}),
    ...(deps.lookup ? { lookup: deps.lookup } : {}),
  });
  const host = calledHost(client, target.region.region, endpoint);
  const context: CallContext = {
    operation,
    host,
    publicDns: args.publicDns,
    target,
    timeoutSeconds: args.timeoutSeconds,
    network,
    ...(args.profile ? { profile: args.profile } : {}),
  };
  try {
    return { result: await call(client), host };
  } catch (error) {
    throw callFailure(error, context);
  } finally {
    client.destroy();
  }
}

async function list(args: ListArgs, target: DeploymentTarget, deps: CliDeps, io: Io): Promise<void> {
  const network = await readStackOutputs(stackId('network', target.environment.name, target.region.region), outputOptions(args, deps));
  const { result: instances, host } = await callSagemaker('ListNotebookInstances', args, target, network, deps, listNotebookInstances);
  if (instances.length === 0) {
    io.err(`no notebook instances in ${target.region.region} visible through ${host}\n`);
    return;
  }
  io.out(notebookTable(instances));
}

function notebookTable(instances: readonly NotebookInstanceSummary[]): string {
  const rows = [
    ['NAME', 'STATUS', 'INSTANCE TYPE'],
    ...[...instances]
      .sort((a, b) => (a.NotebookInstanceName ?? '').localeCompare(b.NotebookInstanceName ?? ''))
      .map((instance) => [instance.NotebookInstanceName ?? '', instance.NotebookInstanceStatus ?? '', instance.InstanceType ?? '']),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => `${row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()}\n`).join('');
}

async function open(args: OpenArgs, target: DeploymentTarget, deps: CliDeps, io: Io): Promise<void> {
  const options = outputOptions(args, deps);
  const networkStack = stackId('network', target.environment.name, target.region.region);
  const sagemakerStack = stackId('sagemaker', target.environment.name, target.region.region);
  const network = await readStackOutputs(networkStack, options);
  const names = requireStringList(await readStackOutputs(sagemakerStack, options), NOTEBOOK_NAMES_OUTPUT, sagemakerStack);
  if (!names.includes(args.name)) {
    const known = names.length > 0 ? `known notebooks: ${names.join(', ')}` : 'it has no notebooks';
    throw new CliError('usage', `no notebook "${args.name}" in ${sagemakerStack}; ${known}`);
  }
  const { result: url } = await callSagemaker('CreatePresignedNotebookInstanceUrl', args, target, network, deps, (client) =>
    presignedNotebookUrl(client, args.name, args.sessionSeconds),
  );
  io.out(`${url}\n`);
  const notebookEndpoint = network[NETWORK_HANDOFF_OUTPUTS.notebookEndpointDnsName.output];
  io.err(
    `Presigned URL of ${args.name}: valid for 5 minutes, session ${args.sessionSeconds ?? SESSION_SECONDS.max} s; treat it like a password.\n` +
      `It opens through the notebook endpoint${typeof notebookEndpoint === 'string' ? ` (${notebookEndpoint})` : ''}: use it from the VPC or on-premises.\n`,
  );
  if (args.browser) {
    const problem = await (deps.openBrowser ?? openInBrowser)(url);
    if (problem) io.err(`could not open a browser (${problem}); open the URL above yourself\n`);
  }
}
