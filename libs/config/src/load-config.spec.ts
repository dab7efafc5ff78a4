import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { configFileFromEnv, DEFAULT_CONFIG_FILE, loadConfig, parseConfig } from './load-config';
import { deploymentTargets, type EnvironmentConfig, type PrivatelinkConfig } from './model';
import { SUPPORTED_REGIONS } from './regions';

const SHIPPED_CONFIG = join(__dirname, '..', '..', '..', 'config', 'environments.yaml');
const FILE = 'envs.yaml';

/** A minimal valid file; the cases below change one thing in it, so their line numbers refer to these lines. */
const VALID = [
  'environments:', //                                 1
  '  dev:', //                                        2
  '    accountId: "111111111111"', //                 3
  '    onPremCidrs: [192.168.0.0/16]', //             4
  '    vpn:', //                                      5
  '      customerGatewayIp: 198.51.100.10', //        6
  '    dns:', //                                      7
  '      privateZone: ml.dev.example.internal', //    8
  '    regions:', //                                  9
  '      us-west-2:', //                              10
  '        vpcCidr: 10.10.0.0/16', //                 11
  '        availabilityZones: [us-west-2a, us-west-2b]', // 12
  '',
].join('\n');

/** VALID with each `[from, to]` replaced once; `from` must occur exactly once. */
function edit(...replacements: [string, string][]): string {
  return replacements.reduce((text, [from, to]) => {
    if (text.split(from).length !== 2) throw new Error(`test setup: ${JSON.stringify(from)} is not in VALID once`);
    return text.replace(from, to);
  }, VALID);
}

/** VALID followed by `lines` (from line 13 on). */
function append(...lines: string[]): string {
  return `${VALID}${lines.join('\n')}\n`;
}

/** The problem lines of the ConfigError that parsing `text` throws, without the header and indentation. */
function problemsIn(text: string): string[] {
  let thrown: unknown;
  try {
    parseConfig(FILE, text);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  return (thrown as ConfigError).message
    .split('\n')
    .slice(1)
    .map((line) => line.trim());
}

function environment(config: PrivatelinkConfig, name: string): EnvironmentConfig {
  const found = config.environments.find((env) => env.name === name);
  if (!found) throw new Error(`no environment ${name}`);
  return found;
}

describe('the shipped config/environments.yaml', () => {
  const config = loadConfig(SHIPPED_CONFIG);
  const subnetsOf = (env: string, region: string) =>
    environment(config, env).regions.find((r) => r.region === region)?.privateSubnetCidrs;

  it('defines dev, staging and prod, with prod in two regions', () => {
    expect(config.project).toBe('sagemaker-privatelink');
    expect(deploymentTargets(config).map((t) => `${t.environment.name}/${t.region.region}`)).toEqual([
      'dev/us-west-2',
      'staging/us-west-2',
      'prod/us-west-2',
      'prod/eu-west-1',
    ]);
    expect(config.environments.map((env) => env.accountId)).toEqual(['111111111111', '222222222222', '333333333333']);
  });

  it('carves a quarter of the VPC per zone when subnets are left out', () => {
    expect(subnetsOf('dev', 'us-west-2')).toEqual(['10.10.0.0/18', '10.10.64.0/18']);
    expect(subnetsOf('staging', 'us-west-2')).toEqual(['10.20.0.0/18', '10.20.64.0/18', '10.20.128.0/18']);
    expect(subnetsOf('prod', 'eu-west-1')).toEqual(['10.31.0.0/18', '10.31.64.0/18', '10.31.128.0/18']);
  });

  it('keeps subnets the file lists', () => {
    expect(subnetsOf('prod', 'us-west-2')).toEqual(['10.30.0.0/19', '10.30.32.0/19', '10.30.64.0/19']);
  });

  it('gives every environment the default endpoints, followed by its extras', () => {
    const defaults = ['sagemaker-api', 'notebook', 'sagemaker-runtime', 'sts', 'logs', 'ec2'];
    expect(environment(config, 'dev').endpoints).toEqual(defaults);
    expect(environment(config, 'staging').endpoints).toEqual([...defaults, 'monitoring', 'kms']);
    expect(environment(config, 'prod').endpoints).toEqual([...defaults, 'monitoring', 'kms', 'ssm', 'ecr']);
  });

  it('uses BGP unless static routes are listed, with ASN 65000 by default', () => {
    expect(environment(config, 'dev').vpn).toStrictEqual({ customerGatewayIp: '198.51.100.10', bgpAsn: 65010 });
    expect(environment(config, 'staging').vpn).toStrictEqual({
      customerGatewayIp: '198.51.100.20',
      bgpAsn: 65000,
      staticRoutes: ['192.168.10.0/24', '192.168.20.0/24'],
    });
    expect(environment(config, 'prod').vpn).toStrictEqual({ customerGatewayIp: '198.51.100.30', bgpAsn: 65030 });
  });

  it('adds Direct Connect to prod only, and the resolver endpoint where asked', () => {
    expect(config.environments.map((env) => env.directConnectGatewayId)).toEqual([
      undefined,
      undefined,
      '5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f',
    ]);
    expect(config.environments.map((env) => env.resolverInboundEndpoint)).toEqual([false, true, true]);
    expect(environment(config, 'prod').tags).toEqual({ 'cost-center': 'ml-platform', 'data-classification': 'phi' });
  });
});

describe('choosing the config file', () => {
  let dir: string;
  const saved = process.env['PRIVATELINK_CONFIG'];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privatelink-config-'));
  });

  afterEach(() => {
    if (saved === undefined) delete process.env['PRIVATELINK_CONFIG'];
    else process.env['PRIVATELINK_CONFIG'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [{}, DEFAULT_CONFIG_FILE],
    [{ PRIVATELINK_CONFIG: '' }, DEFAULT_CONFIG_FILE],
    [{ PRIVATELINK_CONFIG: '   ' }, DEFAULT_CONFIG_FILE],
    [{ PRIVATELINK_CONFIG: ' config/other.yaml ' }, 'config/other.yaml'],
  ])('configFileFromEnv(%j) is %s', (env, expected) => {
    expect(configFileFromEnv(env)).toBe(expected);
  });

  it('reads the file PRIVATELINK_CONFIG names', () => {
    // GIVEN a one-environment file named by the variable
    const file = join(dir, 'one-env.yaml');
    writeFileSync(file, VALID);
    process.env['PRIVATELINK_CONFIG'] = file;

    // WHEN the config is loaded without naming a file
    const config = loadConfig();

    // THEN that file is the one read
    expect(config.file).toBe(file);
    expect(config.environments.map((env) => env.name)).toEqual(['dev']);
  });

  it('reports a missing file and how to point at another', () => {
    const file = join(dir, 'missing.yaml');
    expect(() => loadConfig(file)).toThrow(
      `${file}: 1 problem in the environment config; nothing was synthesized\n` +
        `  ${file} (top level): cannot read the config (file not found); set PRIVATELINK_CONFIG to an existing YAML file`,
    );
  });
});

describe('parseConfig', () => {
  it('accepts the minimal file the error cases start from', () => {
    expect(parseConfig(FILE, VALID).environments[0]).toMatchObject({
      name: 'dev',
      vpn: { customerGatewayIp: '198.51.100.10', bgpAsn: 65000 },
      endpoints: ['sagemaker-api', 'notebook', 'sagemaker-runtime', 'sts', 'logs', 'ec2'],
      tags: {},
      regions: [{ region: 'us-west-2', privateSubnetCidrs: ['10.10.0.0/18', '10.10.64.0/18'] }],
    });
  });

  const staging = (vpcCidr: string) => [
    '  staging:', //                                   13
    '    accountId: "222222222222"', //                14
    '    onPremCidrs: [192.168.0.0/16]', //            15
    '    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f', // 16
    '    dns:', //                                     17
    '      privateZone: ml.staging.example.internal', // 18
    '    regions:', //                                 19
    '      us-west-2:', //                             20
    `        vpcCidr: ${vpcCidr}`, //                  21
    '        availabilityZones: [us-west-2a, us-west-2b]', // 22
  ];

  const regionPath = 'environments.dev.regions.us-west-2';

  it.each<{ problem: string; yaml: string; expected: string[] }>([
    {
      problem: 'account id not 12 digits',
      yaml: edit(['"111111111111"', '"11111111111"']),
      expected: ['envs.yaml:3:16 environments.dev.accountId: must be exactly 12 digits (got "11111111111")'],
    },
    {
      problem: 'account id as an unquoted number',
      yaml: edit(['"111111111111"', '111111111111']),
      expected: [
        'envs.yaml:3:16 environments.dev.accountId: must be a 12-digit AWS account id in quotes, e.g. "123456789012" (got 111111111111)',
      ],
    },
    {
      problem: 'account id missing',
      yaml: edit(['    accountId: "111111111111"\n', '']),
      expected: ['envs.yaml:2:3 environments.dev.accountId: is required (a string)'],
    },
    {
      problem: 'invalid CIDR',
      yaml: edit(['10.10.0.0/16', '10.10.0/16']),
      expected: [`envs.yaml:11:18 ${regionPath}.vpcCidr: is not an IPv4 CIDR block of the form a.b.c.d/n (got "10.10.0/16")`],
    },
    {
      problem: 'CIDR with host bits set',
      yaml: edit(['10.10.0.0/16', '10.10.0.1/16']),
      expected: [
        `envs.yaml:11:18 ${regionPath}.vpcCidr: has host bits set; the network address is 10.10.0.0/16 (got "10.10.0.1/16")`,
      ],
    },
    {
      problem: 'VPC prefix too short',
      yaml: edit(['10.10.0.0/16', '10.0.0.0/12']),
      expected: [`envs.yaml:11:18 ${regionPath}.vpcCidr: prefix length must be between /16 and /26 (got "10.0.0.0/12")`],
    },
    {
      problem: 'VPC prefix too long',
      yaml: edit(['10.10.0.0/16', '10.10.0.0/27']),
      expected: [`envs.yaml:11:18 ${regionPath}.vpcCidr: prefix length must be between /16 and /26 (got "10.10.0.0/27")`],
    },
    {
      problem: "VPC overlapping another environment's VPC",
      yaml: append(...staging('10.10.128.0/17')),
      expected: [
        'envs.yaml:21:18 environments.staging.regions.us-west-2.vpcCidr: overlaps the VPC of dev/us-west-2 (10.10.0.0/16) (got "10.10.128.0/17")',
      ],
    },
    {
      problem: 'VPC overlapping the same environment in another region',
      yaml: append('      eu-west-1:', '        vpcCidr: 10.10.16.0/20', '        availabilityZones: [eu-west-1a, eu-west-1b]'),
      expected: [
        'envs.yaml:14:18 environments.dev.regions.eu-west-1.vpcCidr: overlaps the VPC of dev/us-west-2 (10.10.0.0/16) (got "10.10.16.0/20")',
      ],
    },
    {
      problem: 'VPC overlapping an on-premises network',
      yaml: edit(['[192.168.0.0/16]', '[192.168.0.0/16, 10.10.8.0/24]']),
      expected: [
        'envs.yaml:4:35 environments.dev.onPremCidrs[1]: overlaps the VPC of dev/us-west-2 (10.10.0.0/16): an on-premises network and a VPC must not share addresses (got "10.10.8.0/24")',
      ],
    },
    {
      problem: 'subnet outside the VPC',
      yaml: append('        privateSubnetCidrs: [10.10.0.0/17, 10.11.0.0/17]'),
      expected: [
        `envs.yaml:13:44 ${regionPath}.privateSubnetCidrs[1]: is not inside the VPC CIDR 10.10.0.0/16 (got "10.11.0.0/17")`,
      ],
    },
    {
      problem: 'overlapping subnets',
      yaml: append('        privateSubnetCidrs: [10.10.0.0/17, 10.10.64.0/18]'),
      expected: [`envs.yaml:13:44 ${regionPath}.privateSubnetCidrs[1]: overlaps subnet [0] 10.10.0.0/17 (got "10.10.64.0/18")`],
    },
    {
      problem: 'subnet count different from the zone count',
      yaml: append('        privateSubnetCidrs: [10.10.0.0/17]'),
      expected: [
        `envs.yaml:13:29 ${regionPath}.privateSubnetCidrs: must list exactly one CIDR per availability zone (2) (got ["10.10.0.0/17"])`,
      ],
    },
    {
      problem: 'VPC too small for the derived subnets',
      yaml: edit(
        ['us-west-2:', 'us-east-1:'],
        ['10.10.0.0/16', '10.10.0.0/26'],
        ['[us-west-2a, us-west-2b]', '[us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f]'],
      ),
      expected: [
        'envs.yaml:11:18 environments.dev.regions.us-east-1.vpcCidr: is too small to carve 5 subnets of at least /28; use a larger block or list privateSubnetCidrs (got "10.10.0.0/26")',
      ],
    },
    {
      problem: 'availability zone of another region',
      yaml: edit(['[us-west-2a, us-west-2b]', '[us-west-2a, us-east-1b]']),
      expected: [
        `envs.yaml:12:41 ${regionPath}.availabilityZones[1]: is not an availability zone of us-west-2; allowed: us-west-2a, us-west-2b, us-west-2c, us-west-2d (got "us-east-1b")`,
      ],
    },
    {
      problem: 'duplicate availability zone',
      yaml: edit(['[us-west-2a, us-west-2b]', '[us-west-2a, us-west-2a]']),
      expected: [`envs.yaml:12:41 ${regionPath}.availabilityZones[1]: is listed twice; list each zone once (got "us-west-2a")`],
    },
    {
      problem: 'fewer than two availability zones',
      yaml: edit(['[us-west-2a, us-west-2b]', '[us-west-2a]']),
      expected: [`envs.yaml:12:28 ${regionPath}.availabilityZones: needs at least two availability zones (got ["us-west-2a"])`],
    },
    {
      problem: 'unknown region',
      yaml: edit(['us-west-2:', 'us-west-9:']),
      expected: [
        `envs.yaml:10:7 environments.dev.regions.us-west-9: is not a region with the SageMaker notebook endpoint; supported: ${SUPPORTED_REGIONS.join(', ')} (got "us-west-9")`,
      ],
    },
    {
      problem: 'unknown field, with a suggestion',
      yaml: append('    endpoint:', '      extra: [kms]'),
      expected: [
        'envs.yaml:13:5 environments.dev.endpoint: is not a known field; allowed here: accountId, organizationId, onPremCidrs, protected, vpn, directConnectGatewayId, dns, endpoints, tags, sagemaker, regions (did you mean endpoints?)',
      ],
    },
    {
      problem: 'unknown top-level field, with a suggestion',
      yaml: `projekt: ml\n${VALID}`,
      expected: [
        'envs.yaml:1:1 projekt: is not a known field; allowed here: project, terraformCloud, environments (did you mean project?)',
      ],
    },
    {
      problem: 'unknown endpoint extra',
      yaml: append('    endpoints:', '      extra: [kms, sagemaker]'),
      expected: [
        'envs.yaml:14:20 environments.dev.endpoints.extra[1]: must be one of: monitoring, kms, ssm, ecr, studio, codecommit (got "sagemaker")',
      ],
    },
    {
      problem: 'environment name with upper case',
      yaml: edit(['  dev:', '  Dev:']),
      expected: [
        'envs.yaml:2:3 environments.Dev: environment name must be lower-case letters, digits and single hyphens, starting with a letter (got "Dev")',
      ],
    },
    {
      problem: 'environment name too long',
      yaml: edit(['  dev:', '  development-eu-01:']),
      expected: [
        'envs.yaml:2:3 environments.development-eu-01: environment name must be at most 16 characters (got "development-eu-01")',
      ],
    },
    {
      problem: 'duplicate YAML key',
      yaml: append('    accountId: "222222222222"'),
      expected: ['envs.yaml:13:5 (top level): is not valid YAML: Map keys must be unique'],
    },
    {
      problem: 'invalid YAML syntax',
      yaml: edit(['[192.168.0.0/16]', '[192.168.0.0/16']),
      // The parser notices the missing ] where the next key starts.
      expected: [
        'envs.yaml:5:5 (top level): is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    },
    {
      problem: 'private customer gateway IP',
      yaml: edit(['198.51.100.10', '10.1.2.3']),
      expected: [
        'envs.yaml:6:26 environments.dev.vpn.customerGatewayIp: must be the public IPv4 address of the on-premises VPN device (got "10.1.2.3")',
      ],
    },
    {
      problem: 'BGP ASN reserved by AWS',
      yaml: edit(['198.51.100.10', '198.51.100.10\n      bgpAsn: 7224']),
      expected: [
        'envs.yaml:7:15 environments.dev.vpn.bgpAsn: is reserved by AWS; use any other ASN (reserved: 7224, 9059, 10124, 17493, 64512) (got 7224)',
      ],
    },
    {
      problem: 'BGP ASN in quotes',
      yaml: edit(['198.51.100.10', '198.51.100.10\n      bgpAsn: "65010"']),
      expected: ['envs.yaml:7:15 environments.dev.vpn.bgpAsn: must be a whole number (the on-premises BGP ASN) (got "65010")'],
    },
    {
      problem: 'static route outside the on-premises CIDRs',
      yaml: edit(['198.51.100.10', '198.51.100.10\n      staticRoutes: [192.168.1.0/24, 10.99.0.0/24]']),
      expected: [
        'envs.yaml:7:38 environments.dev.vpn.staticRoutes[1]: is not inside any of onPremCidrs (192.168.0.0/16) (got "10.99.0.0/24")',
      ],
    },
    {
      problem: 'neither VPN nor Direct Connect',
      yaml: edit(['    vpn:\n      customerGatewayIp: 198.51.100.10\n', '']),
      expected: [
        'envs.yaml:2:3 environments.dev: needs a way in from on-premises: set vpn, directConnectGatewayId, or both',
      ],
    },
    {
      problem: 'bad Direct Connect gateway id',
      yaml: append('    directConnectGatewayId: 5F2A8C1E-4B7D-4E9A-9C3F-1A2B3C4D5E6F'),
      expected: [
        'envs.yaml:13:29 environments.dev.directConnectGatewayId: must be a Direct Connect gateway id (a lower-case UUID) (got "5F2A8C1E-4B7D-4E9A-9C3F-1A2B3C4D5E6F")',
      ],
    },
    {
      problem: 'bad private zone domain',
      yaml: edit(['ml.dev.example.internal', 'ml_dev.internal']),
      expected: [
        'envs.yaml:8:20 environments.dev.dns.privateZone: must be a lower-case domain name such as ml.dev.example.internal (got "ml_dev.internal")',
      ],
    },
    {
      problem: 'reserved tag key',
      yaml: append('    tags:', '      cost-center: ml', '      managed-by: me'),
      expected: [
        'envs.yaml:15:7 environments.dev.tags.managed-by: is a reserved tag key the stacks set themselves; use any other key (reserved: project, environment, managed-by) (got "managed-by")',
      ],
    },
    {
      problem: 'reserved tag key in other case',
      yaml: append('    tags: {Project: ml}'),
      expected: [
        'envs.yaml:13:12 environments.dev.tags.Project: is a reserved tag key the stacks set themselves; use any other key (reserved: project, environment, managed-by) (got "Project")',
      ],
    },
    {
      problem: 'empty environments',
      yaml: 'environments: {}\n',
      expected: ['envs.yaml:1:15 environments: must define at least one environment (got {})'],
    },
    {
      problem: 'empty file',
      yaml: '',
      expected: ['envs.yaml environments: is required (a map)'],
    },
  ])('reports $problem', ({ yaml, expected }) => {
    expect(problemsIn(yaml)).toEqual(expected);
  });

  it('reports every schema problem of a file, sorted by line', () => {
    // GIVEN fields in another order than the schema's, three of them wrong
    const yaml = [
      'environments:',
      '  dev:',
      '    regions:',
      '      us-west-2:',
      '        vpcCidr: 10.10.0.1/16', //         5
      '        availabilityZones: [us-west-2a, us-west-2b]',
      '    dns:',
      '      privateZone: ml.dev.example.internal',
      '    onPremCidrs: [192.168.0.0/16]',
      '    accountId: "1111"', //                 10
      'project: Demo', //                         11
    ].join('\n');

    // WHEN it is parsed
    const parse = () => parseConfig(FILE, yaml);

    // THEN one error lists all three, in file order
    expect(parse).toThrow(
      [
        'envs.yaml: 3 problems in the environment config; nothing was synthesized',
        `  envs.yaml:5:18 ${regionPath}.vpcCidr: has host bits set; the network address is 10.10.0.0/16 (got "10.10.0.1/16")`,
        '  envs.yaml:10:16 environments.dev.accountId: must be exactly 12 digits (got "1111")',
        '  envs.yaml:11:10 project: project must be lower-case letters, digits and single hyphens, starting with a letter (got "Demo")',
      ].join('\n'),
    );
  });

  it('reports every cross-field problem of a file, sorted by line', () => {
    // GIVEN a schema-valid file whose static route, VPC and zones disagree with each other
    const yaml = edit(
      ['198.51.100.10', '198.51.100.10\n      staticRoutes: [10.99.0.0/24]'],
      ['[192.168.0.0/16]', '[192.168.0.0/16, 10.10.0.0/24]'],
      ['[us-west-2a, us-west-2b]', '[us-west-2a, eu-west-1b]'],
    );

    // THEN one error lists all three, in file order, though they are found in another order
    expect(problemsIn(yaml)).toEqual([
      'envs.yaml:4:35 environments.dev.onPremCidrs[1]: overlaps the VPC of dev/us-west-2 (10.10.0.0/16): an on-premises network and a VPC must not share addresses (got "10.10.0.0/24")',
      'envs.yaml:7:22 environments.dev.vpn.staticRoutes[0]: is not inside any of onPremCidrs (192.168.0.0/16, 10.10.0.0/24) (got "10.99.0.0/24")',
      `envs.yaml:13:41 ${regionPath}.availabilityZones[1]: is not an availability zone of us-west-2; allowed: us-west-2a, us-west-2b, us-west-2c, us-west-2d (got "eu-west-1b")`,
    ]);
  });

  describe('syntax errors', () => {
    it.each<[string, string, string]>([
      [
        'a tab as indentation, which the parser also reports as a misaligned map further down',
        edit(['    dns:', '\tdns:']),
        'envs.yaml:7:1 (top level): is not valid YAML: Tabs are not allowed as indentation (fix this first: the parser reported 1 more error after it, which may follow from it)',
      ],
      [
        'a key indented one space short, which the parser reports twice',
        edit(['    dns:', '   dns:']),
        'envs.yaml:7:1 (top level): is not valid YAML: All mapping items must start at the same column (fix this first: the parser reported 1 more error after it, which may follow from it)',
      ],
      ['a quote left open', edit(['"111111111111"', '"111111111111']), 'envs.yaml:13:1 (top level): is not valid YAML: Missing closing "quote'],
    ])('reports %s once, with its line and column once', (_what, yaml, expected) => {
      const problems = problemsIn(yaml);
      expect(problems).toEqual([expected]);
      expect(problems[0]).not.toMatch(/line \d+|column \d+/);
    });
  });

  describe('overlapping networks: each overlap once, naming both sides', () => {
    const environment = (name: string, account: string, onPrem: string, vpcCidr: string) => [
      `  ${name}:`,
      `    accountId: "${account}"`,
      `    onPremCidrs: [${onPrem}]`,
      '    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f',
      '    dns:',
      `      privateZone: ml.${name}.example.internal`,
      '    regions:',
      '      us-west-2:',
      `        vpcCidr: ${vpcCidr}`,
      '        availabilityZones: [us-west-2a, us-west-2b]',
    ];

    it('reports two overlapping VPCs at the later one only, and each overlapping pair of three', () => {
      // GIVEN staging and prod both inside dev's VPC (lines 21 and 31), but apart from each other
      const yaml = append(
        ...environment('staging', '222222222222', '192.168.0.0/16', '10.10.0.0/17'),
        ...environment('prod', '333333333333', '192.168.0.0/16', '10.10.128.0/17'),
      );

      expect(problemsIn(yaml)).toEqual([
        'envs.yaml:21:18 environments.staging.regions.us-west-2.vpcCidr: overlaps the VPC of dev/us-west-2 (10.10.0.0/16) (got "10.10.0.0/17")',
        'envs.yaml:31:18 environments.prod.regions.us-west-2.vpcCidr: overlaps the VPC of dev/us-west-2 (10.10.0.0/16) (got "10.10.128.0/17")',
      ]);
    });

    it('reports an on-premises network listed by two environments once, naming every VPC it overlaps and its other listing', () => {
      // GIVEN one corporate network 10.0.0.0/8, listed by dev (line 4) and staging (line 15), around both VPCs
      const yaml = append(...environment('staging', '222222222222', '10.0.0.0/8', '10.20.0.0/16')).replace(
        'onPremCidrs: [192.168.0.0/16]',
        'onPremCidrs: [10.0.0.0/8]',
      );

      expect(problemsIn(yaml)).toEqual([
        'envs.yaml:4:19 environments.dev.onPremCidrs[0]: overlaps the VPCs of dev/us-west-2 (10.10.0.0/16), staging/us-west-2 (10.20.0.0/16): an on-premises network and a VPC must not share addresses; also listed at environments.staging.onPremCidrs[0] (got "10.0.0.0/8")',
      ]);
    });
  });

  describe('on-premises networks must be private', () => {
    it.each([['10.200.0.0/16'], ['172.16.0.0/12'], ['172.31.255.0/24'], ['192.168.10.0/24'], ['100.64.0.0/10'], ['100.127.0.0/16']])(
      'accepts %s',
      (onPrem) => {
        expect(parseConfig(FILE, edit(['[192.168.0.0/16]', `[${onPrem}]`])).environments[0].onPremCidrs).toEqual([onPrem]);
      },
    );

    it.each([
      ['203.0.113.0/24', 'a public block'],
      ['172.32.0.0/16', 'just past 172.16.0.0/12'],
      ['192.0.0.0/8', 'a block around 192.168.0.0/16'],
      ['100.128.0.0/16', 'just past 100.64.0.0/10'],
      ['0.0.0.0/8', 'this-network, not routable on-premises either'],
    ])('refuses %s (%s) at its line, saying what is allowed', (onPrem) => {
      expect(problemsIn(edit(['[192.168.0.0/16]', `[192.168.0.0/16, ${onPrem}]`]))).toEqual([
        `envs.yaml:4:35 environments.dev.onPremCidrs[1]: is not a private network; on-premises CIDRs must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 (RFC 1918, and 100.64.0.0/10 shared address space) (got "${onPrem}")`,
      ]);
    });
  });
});
