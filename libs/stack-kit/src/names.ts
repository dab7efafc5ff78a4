import type { ConfigCheck, ConfigIssue, DeploymentTarget, EnvironmentConfig, PrivatelinkConfig } from '@privatelink/config';

/**
 * Every name the stacks give an AWS resource, built in one place from the deployment target.
 *
 * Where AWS keeps a name unique decides what it must carry: IAM names (roles, policies, groups,
 * users, instance profiles) are global to an account and compared without case, so they carry the
 * project, the environment AND the region ("IAM user, group, role, and policy names must be unique
 * within the account", https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html);
 * Organizations policy names are unique in the organization, so they carry the project and the
 * environment; KMS aliases, log groups, notebooks and lifecycle configurations are unique per
 * account and region; security group names per VPC; Name tags are not unique at all.
 * The guardrail `account-wide-names-unique` checks the synthesized stacks for collisions.
 */
export type NameScope = 'account' | 'organization' | 'region' | 'vpc' | 'tag';

/** The parts names are built from. */
interface NameParts {
  readonly project: string;
  readonly environment: string;
  readonly region: string;
}

/** One kind of name: how it is built, where it must be unique, and how long AWS lets it be. */
interface NameSpec<Args extends readonly string[]> {
  /** The AWS resource it names, for messages: `IAM role`. */
  readonly resource: string;
  readonly scope: NameScope;
  /** The longest name AWS accepts for it. */
  readonly maxLength: number;
  readonly build: (parts: NameParts, ...args: Args) => string;
}

const spec = <Args extends readonly string[] = []>(
  resource: string,
  scope: NameScope,
  maxLength: number,
  build: (parts: NameParts, ...args: Args) => string,
): NameSpec<Args> => ({ resource, scope, maxLength, build });

/** `<project>-<environment>`: what names unique per region, VPC or organization start with. */
const env = (p: NameParts) => `${p.project}-${p.environment}`;
/** `<project>-<environment>-<region>`: what account-wide names start with. */
const envRegion = (p: NameParts) => `${env(p)}-${p.region}`;

/**
 * The name kinds, with AWS's length limits: IAM role and user names 64 characters, policy, group
 * and instance profile names 128 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html);
 * notebook lifecycle configuration names 63 (CreateNotebookInstanceLifecycleConfig); security
 * group names 255; KMS alias names 256; log group names 512; Route 53 Resolver endpoint names 64;
 * Organizations policy names 128; tag values 256.
 */
export const NAME_SPECS = {
  // Network stack
  vpcTag: spec('VPC Name tag', 'tag', 256, (p) => env(p)),
  defaultSecurityGroupTag: spec('default security group Name tag', 'tag', 256, (p) => `${env(p)}-default-closed`),
  subnetTag: spec<[zone: string]>('subnet Name tag', 'tag', 256, (p, zone) => `${env(p)}-private-${zone}`),
  routeTableTag: spec<[zone: string]>('route table Name tag', 'tag', 256, (p, zone) => `${env(p)}-private-${zone}`),
  flowLogsKeyAlias: spec('KMS alias', 'region', 256, (p) => `alias/${env(p)}-flow-logs`),
  flowLogsLogGroup: spec('CloudWatch log group', 'region', 512, (p) => `/${env(p)}/vpc-flow-logs`),
  flowLogsRole: spec('IAM role', 'account', 64, (p) => `${envRegion(p)}-flow-logs`),
  flowLogTag: spec('flow log Name tag', 'tag', 256, (p) => `${env(p)}-vpc`),
  endpointSecurityGroup: spec('security group', 'vpc', 255, (p) => `${env(p)}-endpoints`),
  endpointTag: spec<[endpoint: string]>('VPC endpoint Name tag', 'tag', 256, (p, endpoint) => `${env(p)}-${endpoint}`),
  vpnGatewayTag: spec('VPN gateway Name tag', 'tag', 256, (p) => env(p)),
  customerGatewayTag: spec('customer gateway Name tag', 'tag', 256, (p) => `${env(p)}-on-prem`),
  vpnConnectionTag: spec('VPN connection Name tag', 'tag', 256, (p) => env(p)),
  resolverSecurityGroup: spec('security group', 'vpc', 255, (p) => `${env(p)}-resolver-inbound`),
  resolverEndpoint: spec('Route 53 Resolver endpoint', 'region', 64, (p) => `${env(p)}-inbound`),
  // SageMaker stack
  /** Not a resource name: how descriptions name the env-region. */
  label: spec('description label', 'tag', 256, (p) => envRegion(p)),
  notebookExecutionRole: spec('IAM role', 'account', 64, (p) => `${envRegion(p)}-notebook-exec`),
  notebookKeyAlias: spec('KMS alias', 'region', 256, (p) => `alias/${envRegion(p)}-notebooks`),
  notebookLogsKeyAlias: spec('KMS alias', 'region', 256, (p) => `alias/${envRegion(p)}-notebook-logs`),
  notebookSecurityGroup: spec('security group', 'vpc', 255, (p) => `${envRegion(p)}-notebooks`),
  notebookAccessPolicy: spec('IAM managed policy', 'account', 128, (p) => `${envRegion(p)}-notebook-access`),
  notebookUsersGroup: spec('IAM group', 'account', 128, (p) => `${envRegion(p)}-notebook-users`),
  notebookUserRole: spec('IAM role', 'account', 64, (p) => `${envRegion(p)}-notebook-user`),
  idleStopLifecycleConfig: spec<[notebook: string]>(
    'notebook lifecycle configuration',
    'region',
    63,
    (_p, notebook) => `${notebook}-idle-stop`,
  ),
  // Organization stack (one per environment)
  notebookGuardScp: spec('Organizations policy', 'organization', 128, (p) => `${env(p)}-notebook-guard`),
} as const;

export type NameKind = keyof typeof NAME_SPECS;

type ArgsOf<K extends NameKind> = (typeof NAME_SPECS)[K] extends NameSpec<infer Args> ? Args : never;

/** The names of one deployment target: `names.flowLogsRole()`, `names.subnetTag('us-west-2a')`. */
export type Names = { readonly [K in NameKind]: (...args: ArgsOf<K>) => string };

/** Every resource name of a target's stacks. */
export function names(target: DeploymentTarget): Names {
  const parts: NameParts = { project: target.project, environment: target.environment.name, region: target.region.region };
  return Object.fromEntries(
    Object.entries(NAME_SPECS).map(([kind, { build }]) => [
      kind,
      (...args: string[]) => (build as (parts: NameParts, ...rest: string[]) => string)(parts, ...args),
    ]),
  ) as unknown as Names;
}

/** One name a target's stacks will create, where it comes from in the config, for length checks. */
interface PlannedName {
  readonly kind: NameKind;
  readonly name: string;
  /** The config field the name grows with. */
  readonly path: readonly (string | number)[];
  readonly value: string;
}

/** Every name of one target, with the config field each one grows with. */
function plannedNames(target: DeploymentTarget): PlannedName[] {
  const all = names(target);
  const envPath = ['environments', target.environment.name];
  const fromEnv = (kind: NameKind, name: string): PlannedName => ({ kind, name, path: envPath, value: target.environment.name });
  const planned: PlannedName[] = [];
  for (const kind of Object.keys(NAME_SPECS) as NameKind[]) {
    if (kind === 'subnetTag' || kind === 'routeTableTag') {
      for (const zone of target.region.availabilityZones) planned.push(fromEnv(kind, all[kind](zone)));
    } else if (kind === 'endpointTag') {
      for (const endpoint of target.environment.endpoints) planned.push(fromEnv(kind, all[kind](endpoint)));
    } else if (kind === 'idleStopLifecycleConfig') {
      target.environment.sagemaker.notebooks.forEach((notebook, i) => {
        if (notebook.idleStopMinutes === undefined) return;
        planned.push({
          kind,
          name: all[kind](notebook.name),
          path: [...envPath, 'sagemaker', 'notebooks', i, 'name'],
          value: notebook.name,
        });
      });
    } else {
      planned.push(fromEnv(kind, (all[kind] as () => string)()));
    }
  }
  return planned;
}

function targetsOf(config: PrivatelinkConfig, environment: EnvironmentConfig): DeploymentTarget[] {
  return environment.regions.map((region) => ({
    project: config.project,
    ...(config.terraformCloud ? { terraformCloud: config.terraformCloud } : {}),
    environment,
    region,
  }));
}

/**
 * The config check that every name fits AWS's limit, reported once per config field: at the
 * environment (the project and environment names grow every name) or at the notebook name.
 */
export const resourceNameLengths: ConfigCheck = (config) => {
  const byField = new Map<string, { path: readonly (string | number)[]; value: string; tooLong: Map<string, string> }>();
  for (const environment of config.environments) {
    for (const target of targetsOf(config, environment)) {
      for (const planned of plannedNames(target)) {
        const { resource, maxLength } = NAME_SPECS[planned.kind];
        if (planned.name.length <= maxLength) continue;
        const field = JSON.stringify(planned.path);
        const entry = byField.get(field) ?? { path: planned.path, value: planned.value, tooLong: new Map() };
        entry.tooLong.set(planned.name, `${resource} ${planned.name} (${planned.name.length} characters, at most ${maxLength})`);
        byField.set(field, entry);
      }
    }
  }
  return [...byField.values()].map(({ path, value, tooLong }): ConfigIssue => {
    const [first, ...more] = [...tooLong.values()];
    const also = more.length > 0 ? ` and ${more.length} more` : '';
    const fix = path.length > 2 ? 'use a shorter notebook name' : 'shorten the environment or project name';
    return { path, value, message: `makes names longer than AWS allows: ${first}${also}; ${fix}` };
  });
};
