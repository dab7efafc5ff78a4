import type { LookupFunction } from 'node:net';
import type { DeploymentTarget } from '@privatelink/config';
import { NETWORK_HANDOFF_OUTPUTS, SAGEMAKER_OUTPUTS } from '@privatelink/handoff/outputs';
import { callFailure, forwardingHint, type CallContext } from './call-failures';
import type { DoctorArgs } from './cli-args';
import { endpointAt, sagemakerEndpoint, stsEndpoint, type Endpoint } from './endpoints';
import { CliError, EXIT_CODES, type ExitReason } from './exit-codes';
import { resolveAddresses, tcpConnect, tlsHandshake, type ResolvedAddress } from './network-checks';
import { describeNotebookInstance, listNotebookInstances, sagemakerClient, type Connection } from './sagemaker-api';
import {
  backendLocation,
  readStackOutputs,
  requireString,
  stackBackend,
  targetStacks,
  type ReadOutputsOptions,
  type StackOutputs,
  type TargetStacks,
} from './stack-outputs';
import { callerIdentity, isSessionOf, stsClient, type CallerIdentity } from './sts-api';

export type CheckName = 'outputs' | 'dns' | 'tcp' | 'tls' | 'credentials' | 'identity' | 'notebook';

/** One line of the doctor's report. */
export interface Check {
  readonly check: CheckName;
  /** What was checked: a stack, a host, a notebook. */
  readonly subject: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly detail: string;
  /** What to do, on a failure whose detail does not say it already. */
  readonly fix?: string;
  /** The exit code this failure stands for. */
  readonly exitCode?: number;
}

export interface DoctorReport {
  readonly environment: string;
  readonly region: string;
  readonly checks: readonly Check[];
  /** The first failing check's exit code; 0 when none failed. */
  readonly exitCode: number;
}

export interface DoctorContext {
  readonly target: DeploymentTarget;
  readonly outputs: ReadOutputsOptions;
  /** AWS_CA_BUNDLE's certificates, for the TLS checks and the calls alike. */
  readonly ca?: string;
  readonly lookup?: LookupFunction;
  readonly env: NodeJS.ProcessEnv;
}

/** A host the doctor reaches: how it is called (DNS, TCP), and the name TLS must present and the certificate must cover. */
interface Probe {
  readonly role: string;
  readonly endpoint: Endpoint;
  readonly servername: string;
}

const NOTEBOOK_HOST = (name: string, region: string) => `${name}.notebook.${region}.sagemaker.aws`;

/** A CLI message as a check's detail (its first line) and fix (the rest, the `Check:` list as one line). */
function splitMessage(text: string): { detail: string; fix?: string } {
  const [detail, ...rest] = text.split('\n');
  const fix = rest
    .map((line) => line.replace(/^Check:$/, '').replace(/^ {2}- /, '').replace(/\.$/, ''))
    .filter(Boolean)
    .join('; ');
  return fix ? { detail, fix } : { detail };
}

/**
 * `npm run notebook -- doctor`: every step between this machine and the notebook, in the order a
 * call takes them, each a pass, a failure with what to do, or skipped because an earlier one failed.
 */
export async function runDoctor(args: DoctorArgs, context: DoctorContext): Promise<DoctorReport> {
  const { target } = context;
  const region = target.region.region;
  const timeoutMs = args.timeoutSeconds * 1000;
  const checks: Check[] = [];
  const pass = (check: CheckName, subject: string, detail: string) => checks.push({ check, subject, status: 'pass', detail });
  const skip = (check: CheckName, subject: string, detail: string) => checks.push({ check, subject, status: 'skip', detail });
  const fail = (check: CheckName, subject: string, reason: Exclude<ExitReason, 'ok'>, detail: string, fix?: string) =>
    checks.push({ check, subject, status: 'fail', detail, ...(fix ? { fix } : {}), exitCode: EXIT_CODES[reason].code });
  const failWith = (check: CheckName, subject: string, error: unknown) => {
    if (!(error instanceof CliError)) throw error;
    const { detail, fix } = splitMessage(error.message);
    fail(check, subject, error.reason, detail, fix);
  };
  const report = (): DoctorReport => ({
    environment: target.environment.name,
    region,
    checks,
    exitCode: checks.find((check) => check.status === 'fail')?.exitCode ?? 0,
  });

  // 1. The stacks' outputs: the endpoints' names and the VPC they live in.
  let stacks: TargetStacks;
  try {
    stacks = targetStacks(context.outputs.outdir, target);
  } catch (error) {
    failWith('outputs', context.outputs.outdir, error);
    skip('dns', 'the endpoints', `needs the outputs of the network stack of ${target.environment.name}/${region}`);
    return report();
  }
  const networkStack = stacks.network.name;
  const sagemakerStack = stacks.sagemaker.name;
  let network: StackOutputs | undefined;
  let endpoints: { api: string; notebook: string; vpcCidr: string } | undefined;
  try {
    network = await readStackOutputs(stacks.network, context.outputs);
    endpoints = {
      api: requireString(network, NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName, networkStack),
      notebook: requireString(network, NETWORK_HANDOFF_OUTPUTS.notebookEndpointDnsName, networkStack),
      vpcCidr: requireString(network, NETWORK_HANDOFF_OUTPUTS.vpcCidr, networkStack),
    };
    pass('outputs', networkStack, `read from ${backendLocation(stackBackend(stacks.network))}`);
  } catch (error) {
    failWith('outputs', networkStack, error);
  }
  let sagemaker: StackOutputs | undefined;
  try {
    sagemaker = await readStackOutputs(stacks.sagemaker, context.outputs);
    pass('outputs', sagemakerStack, `read from ${backendLocation(stackBackend(stacks.sagemaker))}`);
  } catch (error) {
    failWith('outputs', sagemakerStack, error);
  }
  if (!network || !endpoints) {
    skip('dns', 'the endpoints', `needs the outputs of ${networkStack}`);
    return report();
  }

  const apiName = endpoints.api;

  // 2. DNS: every name resolves, and inside the VPC (a public answer means the call would leave PrivateLink).
  const api = await sagemakerEndpoint({
    region,
    ...(args.endpointUrl ? { endpointUrl: args.endpointUrl } : {}),
    publicDns: args.publicDns,
    apiEndpointDnsName: () => apiName,
    apiEndpointSource: `${NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName.output} output of ${networkStack}`,
    env: context.env,
  });
  const sts = await stsEndpoint(region, context.env);
  const notebookEndpoint = endpointAt(`https://${endpoints.notebook}`, `${NETWORK_HANDOFF_OUTPUTS.notebookEndpointDnsName.output} output of ${networkStack}`, false);
  const configured = target.environment.sagemaker.notebooks.map((notebook) => notebook.name);
  const notebookHosts = (args.name ? [args.name] : configured).map((name) => NOTEBOOK_HOST(name, region));
  const probes: Probe[] = [
    { role: 'the SageMaker API', endpoint: api, servername: api.hostname },
    { role: 'STS', endpoint: sts, servername: sts.hostname },
    { role: 'the notebook endpoint', endpoint: notebookEndpoint, servername: notebookHosts[0] ?? notebookEndpoint.hostname },
  ];
  const names: { hostname: string; role: string; endpoint?: Endpoint }[] = [
    ...probes.map((probe) => ({ hostname: probe.endpoint.hostname, role: probe.role, endpoint: probe.endpoint })),
    ...notebookHosts.map((hostname) => ({ hostname, role: "the notebook's URL, answered by the notebook endpoint's private DNS" })),
  ];
  const resolved = new Map<string, readonly ResolvedAddress[]>();
  for (const { hostname, role, endpoint } of names) {
    const answer = await resolveAddresses(hostname, endpoints.vpcCidr, context.lookup);
    const why = `${role}${endpoint ? `, from ${endpoint.source}` : ''}`;
    if (!answer.ok) {
      fail('dns', hostname, 'unreachable', `no DNS answer (${answer.code}) for ${why}`, dnsFix(target, network, endpoint));
      continue;
    }
    const listed = answer.addresses.map((entry) => entry.address).join(', ');
    const outside = answer.addresses.filter((entry) => entry.network !== 'vpc');
    const publicOnes = answer.addresses.filter((entry) => entry.network === 'public');
    if (publicOnes.length > 0) {
      fail(
        'dns',
        hostname,
        'unreachable',
        `resolves to ${listed}: ${publicOnes.map((entry) => entry.address).join(', ')} ${publicOnes.length === 1 ? 'is a public address' : 'are public addresses'}, so the call would leave PrivateLink (${why})`,
        endpoint?.configured
          ? `${endpoint.host} comes from ${endpoint.source}: point it at a host that forwards to the endpoint, or unset it`
          : `this resolver does not see the endpoint's private DNS: ${forwardingHint(target, network)}`,
      );
    } else if (outside.length > 0 && !endpoint?.configured) {
      fail(
        'dns',
        hostname,
        'unreachable',
        `resolves to ${listed}, outside the VPC ${endpoints.vpcCidr} (${why})`,
        `the endpoint's addresses are in the VPC: ${forwardingHint(target, network)}`,
      );
    } else {
      resolved.set(hostname, answer.addresses);
      pass(
        'dns',
        hostname,
        outside.length > 0
          ? `resolves to ${listed}, private but outside the VPC ${endpoints.vpcCidr}: ${endpoint?.source} names a proxy or your own DNS name, which must forward to the endpoint (${why})`
          : `resolves to ${listed}, inside the VPC ${endpoints.vpcCidr} (${why})`,
      );
    }
  }

  // 3. TCP 443 and TLS to each endpoint, the certificate checked against the name called.
  const reachable = new Set<string>();
  for (const probe of probes) {
    const { endpoint } = probe;
    const address = resolved.get(endpoint.hostname)?.[0]?.address;
    const subject = `${endpoint.host}${endpoint.host.includes(':') ? '' : `:${endpoint.port}`}`;
    if (!address) {
      skip('tcp', subject, `no usable DNS answer for ${endpoint.hostname}`);
      skip('tls', endpoint.host, `no usable DNS answer for ${endpoint.hostname}`);
      continue;
    }
    const connected = await tcpConnect(address, endpoint.port, timeoutMs);
    if (!connected.ok) {
      fail(
        'tcp',
        subject,
        'unreachable',
        connected.code === 'ETIMEDOUT'
          ? `no connection to ${address}:${endpoint.port} within ${args.timeoutSeconds} s (${probe.role})`
          : `${address}:${endpoint.port} refused or dropped the connection (${connected.code}; ${probe.role})`,
        [
          `you are inside the VPC (${target.region.vpcCidr}) or on-premises (${target.environment.onPremCidrs.join(', ')}) with the VPN or Direct Connect up and routing ${target.region.vpcCidr}`,
          `the endpoint security group admits HTTPS (443) from ${[target.region.vpcCidr, ...target.environment.onPremCidrs].join(', ')}`,
          ...(connected.code === 'ETIMEDOUT' ? [`on a slow link, raise --timeout (now ${args.timeoutSeconds} s)`] : []),
        ].join('; '),
      );
      skip('tls', endpoint.host, 'no TCP connection');
      continue;
    }
    pass('tcp', subject, `connected to ${address}:${endpoint.port} (${probe.role})`);
    const tls = await tlsHandshake({ address, port: endpoint.port, servername: probe.servername, timeoutMs, ...(context.ca ? { ca: context.ca } : {}) });
    const presented = probe.servername === endpoint.hostname ? '' : ` presenting ${probe.servername}`;
    if (!tls.ok) {
      fail('tls', endpoint.host, 'unreachable', `no TLS handshake${presented} (${tls.code}; ${probe.role})`, 'a proxy or firewall between here and the endpoint breaks TLS: let HTTPS to it through untouched');
    } else if (tls.trustError) {
      fail(
        'tls',
        endpoint.host,
        'unreachable',
        `the certificate${presented} (issued by ${tls.issuer}) is not trusted: ${tls.trustError} (${probe.role})`,
        context.ca
          ? "AWS_CA_BUNDLE does not hold the certificate authority that issued it: add the proxy's CA to that PEM file"
          : 'a TLS-inspecting proxy replaces the certificate: set AWS_CA_BUNDLE to a PEM file holding its certificate authority',
      );
    } else if (tls.nameError) {
      fail(
        'tls',
        endpoint.host,
        'unreachable',
        `the certificate does not cover ${probe.servername}: it names ${tls.altNames} (${probe.role})`,
        certificateNameFix(probe, endpoints.api),
      );
    } else {
      reachable.add(probe.role);
      pass('tls', endpoint.host, `the certificate covers ${probe.servername}${presented ? ' (sent as the TLS server name)' : ''}, issued by ${tls.issuer}, trusted (${probe.role})`);
    }
  }

  // 4. Credentials, and whose they are (GetCallerIdentity through the STS endpoint).
  const connection = (endpoint: Endpoint): Connection => ({
    region,
    endpoint: endpoint.url,
    timeoutMs,
    ...(args.profile ? { profile: args.profile } : {}),
    ...(context.ca ? { ca: context.ca } : {}),
    ...(context.lookup ? { lookup: context.lookup } : {}),
  });
  const call = (operation: string, service: string, endpoint: Endpoint): CallContext => ({
    operation,
    service,
    endpoint,
    target,
    timeoutSeconds: args.timeoutSeconds,
    network: network as StackOutputs,
    sagemakerStack,
    ...(args.profile ? { profile: args.profile } : {}),
  });
  const source = args.profile ? `profile ${args.profile}` : 'the default credential chain';
  const identityClient = stsClient(connection(sts));
  let haveCredentials = false;
  try {
    const credentials = await identityClient.config.credentials();
    haveCredentials = true;
    const key = credentials.accessKeyId;
    pass('credentials', source, `access key ${key.slice(0, 4)}…${key.slice(-4)}${credentials.sessionToken ? ', temporary (with a session token)' : ', long-term'}`);
  } catch (error) {
    fail(
      'credentials',
      source,
      'failed',
      `no AWS credentials (${(error as Error).message.split('\n')[0]})`,
      'set AWS_PROFILE or --profile, sign in with `aws sso login --profile <name>`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    );
  }
  if (!haveCredentials) skip('identity', sts.host, 'no credentials');
  else if (!reachable.has('STS')) skip('identity', sts.host, 'STS is not reachable');
  else {
    try {
      checkPrincipal(await callerIdentity(identityClient), target, sagemaker, sagemakerStack, { pass, fail, host: sts.host });
    } catch (error) {
      failWith('identity', sts.host, callFailure(error, call('GetCallerIdentity', 'the STS endpoint', sts)));
    }
  }
  identityClient.destroy();

  // 5. The notebook: InService, or what to do.
  const notebookSubject = args.name ?? `notebooks of ${target.environment.name}/${region}`;
  if (!haveCredentials) skip('notebook', notebookSubject, 'no credentials');
  else if (!reachable.has('the SageMaker API')) skip('notebook', notebookSubject, 'the SageMaker API is not reachable');
  else {
    const client = sagemakerClient(connection(api));
    try {
      if (args.name) {
        const state = await describeNotebookInstance(client, args.name);
        const idle = target.environment.sagemaker.notebooks.find((notebook) => notebook.name === args.name)?.idleStopMinutes;
        const command = (verb: string) => `npm run notebook -- ${verb} --env ${target.environment.name} --region ${region} --name ${args.name}`;
        if (state.status === 'InService') pass('notebook', args.name, `InService${state.instanceType ? ` (${state.instanceType})` : ''}, through ${api.host}`);
        else if (state.status === 'Stopped') {
          fail(
            'notebook',
            args.name,
            'notInService',
            `Stopped${idle ? ` (its idle timer stops it after ${idle} minutes without activity)` : ''}`,
            `start it: \`${command('start')}\`, or \`${command('open')} --start\``,
          );
        } else if (state.status === 'Pending' || state.status === 'Updating' || state.status === 'Stopping') {
          fail('notebook', args.name, 'notInService', `${state.status}, not InService yet`, `wait: \`${command('open')} --start\` waits for it (up to --wait-seconds)`);
        } else {
          fail(
            'notebook',
            args.name,
            'notInService',
            `${state.status}${state.failureReason ? `: ${state.failureReason}` : ''}`,
            state.status === 'Failed' ? `fix the cause, then \`${command('start')}\`` : 'it cannot be opened',
          );
        }
      } else {
        const listed = new Map((await listNotebookInstances(client)).map((instance) => [instance.NotebookInstanceName ?? '', instance.NotebookInstanceStatus ?? '']));
        const missing = configured.filter((name) => !listed.has(name));
        const statuses = configured.filter((name) => listed.has(name)).map((name) => `${name} ${listed.get(name)}`);
        if (missing.length > 0) {
          fail(
            'notebook',
            notebookSubject,
            'outputsMissing',
            `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} in the config but not in SageMaker${statuses.length ? ` (listed: ${statuses.join(', ')})` : ''}`,
            `deploy them: \`npx cdktf deploy ${sagemakerStack}\``,
          );
        } else {
          pass('notebook', notebookSubject, `${statuses.join(', ') || 'none configured'}, through ${api.host}; add --name <notebook> to check one`);
        }
      }
    } catch (error) {
      if (args.name && /RecordNotFound|does not exist/i.test((error as Error).message ?? '')) {
        fail('notebook', args.name, 'outputsMissing', `SageMaker has no notebook instance ${args.name} in ${region}, though the config names it`, `deploy it: \`npx cdktf deploy ${sagemakerStack}\``);
      } else {
        failWith('notebook', notebookSubject, callFailure(error, call(args.name ? 'DescribeNotebookInstance' : 'ListNotebookInstances', 'the SageMaker API endpoint', api)));
      }
    } finally {
      client.destroy();
    }
  }
  return report();
}

function dnsFix(target: DeploymentTarget, network: StackOutputs, endpoint?: Endpoint): string {
  const reach = `you are inside the VPC (${target.region.vpcCidr}) or on-premises (${target.environment.onPremCidrs.join(', ')}) with the VPN or Direct Connect up`;
  const configured = endpoint?.configured ? `${endpoint.host} comes from ${endpoint.source}: is that the host you meant? ` : '';
  return `${configured}${reach}; ${forwardingHint(target, network)}`;
}

/** The certificate of an interface endpoint covers the service's names and the endpoint's *.vpce.amazonaws.com names, nothing else. */
function certificateNameFix(probe: Probe, apiEndpointDnsName: string): string {
  const { endpoint } = probe;
  // An interface endpoint's certificate names the service's own DNS names and the endpoint's
  // *.vpce.amazonaws.com names; a CNAME in your own zone is not among them
  // (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html).
  const own = probe.role === 'the SageMaker API' ? ` (${apiEndpointDnsName})` : '';
  return endpoint.configured
    ? `${endpoint.host} comes from ${endpoint.source}: an interface endpoint's certificate names the service and the endpoint's *.vpce.amazonaws.com names, not a CNAME in your own zone; call the endpoint's own name${own} instead`
    : `something between here and the endpoint answers with its own certificate: call the endpoint's own name${own}`;
}

interface PrincipalReport {
  readonly pass: (check: CheckName, subject: string, detail: string) => void;
  readonly fail: (check: CheckName, subject: string, reason: Exclude<ExitReason, 'ok'>, detail: string, fix?: string) => void;
  readonly host: string;
}

/** The caller must be the principal the access policy is attached to: the notebook user role, or a member of the group. */
function checkPrincipal(caller: CallerIdentity, target: DeploymentTarget, sagemaker: StackOutputs | undefined, sagemakerStack: string, out: PrincipalReport): void {
  const account = target.environment.accountId;
  if (caller.account !== account) {
    out.fail(
      'identity',
      out.host,
      'accessDenied',
      `${caller.arn} is in account ${caller.account}, not ${target.environment.name}'s ${account}`,
      `use credentials of account ${account} (another --profile)`,
    );
    return;
  }
  const roleOutput = sagemaker?.[SAGEMAKER_OUTPUTS.notebookUserRoleArn.output];
  const groupOutput = sagemaker?.[SAGEMAKER_OUTPUTS.notebookUsersGroupName.output];
  const role = typeof roleOutput === 'string' ? roleOutput : undefined;
  const group = typeof groupOutput === 'string' ? groupOutput : undefined;
  if (!role) {
    out.pass('identity', out.host, `${caller.arn}; ${sagemakerStack} names no notebook user role to compare with`);
  } else if (isSessionOf(caller, role)) {
    out.pass('identity', out.host, `${caller.arn}: a session of the notebook user role`);
  } else if (/^arn:aws[\w-]*:iam::\d{12}:user\//.test(caller.arn)) {
    out.pass('identity', out.host, `${caller.arn}: an IAM user, allowed only as a member of the group ${group ?? 'notebook users group'}`);
  } else {
    out.fail(
      'identity',
      out.host,
      'accessDenied',
      `${caller.arn} is not the notebook user role ${role}, which the access policy is attached to${group ? ` (with the group ${group})` : ''}`,
      `assume the role first: a profile with role_arn = ${role} and source_profile = <yours>, then --profile; or \`aws sts assume-role --role-arn ${role} --role-session-name <you>\``,
    );
  }
}

/** The report as people read it: one line per check, what to do under each failure, then the outcome. */
export function renderDoctorReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((check) => check.check.length));
  const lines = [`doctor: ${report.environment}/${report.region}`];
  for (const check of report.checks) {
    lines.push(`${check.status.toUpperCase()}  ${check.check.padEnd(width)}  ${check.subject}: ${check.detail}`);
    if (check.fix) lines.push(`      ${' '.repeat(width)}  fix: ${check.fix}`);
  }
  const failed = report.checks.filter((check) => check.status === 'fail');
  if (failed.length === 0) lines.push(`all ${report.checks.length} checks passed`);
  else {
    const first = Object.values(EXIT_CODES).find((entry) => entry.code === report.exitCode);
    lines.push(
      `${failed.length} of ${report.checks.length} checks failed; exit ${report.exitCode} (${first?.meaning ?? 'failure'}), from the first failure: ${failed[0].check} ${failed[0].subject}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
