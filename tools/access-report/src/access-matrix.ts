import { createHash } from 'node:crypto';
import type { DeploymentTarget } from '@privatelink/config';
import type { NetworkHandoff } from '@privatelink/handoff';
import { NETWORK_HANDOFF_OUTPUTS } from '@privatelink/handoff';
import { fakeNetworkHandoff } from '@privatelink/handoff/offline-state';
import { notebookGuardScp, notebookLifecycleConfigArn, renderPolicy } from '@privatelink/policies';
import { names } from '@privatelink/stack-kit';
import type { StackJson, SynthOutput } from '@privatelink/synth-output';
import {
  ADMINISTRATOR_ACCESS,
  simulate,
  type PolicyInput,
  type RequestContext,
  type SimulationOutcome,
} from '@privatelink/policies/simulate';

export const ACTIONS = [
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:DescribeNotebookInstance',
  'sagemaker:ListNotebookInstances',
  'sagemaker:StartNotebookInstance',
  'sagemaker:StopNotebookInstance',
] as const;
export type Action = (typeof ACTIONS)[number];

export const PRINCIPALS = ['notebook user', 'notebook user + AdministratorAccess', 'outside the group (AdministratorAccess)'] as const;
export type PrincipalKind = (typeof PRINCIPALS)[number];

export const SOURCES = ['notebook endpoint', 'API endpoint', 'other endpoint, same VPC', 'another VPC', 'internet'] as const;
export type Source = (typeof SOURCES)[number];

/** Who tries to get around the SCP: an administrator of the account, and the break-glass role. */
export const SCP_PRINCIPALS = ['administrator outside break-glass', 'break-glass role'] as const;
export type ScpPrincipal = (typeof SCP_PRINCIPALS)[number];

/** What they try, from the endpoints (the SCP's own presigned-URL rule is in the matrix above). */
export const SCP_REQUESTS = [
  "change the break-glass role's trust policy",
  'create a notebook with a foreign lifecycle configuration',
] as const;
export type ScpRequest = (typeof SCP_REQUESTS)[number];

export interface ScpCell {
  readonly principal: ScpPrincipal;
  readonly request: ScpRequest;
  readonly withoutScp: SimulationOutcome;
  readonly withScp: SimulationOutcome;
}

export interface MatrixCell {
  readonly scp: boolean;
  readonly principal: PrincipalKind;
  readonly action: Action;
  readonly source: Source;
  readonly outcome: SimulationOutcome;
}

/** The policies of one env-region as they appear in the synthesized stacks, tokens resolved. */
export interface SynthesizedAccess {
  readonly target: DeploymentTarget;
  readonly stack: string;
  /** Literal JSON of the notebook-access policy (with Terraform tokens). */
  readonly accessPolicy: string;
  /** Literal JSON of the SCP, from the environment's organization stack, when enabled. */
  readonly scp?: string;
  /** True when `scp` is the config's; false when it is rendered only to show its effect. */
  readonly scpEnabled: boolean;
  /** The (first) break-glass role of the SCP: the config's, or a stand-in when the SCP is not enabled. */
  readonly breakGlassRoleArn: string;
  readonly notebookArn: string;
  readonly handoff: NetworkHandoff;
  /** Values standing in for the `terraform_remote_state` outputs the policies reference. */
  readonly tokens: Readonly<Record<string, string>>;
}

/** Fake but distinct network outputs per region, so the SCP's endpoint list is meaningful. */
export function fakeHandoffFor(region: string): NetworkHandoff {
  const hex = (key: string) => createHash('sha256').update(`${region}/${key}`).digest('hex').slice(0, 17);
  const base = fakeNetworkHandoff({ region });
  return {
    ...base,
    vpcId: `vpc-${hex('vpc')}`,
    apiEndpointId: `vpce-${hex('api')}`,
    notebookEndpointId: `vpce-${hex('notebook')}`,
  };
}


function only(stack: StackJson, type: string, id: string): Record<string, unknown> | undefined {
  const resources = Object.values(stack.resource?.[type] ?? {});
  if (resources.length > 1) throw new Error(`${id} has ${resources.length} ${type} resources; expected at most one`);
  return resources[0];
}

/**
 * Tokens a stack's policies hold for its remote states: `network` is a SageMaker stack's own
 * region's network, `network-<region>` each region's as the organization stack reads them.
 */
function tokensFor(target: DeploymentTarget): Record<string, string> {
  const tokens: Record<string, string> = {};
  const add = (dataSource: string, handoff: NetworkHandoff) => {
    for (const [key, spec] of Object.entries(NETWORK_HANDOFF_OUTPUTS)) {
      const value = handoff[key as keyof NetworkHandoff];
      if (typeof value === 'string') tokens[`\${data.terraform_remote_state.${dataSource}.outputs.${spec.output}}`] = value;
    }
  };
  add('network', fakeHandoffFor(target.region.region));
  for (const region of target.environment.regions) add(`network-${region.region}`, fakeHandoffFor(region.region));
  return tokens;
}

/** Reads the access policy and the SCP of a target from a synth output, finding its stacks by the identity they record. */
export function synthesizedAccess(output: SynthOutput, target: DeploymentTarget): SynthesizedAccess {
  const { environment, region } = target;
  const sagemakerStack = output.only('sagemaker', environment.name, region.region);
  const id = sagemakerStack.name;
  const stack = sagemakerStack.json();
  const policy = only(stack, 'aws_iam_policy', id);
  const arns = stack.output?.['notebook_arns']?.value as string[] | undefined;
  if (!policy || !arns?.length) throw new Error(`${id} has no notebook access policy (no notebooks configured)`);

  // The environment's own stack (no region): the organization stack, when the SCP is enabled.
  const [organization] = output.find('sagemaker', environment.name, null);
  const scpResource = organization ? only(organization.json(), 'aws_organizations_policy', organization.name) : undefined;
  const handoff = fakeHandoffFor(region.region);
  const tokens = tokensFor(target);
  let scp = scpResource?.['content'] as string | undefined;
  const breakGlassRoleArn =
    environment.sagemaker.scp?.breakGlassPrincipalArns[0] ?? `arn:aws:iam::${environment.accountId}:role/BreakGlass`;
  if (scp) {
    // The SCP lives in the organization stack, which reads every region's network.
    scp = resolveTokens(scp, tokens);
  } else {
    scp = renderPolicy(
      notebookGuardScp({
        allowedEndpointIds: environment.regions.flatMap((r) => {
          const other = fakeHandoffFor(r.region);
          return [other.apiEndpointId, other.notebookEndpointId];
        }),
        breakGlassPrincipalArns: [breakGlassRoleArn],
        // As the SageMaker stack builds them: the idle-stop configurations of every region.
        allowedLifecycleConfigArns: environment.regions.flatMap((r) =>
          environment.sagemaker.notebooks
            .filter((notebook) => notebook.idleStopMinutes !== undefined)
            .map((notebook) =>
              notebookLifecycleConfigArn(
                { accountId: environment.accountId, region: r.region },
                names({ ...target, region: r }).idleStopLifecycleConfig(notebook.name),
              ),
            ),
        ),
      }),
    );
  }
  return {
    target,
    stack: id,
    accessPolicy: policy['policy'] as string,
    scp,
    scpEnabled: scpResource !== undefined,
    breakGlassRoleArn,
    notebookArn: arns[0],
    handoff,
    tokens,
  };
}

function resolveTokens(text: string, tokens: Readonly<Record<string, string>>): string {
  let result = text;
  for (const [token, value] of Object.entries(tokens)) result = result.split(token).join(value);
  return result;
}

function contextOf(source: Source, handoff: NetworkHandoff): RequestContext {
  switch (source) {
    case 'notebook endpoint':
      return { 'aws:SourceVpce': handoff.notebookEndpointId, 'aws:SourceVpc': handoff.vpcId };
    case 'API endpoint':
      return { 'aws:SourceVpce': handoff.apiEndpointId, 'aws:SourceVpc': handoff.vpcId };
    case 'other endpoint, same VPC':
      return { 'aws:SourceVpce': 'vpce-0ffffffffffffffff', 'aws:SourceVpc': handoff.vpcId };
    case 'another VPC':
      return { 'aws:SourceVpce': 'vpce-0eeeeeeeeeeeeeeee', 'aws:SourceVpc': 'vpc-0eeeeeeeeeeeeeeee' };
    case 'internet':
      return { 'aws:SourceIp': '203.0.113.7' };
  }
}

/** Evaluates every cell with the IAM simulator: principal x source x action, without and with the SCP. */
export async function evaluateMatrix(access: SynthesizedAccess): Promise<MatrixCell[]> {
  const { accountId } = access.target.environment;
  const identity: Record<PrincipalKind, PolicyInput[]> = {
    'notebook user': [access.accessPolicy],
    'notebook user + AdministratorAccess': [access.accessPolicy, ADMINISTRATOR_ACCESS],
    'outside the group (AdministratorAccess)': [ADMINISTRATOR_ACCESS],
  };
  const cells: MatrixCell[] = [];
  for (const scp of [false, true]) {
    for (const principal of PRINCIPALS) {
      for (const action of ACTIONS) {
        for (const source of SOURCES) {
          const outcome = await simulate({
            principal: `arn:aws:iam::${accountId}:role/${principal === 'outside the group (AdministratorAccess)' ? 'platform-admin' : 'notebook-user'}`,
            action,
            resource: action === 'sagemaker:ListNotebookInstances' ? '*' : access.notebookArn,
            resourceAccount: accountId,
            identityPolicies: identity[principal],
            ...(scp && access.scp ? { scps: [access.scp] } : {}),
            context: contextOf(source, access.handoff),
            tokens: access.tokens,
          });
          cells.push({ scp, principal, action, source, outcome });
        }
      }
    }
  }
  return cells;
}

/** The SCP's guard rails that no endpoint condition covers: who may change the guard, what notebooks may run. */
export async function evaluateScpChecks(access: SynthesizedAccess): Promise<ScpCell[]> {
  const { accountId } = access.target.environment;
  const region = access.target.region.region;
  const principals: Record<ScpPrincipal, string> = {
    'administrator outside break-glass': `arn:aws:iam::${accountId}:role/platform-admin`,
    'break-glass role': access.breakGlassRoleArn,
  };
  const requests: Record<ScpRequest, { action: string; resource: string; context: RequestContext }> = {
    "change the break-glass role's trust policy": {
      action: 'iam:UpdateAssumeRolePolicy',
      resource: access.breakGlassRoleArn,
      context: {},
    },
    'create a notebook with a foreign lifecycle configuration': {
      action: 'sagemaker:CreateNotebookInstance',
      resource: access.notebookArn,
      // Compliant in every other respect, so only the lifecycle configuration decides.
      context: {
        'sagemaker:DirectInternetAccess': 'Disabled',
        'sagemaker:RootAccess': 'Disabled',
        'sagemaker:VpcSubnets': ['subnet-0ffffffffffffffff'],
        'sagemaker:MinimumInstanceMetadataServiceVersion': '2',
        'sagemaker:VolumeKmsKeyArn': `arn:aws:kms:${region}:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        'sagemaker:NotebookInstanceLifecycleConfigArns': [
          `arn:aws:sagemaker:${region}:${accountId}:notebook-instance-lifecycle-config/curl-and-run`,
        ],
      },
    },
  };
  const cells: ScpCell[] = [];
  for (const principal of SCP_PRINCIPALS) {
    for (const request of SCP_REQUESTS) {
      const { action, resource, context } = requests[request];
      const evaluate = (scps: readonly PolicyInput[] | undefined) =>
        simulate({
          principal: principals[principal],
          action,
          resource,
          resourceAccount: accountId,
          identityPolicies: [ADMINISTRATOR_ACCESS],
          ...(scps ? { scps } : {}),
          context,
        });
      cells.push({
        principal,
        request,
        withoutScp: await evaluate(undefined),
        withScp: access.scp ? await evaluate([access.scp]) : await evaluate(undefined),
      });
    }
  }
  return cells;
}

const SYMBOL: Record<SimulationOutcome, string> = {
  Allowed: 'allowed',
  ExplicitlyDenied: '**denied** (explicit)',
  ImplicitlyDenied: 'denied (implicit)',
};

/** A Markdown report a security reviewer can read on its own. */
export function renderReport(access: SynthesizedAccess, cells: readonly MatrixCell[], scpCells: readonly ScpCell[]): string {
  const { environment, region } = access.target;
  const settings = environment.sagemaker.access;
  const lines = [
    `# Notebook access: ${environment.name} / ${region.region}`,
    '',
    `Evaluated with an IAM policy simulator (\`@cloud-copilot/iam-simulate\`) on the policies **as synthesized** in \`${access.stack}\`.`,
    `Access mode \`${settings.mode}\`, scope \`${settings.scope}\`. Endpoint and VPC ids are stand-ins for the network stack's outputs:`,
    `notebook endpoint \`${access.handoff.notebookEndpointId}\`, API endpoint \`${access.handoff.apiEndpointId}\`, VPC \`${access.handoff.vpcId}\`.`,
    '',
    '- **notebook user**: holds the notebook-access policy (group or role).',
    '- **notebook user + AdministratorAccess**: the same, plus an unrelated `Allow *`; the explicit Deny must still hold.',
    '- **outside the group**: AdministratorAccess only, no notebook policy: the gap only the SCP closes.',
    '',
  ];
  for (const scp of [false, true]) {
    const heading = !scp
      ? '## Without the organization SCP'
      : access.scpEnabled
        ? '## With the organization SCP (enabled in config)'
        : '## With the organization SCP (not enabled in config: its effect once enabled)';
    lines.push(heading, '', `| principal | action | ${SOURCES.join(' | ')} |`, `| --- | --- | ${SOURCES.map(() => '---').join(' | ')} |`);
    for (const principal of PRINCIPALS) {
      for (const action of ACTIONS) {
        const row = SOURCES.map((source) => {
          const cell = cells.find((c) => c.scp === scp && c.principal === principal && c.action === action && c.source === source);
          return cell ? SYMBOL[cell.outcome] : '?';
        });
        lines.push(`| ${principal} | \`${action.replace('sagemaker:', '')}\` | ${row.join(' | ')} |`);
      }
    }
    lines.push('');
  }
  lines.push(
    '## What the organization SCP guards besides the endpoints',
    '',
    `Both principals hold AdministratorAccess; the break-glass role is \`${access.breakGlassRoleArn}\`${access.scpEnabled ? '' : ' (a stand-in: the SCP is not enabled in config)'}.`,
    'The notebook request is compliant in every other respect (no internet, no root, in a VPC, IMDSv2, a volume key).',
    '',
    '| principal | request | without the SCP | with the SCP |',
    '| --- | --- | --- | --- |',
  );
  for (const principal of SCP_PRINCIPALS) {
    for (const request of SCP_REQUESTS) {
      const cell = scpCells.find((c) => c.principal === principal && c.request === request);
      lines.push(`| ${principal} | ${request} | ${cell ? SYMBOL[cell.withoutScp] : '?'} | ${cell ? SYMBOL[cell.withScp] : '?'} |`);
    }
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}
