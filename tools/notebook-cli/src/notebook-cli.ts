import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { createInterface } from 'node:readline/promises';
import { ConfigError, deploymentTargets, loadConfig, type DeploymentTarget, type PrivatelinkConfig } from '@privatelink/config';
import { NETWORK_HANDOFF_OUTPUTS, SAGEMAKER_OUTPUTS } from '@privatelink/handoff/outputs';
import { synthOutputDir } from '@privatelink/synth-output';
import type { NotebookInstanceSummary, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { openInBrowser } from './browser';
import { callFailure, type CallContext } from './call-failures';
import { parseCliArgs, SESSION_SECONDS, type DoctorArgs, type ListArgs, type OpenArgs, type StateArgs } from './cli-args';
import { renderDoctorReport, runDoctor } from './doctor';
import { sagemakerEndpoint, type Endpoint } from './endpoints';
import { CliError, EXIT_CODES } from './exit-codes';
import { CHANGING_STATUSES, changeState, SYSTEM_CLOCK, type Clock, type Progress } from './notebook-state';
import {
  describeNotebookInstance,
  listNotebookInstances,
  presignedNotebookUrl,
  sagemakerClient,
  startNotebookInstance,
  stopNotebookInstance,
} from './sagemaker-api';
import {
  readStackOutputs,
  requireString,
  requireStringList,
  targetStacks,
  type ReadOutputsOptions,
  type StackOutputs,
  type TargetStacks,
} from './stack-outputs';

/** What the CLI talks to besides AWS; the defaults are the real ones, tests swap in their own. */
export interface CliDeps {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** Opens a URL in the browser; resolves to why it could not. */
  readonly openBrowser?: (url: string) => Promise<string | undefined>;
  /** Host name lookup of every call and check. */
  readonly lookup?: LookupFunction;
  /** Where the Terraform Cloud API is served and which CAs to trust for it. */
  readonly terraformCloud?: ReadOutputsOptions['terraformCloud'];
  /** @default - the system clock */
  readonly clock?: Clock;
  /** Seconds between two DescribeNotebookInstance calls while waiting. @default 10 */
  readonly pollSeconds?: number;
  /** Whether a person can be asked (stdin and stderr are terminals). @default - both are TTYs */
  readonly interactive?: boolean;
  /** Asks a question and returns the answer. @default - a readline prompt on stdin / stderr */
  readonly prompt?: (question: string) => Promise<string>;
}

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** `npm run notebook -- <doctor|list|open|start|stop> ...`: returns the exit code. */
export async function run(argv: readonly string[], deps: CliDeps = {}): Promise<number> {
  const io: Io = {
    out: deps.stdout ?? ((text) => process.stdout.write(text)),
    err: deps.stderr ?? ((text) => process.stderr.write(text)),
  };
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      io.out(args.text);
      return EXIT_CODES.ok.code;
    }
    const config = loadConfig();
    const target = findTarget(config, args.env, args.region);
    // The names are in the config: an unknown one is a usage error before any state is read.
    if ('name' in args && args.name !== undefined) checkNotebookName(config, target, args.name);
    switch (args.command) {
      case 'doctor':
        return await doctor(args, target, deps, io);
      case 'list':
        await list(args, target, deps, io);
        break;
      case 'open':
        await open(args, target, deps, io);
        break;
      case 'start':
      case 'stop':
        await startOrStop(args, target, deps, io);
        break;
    }
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

function checkNotebookName(config: PrivatelinkConfig, target: DeploymentTarget, name: string): void {
  const names = target.environment.sagemaker.notebooks.map((notebook) => notebook.name);
  if (names.includes(name)) return;
  const known = names.length > 0 ? `known notebooks: ${names.join(', ')}` : 'it has no notebooks (sagemaker.notebooks)';
  throw new CliError('usage', `no notebook "${name}" in environment ${target.environment.name} of ${config.file}; ${known}`);
}

function outputOptions(args: { readonly timeoutSeconds: number }, deps: CliDeps): ReadOutputsOptions {
  return {
    outdir: synthOutputDir(),
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

type CommandArgs = ListArgs | OpenArgs | StateArgs;

/** A SageMaker client on the endpoint the arguments, the variables and the network stack's outputs choose. */
class SagemakerSession {
  private constructor(
    readonly client: SageMakerClient,
    readonly endpoint: Endpoint,
    private readonly context: Omit<CallContext, 'operation'>,
  ) {}

  static async open(args: CommandArgs, target: DeploymentTarget, deployed: DeployedOutputs, deps: CliDeps): Promise<SagemakerSession> {
    const { network } = deployed;
    const networkStack = deployed.stacks.network.name;
    const endpoint = await sagemakerEndpoint({
      region: target.region.region,
      ...(args.endpointUrl ? { endpointUrl: args.endpointUrl } : {}),
      publicDns: args.publicDns,
      // Needed only when nothing else names the host to call.
      apiEndpointDnsName: () => requireString(network, NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName, networkStack),
      apiEndpointSource: `${NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName.output} output of ${networkStack}`,
    });
    const ca = caBundle();
    const client = sagemakerClient({
      region: target.region.region,
      endpoint: endpoint.url,
      ...(args.profile ? { profile: args.profile } : {}),
      timeoutMs: args.timeoutSeconds * 1000,
      ...(ca ? { ca } : {}),
      ...(deps.lookup ? { lookup: deps.lookup } : {}),
    });
    return new SagemakerSession(client, endpoint, {
      service: 'the SageMaker API endpoint',
      endpoint,
      target,
      timeoutSeconds: args.timeoutSeconds,
      network,
      sagemakerStack: deployed.stacks.sagemaker.name,
      ...(args.profile ? { profile: args.profile } : {}),
    });
  }

  /** Runs one call and turns its failure into a message that says what to check. */
  async call<T>(operation: string, call: (client: SageMakerClient) => Promise<T>): Promise<T> {
    try {
      return await call(this.client);
    } catch (error) {
      throw callFailure(error, { ...this.context, operation });
    }
  }

  close(): void {
    this.client.destroy();
  }
}

/** The target's stacks as synthesized, and the outputs of its deployed network stack. */
interface DeployedOutputs {
  readonly stacks: TargetStacks;
  readonly network: StackOutputs;
}

async function withSession<T>(
  args: CommandArgs,
  target: DeploymentTarget,
  deployed: DeployedOutputs,
  deps: CliDeps,
  body: (session: SagemakerSession) => Promise<T>,
): Promise<T> {
  const session = await SagemakerSession.open(args, target, deployed, deps);
  try {
    return await body(session);
  } finally {
    session.close();
  }
}

async function list(args: ListArgs, target: DeploymentTarget, deps: CliDeps, io: Io): Promise<void> {
  const options = outputOptions(args, deps);
  const stacks = targetStacks(options.outdir, target);
  const network = await readStackOutputs(stacks.network, options);
  await withSession(args, target, { stacks, network }, deps, async (session) => {
    const instances = await session.call('ListNotebookInstances', listNotebookInstances);
    if (instances.length === 0) {
      io.err(`no notebook instances in ${target.region.region} visible through ${session.endpoint.host}\n`);
      return;
    }
    io.out(notebookTable(instances));
  });
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

/** The network outputs, and the SageMaker stack's confirmation that the notebook is deployed. */
async function deployedNotebook(args: OpenArgs | StateArgs, target: DeploymentTarget, deps: CliDeps): Promise<DeployedOutputs> {
  const options = outputOptions(args, deps);
  const stacks = targetStacks(options.outdir, target);
  const sagemakerStack = stacks.sagemaker.name;
  const network = await readStackOutputs(stacks.network, options);
  const names = requireStringList(await readStackOutputs(stacks.sagemaker, options), SAGEMAKER_OUTPUTS.notebookNames, sagemakerStack);
  if (!names.includes(args.name)) {
    throw new CliError(
      'outputsMissing',
      `${sagemakerStack} has no notebook ${args.name} yet (its ${SAGEMAKER_OUTPUTS.notebookNames.output}: ${names.join(', ') || 'none'}), though the config names it: deploy the current version with \`npx cdktf deploy ${sagemakerStack}\``,
    );
  }
  return { stacks, network };
}

function commandFor(verb: string, args: OpenArgs | StateArgs): string {
  return `npm run notebook -- ${verb} --env ${args.env} --region ${args.region} --name ${args.name}`;
}

/**
 * Progress of a wait on stderr: one line rewritten in place on a terminal, a line per status change
 * otherwise. The first answer is shown only when it is one to wait out; a notebook already where
 * it should be, or one the CLI stops at, is said by the message that follows.
 */
function progressLine(name: string, target: string, interactive: boolean, io: Io): { update: (progress: Progress) => void; done: () => void } {
  let last: string | undefined;
  let first = true;
  let inPlace = false;
  return {
    update: (progress) => {
      const skip = first && !CHANGING_STATUSES.has(progress.status);
      first = false;
      if (skip) return;
      const line = `${name}: ${progress.status}, ${progress.elapsedSeconds} s (waiting up to ${progress.waitSeconds} s for ${target})`;
      if (interactive) {
        io.err(`\r\x1b[K${line}`);
        inPlace = true;
      } else if (progress.status !== last) {
        io.err(`${line}\n`);
      }
      last = progress.status;
    },
    done: () => {
      if (inPlace) io.err('\n');
    },
  };
}

function interactiveOf(deps: CliDeps): boolean {
  return deps.interactive ?? (process.stdin.isTTY === true && process.stderr.isTTY === true);
}

async function ask(deps: CliDeps, question: string): Promise<string> {
  if (deps.prompt) return deps.prompt(question);
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await readline.question(question);
  } finally {
    readline.close();
  }
}

function idleNote(target: DeploymentTarget, name: string): string {
  const minutes = target.environment.sagemaker.notebooks.find((notebook) => notebook.name === name)?.idleStopMinutes;
  return minutes ? ` (its idle timer stops it after ${minutes} minutes without activity)` : '';
}

async function open(args: OpenArgs, target: DeploymentTarget, deps: CliDeps, io: Io): Promise<void> {
  const deployed = await deployedNotebook(args, target, deps);
  const interactive = interactiveOf(deps);
  const url = await withSession(args, target, deployed, deps, async (session) => {
    const progress = progressLine(args.name, 'InService', interactive, io);
    const result = await changeState({
      name: args.name,
      target: 'InService',
      describe: () => session.call('DescribeNotebookInstance', (client) => describeNotebookInstance(client, args.name)),
      act: () => session.call('StartNotebookInstance', (client) => startNotebookInstance(client, args.name)),
      startFailed: false,
      howTo: `start it with \`${commandFor('open', args)} --start\` or \`${commandFor('start', args)}\``,
      ...(args.start
        ? {}
        : {
            confirm: async (state) => {
              if (!interactive) {
                throw new CliError(
                  'notInService',
                  `${args.name} is ${state.status}${idleNote(target, args.name)}, and there is no terminal to ask whether to start it: pass --start (\`${commandFor('open', args)} --start\`), or run \`${commandFor('start', args)}\``,
                );
              }
              const answer = await ask(deps, `${args.name} is ${state.status}${idleNote(target, args.name)}. Start it now (a few minutes)? [y/N] `);
              return /^y(es)?$/i.test(answer.trim());
            },
          }),
      waitSeconds: args.waitSeconds,
      clock: deps.clock ?? SYSTEM_CLOCK,
      ...(deps.pollSeconds !== undefined ? { pollSeconds: deps.pollSeconds } : {}),
      progress: progress.update,
    }).finally(progress.done);
    if (!result.reached) {
      throw new CliError(
        'notInService',
        `${args.name} is still ${result.state.status} after ${args.waitSeconds} s: run \`${commandFor('open', args)}\` again in a while, or give a longer --wait-seconds`,
      );
    }
    if (result.acted) io.err(`${args.name} is InService\n`);
    return session.call('CreatePresignedNotebookInstanceUrl', (client) => presignedNotebookUrl(client, args.name, args.sessionSeconds));
  });
  io.out(`${url}\n`);
  const notebookEndpoint = deployed.network[NETWORK_HANDOFF_OUTPUTS.notebookEndpointDnsName.output];
  io.err(
    `Presigned URL of ${args.name}: valid for 5 minutes, session ${args.sessionSeconds ?? SESSION_SECONDS.max} s; treat it like a password.\n` +
      `It opens through the notebook endpoint${typeof notebookEndpoint === 'string' ? ` (${notebookEndpoint})` : ''}: use it from the VPC or on-premises.\n`,
  );
  if (args.browser) {
    const problem = await (deps.openBrowser ?? openInBrowser)(url);
    if (problem) io.err(`could not open a browser (${problem}); open the URL above yourself\n`);
  }
}

async function startOrStop(args: StateArgs, target: DeploymentTarget, deps: CliDeps, io: Io): Promise<void> {
  const deployed = await deployedNotebook(args, target, deps);
  const goal = args.command === 'start' ? 'InService' : 'Stopped';
  const interactive = interactiveOf(deps);
  await withSession(args, target, deployed, deps, async (session) => {
    const progress = progressLine(args.name, goal, interactive, io);
    const result = await changeState({
      name: args.name,
      target: goal,
      describe: () => session.call('DescribeNotebookInstance', (client) => describeNotebookInstance(client, args.name)),
      act:
        args.command === 'start'
          ? () => session.call('StartNotebookInstance', (client) => startNotebookInstance(client, args.name))
          : () => session.call('StopNotebookInstance', (client) => stopNotebookInstance(client, args.name)),
      startFailed: true,
      howTo: `look at its FailureReason in \`${commandFor('doctor', args)}\``,
      waitSeconds: args.waitSeconds,
      clock: deps.clock ?? SYSTEM_CLOCK,
      ...(deps.pollSeconds !== undefined ? { pollSeconds: deps.pollSeconds } : {}),
      progress: progress.update,
    }).finally(progress.done);
    const verb = args.command === 'start' ? 'start' : 'stop';
    if (result.reached) {
      io.err(
        result.initial === goal
          ? `${args.name} is already ${goal}\n`
          : `${args.name} is ${goal}${goal === 'InService' ? `; open it: \`${commandFor('open', args)}\`` : ''}\n`,
      );
    } else if (args.waitSeconds === 0) {
      io.err(`asked SageMaker to ${verb} ${args.name}; it is ${result.state.status} (not waiting: --wait-seconds 0)\n`);
    } else {
      throw new CliError(
        'notInService',
        `${args.name} is still ${result.state.status} after ${args.waitSeconds} s; \`${commandFor('doctor', args)}\` shows when it is ${goal}`,
      );
    }
  });
}

async function doctor(args: DoctorArgs, target: DeploymentTarget, deps: CliDeps, io: Io): Promise<number> {
  const ca = caBundle();
  const report = await runDoctor(args, {
    target,
    outputs: outputOptions(args, deps),
    ...(ca ? { ca } : {}),
    ...(deps.lookup ? { lookup: deps.lookup } : {}),
    env: process.env,
  });
  io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderDoctorReport(report));
  return report.exitCode;
}
