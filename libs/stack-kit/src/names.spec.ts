import { ConfigError, deploymentTargets, parseConfig } from '@privatelink/config';
import { NAME_SPECS, names, resourceNameLengths, type NameKind } from './names';

const config = (environment = 'prod', project = 'sagemaker-privatelink', notebook = 'analytics') => `project: ${project}
environments:
  ${environment}:
    accountId: "333333333333"
    onPremCidrs: [192.168.0.0/16]
    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f
    dns: { privateZone: ml.prod.example.internal }
    sagemaker:
      notebooks: [{ name: ${notebook}, idleStopMinutes: 60 }]
      access: { assumeRoleArns: ["arn:aws:iam::333333333333:role/ml"] }
    regions:
      us-west-2: { vpcCidr: 10.30.0.0/16, availabilityZones: [us-west-2a, us-west-2b] }
      eu-west-1: { vpcCidr: 10.31.0.0/16, availabilityZones: [eu-west-1a, eu-west-1b] }
`;

const [usWest2, euWest1] = deploymentTargets(parseConfig('envs.yaml', config()));

/** Every name kind, built for one target with a sample argument where it takes one. */
function sample(kind: NameKind, target = usWest2): string {
  const build = names(target)[kind] as (...args: string[]) => string;
  return build('arg');
}

describe('names', () => {
  test('builds the names the stacks use', () => {
    const prod = names(usWest2);
    expect(prod.flowLogsRole()).toBe('sagemaker-privatelink-prod-us-west-2-flow-logs');
    expect(prod.notebookExecutionRole()).toBe('sagemaker-privatelink-prod-us-west-2-notebook-exec');
    expect(prod.notebookAccessPolicy()).toBe('sagemaker-privatelink-prod-us-west-2-notebook-access');
    expect(prod.notebookUsersGroup()).toBe('sagemaker-privatelink-prod-us-west-2-notebook-users');
    expect(prod.notebookUserRole()).toBe('sagemaker-privatelink-prod-us-west-2-notebook-user');
    expect(prod.notebookGuardScp()).toBe('sagemaker-privatelink-prod-notebook-guard');
    expect(prod.flowLogsLogGroup()).toBe('/sagemaker-privatelink-prod/vpc-flow-logs');
    expect(prod.subnetTag('us-west-2a')).toBe('sagemaker-privatelink-prod-private-us-west-2a');
    expect(prod.idleStopLifecycleConfig('analytics')).toBe('analytics-idle-stop');
  });

  test.each(Object.entries(NAME_SPECS).filter(([, spec]) => spec.scope === 'account').map(([kind]) => kind as NameKind))(
    'the account-wide %s name differs between two regions of one account',
    (kind) => {
      expect(sample(kind, usWest2)).not.toBe(sample(kind, euWest1));
      expect(sample(kind, usWest2)).toContain('us-west-2');
    },
  );

  test('an Organizations policy name is per environment: one SCP stack per environment creates it', () => {
    expect(names(usWest2).notebookGuardScp()).toBe(names(euWest1).notebookGuardScp());
  });
});

describe('resourceNameLengths', () => {
  const problems = (text: string) => {
    try {
      parseConfig('envs.yaml', text, {}, [resourceNameLengths]);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).message.split('\n').slice(1).map((line) => line.trim());
    }
    return [];
  };

  test('passes the shipped-size names', () => {
    expect(problems(config())).toEqual([]);
  });

  test('refuses an environment name that makes IAM names too long, once, at the environment, naming the longest offender', () => {
    const project = 'p'.repeat(32);
    const environment = 'e'.repeat(16);
    expect(problems(config(environment, project))).toEqual([
      `envs.yaml:3:3 environments.${environment}: makes names longer than AWS allows: IAM role ${project}-${environment}-us-west-2-flow-logs ` +
        `(69 characters, at most 64) and 5 more; shorten the environment or project name (got "${environment}")`,
    ]);
  });

  test('refuses a notebook name too long for its idle-stop lifecycle configuration, at the notebook name', () => {
    const notebook = `n${'x'.repeat(53)}`;
    expect(problems(config('prod', 'sagemaker-privatelink', notebook))).toEqual([
      `envs.yaml:9:27 environments.prod.sagemaker.notebooks[0].name: makes names longer than AWS allows: notebook lifecycle configuration ` +
        `${notebook}-idle-stop (64 characters, at most 63); use a shorter notebook name (got "${notebook}")`,
    ]);
  });
});
