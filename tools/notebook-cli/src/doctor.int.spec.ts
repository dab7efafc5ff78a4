import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DoctorReport } from './doctor';
import { EXIT_CODES } from './exit-codes';
import {
  checkSigV4,
  closedPort,
  operationOf,
  sagemakerApiDouble,
  selfSignedCertificate,
  startLoopbackHttpsServer,
  startSilentServer,
  stsActionOf,
  stsApiDouble,
  synthesizeWorkspace,
  type LoopbackServer,
  type RecordedRequest,
  type Reply,
  type SynthesizedWorkspace,
} from './testing';
import {
  ACCESS_KEY_ID,
  cliProcess,
  cliWith,
  fixedLookup,
  NETWORK,
  networkOutputs,
  ROOT,
  SAGEMAKER,
  SECRET_ACCESS_KEY,
  testEnvironment,
  withScratchNotebook,
} from './testing/cli-harness';

const API_NAME = 'vpce-0api0000000000001-abcdefgh.api.sagemaker.us-west-2.vpce.amazonaws.com';
const NOTEBOOK_ENDPOINT = 'vpce-0nb0000000000001-abcdefgh.notebook.us-west-2.vpce.amazonaws.com';
const STS_NAME = 'sts.us-west-2.amazonaws.com';
const RESEARCH = 'research-dev.notebook.us-west-2.sagemaker.aws';
const SCRATCH = 'scratch-dev.notebook.us-west-2.sagemaker.aws';
const ROLE = 'arn:aws:iam::111111111111:role/sagemaker-privatelink-dev-us-west-2-notebook-user';
const SESSION = 'arn:aws:sts::111111111111:assumed-role/sagemaker-privatelink-dev-us-west-2-notebook-user/alice';
const NOTEBOOKS = [
  { NotebookInstanceName: 'research-dev', NotebookInstanceStatus: 'InService', InstanceType: 'ml.t3.medium' },
  { NotebookInstanceName: 'scratch-dev', NotebookInstanceStatus: 'Stopped', InstanceType: 'ml.t3.large' },
];

// A real synth, loopback servers and one child process: seconds each, more on a busy machine.
jest.setTimeout(60_000);

describe('npm run notebook -- doctor', () => {
  // The names an interface endpoint's certificate covers: the service's own and the endpoint's *.vpce.amazonaws.com ones.
  const aws = selfSignedCertificate([
    'api.sagemaker.us-west-2.amazonaws.com',
    '*.api.sagemaker.us-west-2.vpce.amazonaws.com',
    STS_NAME,
    '*.sts.us-west-2.vpce.amazonaws.com',
    '*.notebook.us-west-2.sagemaker.aws',
    '*.notebook.us-west-2.vpce.amazonaws.com',
    '127.0.0.1',
  ]);
  const savedEnv = { ...process.env };
  let workspace: SynthesizedWorkspace;
  let caFile: string;
  let sagemaker: LoopbackServer;
  let sts: LoopbackServer;
  let notebook: LoopbackServer;
  let sagemakerApi: (request: RecordedRequest) => Reply;
  let stsApi: (request: RecordedRequest) => Reply;
  let answers: Record<string, string | readonly string[]>;

  beforeAll(async () => {
    workspace = synthesizeWorkspace({ editConfig: withScratchNotebook });
    caFile = join(workspace.root, 'aws-ca.pem');
    writeFileSync(caFile, aws.cert);
    sagemaker = await startLoopbackHttpsServer(aws, (request) => sagemakerApi(request), 'application/x-amz-json-1.1');
    sts = await startLoopbackHttpsServer(aws, (request) => stsApi(request), 'text/xml');
    notebook = await startLoopbackHttpsServer(aws, () => ({ status: 200 }), 'text/html');
  });
  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([sagemaker?.close(), sts?.close(), notebook?.close()]);
    workspace?.dispose();
  });

  beforeEach(() => {
    testEnvironment(workspace, caFile);
    // STS at its regional name, on the loopback server's port.
    process.env['AWS_ENDPOINT_URL_STS'] = `https://${STS_NAME}:${sts.port}`;
    workspace.writeState(
      NETWORK,
      networkOutputs(`${API_NAME}:${sagemaker.port}`, { notebook_endpoint_dns_name: `${NOTEBOOK_ENDPOINT}:${notebook.port}`, vpc_cidr: '127.0.0.0/8' }),
    );
    workspace.writeState(SAGEMAKER, {
      notebook_names: ['research-dev', 'scratch-dev'],
      notebook_user_role_arn: ROLE,
      notebook_users_group_name: 'sagemaker-privatelink-dev-us-west-2-notebook-users',
    });
    sagemakerApi = sagemakerApiDouble({ notebooks: NOTEBOOKS });
    stsApi = stsApiDouble({ arn: SESSION });
    // The VPC resolver, as a test sees it: every endpoint name in the VPC (here, loopback).
    answers = { [API_NAME]: '127.0.0.1', [NOTEBOOK_ENDPOINT]: '127.0.0.1', [STS_NAME]: '127.0.0.1', [RESEARCH]: '127.0.0.1', [SCRATCH]: '127.0.0.1' };
    for (const server of [sagemaker, sts, notebook]) server.requests.length = 0;
  });

  const doctor = (...argv: string[]) => cliWith({ lookup: fixedLookup(answers) }, 'doctor', '--env', 'dev', '--region', 'us-west-2', ...argv);
  const lines = (text: string) => text.replaceAll(workspace.root, '<workspace>').trimEnd().split('\n');
  const failure = (text: string) => lines(text).filter((line) => /^(FAIL|\s+fix:)/.test(line));

  it('passes every check on the healthy path, in order, one line each', async () => {
    const result = await doctor('--name', 'research-dev');

    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      'doctor: dev/us-west-2',
      `PASS  outputs      ${NETWORK}: read from <workspace>/terraform.${NETWORK}.tfstate`,
      `PASS  outputs      ${SAGEMAKER}: read from <workspace>/terraform.${SAGEMAKER}.tfstate`,
      `PASS  dns          ${API_NAME}: resolves to 127.0.0.1, inside the VPC 127.0.0.0/8 (the SageMaker API, from api_endpoint_dns_name output of ${NETWORK})`,
      `PASS  dns          ${STS_NAME}: resolves to 127.0.0.1, inside the VPC 127.0.0.0/8 (STS, from AWS_ENDPOINT_URL_STS)`,
      `PASS  dns          ${NOTEBOOK_ENDPOINT}: resolves to 127.0.0.1, inside the VPC 127.0.0.0/8 (the notebook endpoint, from notebook_endpoint_dns_name output of ${NETWORK})`,
      `PASS  dns          ${RESEARCH}: resolves to 127.0.0.1, inside the VPC 127.0.0.0/8 (the notebook's URL, answered by the notebook endpoint's private DNS)`,
      `PASS  tcp          ${API_NAME}:${sagemaker.port}: connected to 127.0.0.1:${sagemaker.port} (the SageMaker API)`,
      `PASS  tls          ${API_NAME}:${sagemaker.port}: the certificate covers ${API_NAME}, issued by api.sagemaker.us-west-2.amazonaws.com, trusted (the SageMaker API)`,
      `PASS  tcp          ${STS_NAME}:${sts.port}: connected to 127.0.0.1:${sts.port} (STS)`,
      `PASS  tls          ${STS_NAME}:${sts.port}: the certificate covers ${STS_NAME}, issued by api.sagemaker.us-west-2.amazonaws.com, trusted (STS)`,
      `PASS  tcp          ${NOTEBOOK_ENDPOINT}:${notebook.port}: connected to 127.0.0.1:${notebook.port} (the notebook endpoint)`,
      `PASS  tls          ${NOTEBOOK_ENDPOINT}:${notebook.port}: the certificate covers ${RESEARCH} (sent as the TLS server name), issued by api.sagemaker.us-west-2.amazonaws.com, trusted (the notebook endpoint)`,
      'PASS  credentials  the default credential chain: access key AKID…0001, long-term',
      `PASS  identity     ${STS_NAME}:${sts.port}: ${SESSION}: a session of the notebook user role`,
      `PASS  notebook     research-dev: InService (ml.t3.medium), through ${API_NAME}:${sagemaker.port}`,
      'all 15 checks passed',
    ]);
    expect(result.code).toBe(0);
    // The calls went through the endpoints, signed for the region, and STS through its own.
    expect(sts.requests.map(stsActionOf)).toEqual(['GetCallerIdentity']);
    expect(checkSigV4(sts.requests[0], SECRET_ACCESS_KEY)).toMatchObject({ accessKeyId: ACCESS_KEY_ID, region: 'us-west-2', service: 'sts', valid: true });
    expect(sagemaker.requests.map(operationOf)).toEqual(['DescribeNotebookInstance']);
    expect(checkSigV4(sagemaker.requests[0], SECRET_ACCESS_KEY)).toMatchObject({ service: 'sagemaker', valid: true });
  });

  it('prints one JSON document with --json, the same checks and exit code', async () => {
    const result = await doctor('--name', 'research-dev', '--json');
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(report).toMatchObject({ environment: 'dev', region: 'us-west-2', exitCode: 0 });
    expect(report.checks.map((check) => `${check.status} ${check.check}`)).toEqual([
      'pass outputs',
      'pass outputs',
      ...Array(4).fill('pass dns'),
      ...Array(3).fill(['pass tcp', 'pass tls']).flat(),
      'pass credentials',
      'pass identity',
      'pass notebook',
    ]);
    expect(result.code).toBe(0);
  });

  it('without --name, lists the notebooks of the config with their status', async () => {
    const result = await doctor();
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toContain(`PASS  dns          ${SCRATCH}: resolves to 127.0.0.1, inside the VPC 127.0.0.0/8 (the notebook's URL, answered by the notebook endpoint's private DNS)`);
    expect(lines(result.stdout).at(-2)).toBe(
      `PASS  notebook     notebooks of dev/us-west-2: research-dev InService, scratch-dev Stopped, through ${API_NAME}:${sagemaker.port}; add --name <notebook> to check one`,
    );
  });

  describe('stack outputs', () => {
    it('says to deploy the network stack, and checks nothing that needs it (exit 3)', async () => {
      workspace.removeState(NETWORK);
      const result = await doctor('--name', 'research-dev');
      expect(lines(result.stdout)).toEqual([
        'doctor: dev/us-west-2',
        `FAIL  outputs  ${NETWORK}: ${NETWORK} is not deployed: no state at <workspace>/terraform.${NETWORK}.tfstate. Deploy it with \`npx cdktf deploy ${NETWORK}\``,
        `PASS  outputs  ${SAGEMAKER}: read from <workspace>/terraform.${SAGEMAKER}.tfstate`,
        `SKIP  dns      the endpoints: needs the outputs of ${NETWORK}`,
        `1 of 3 checks failed; exit 3 (${EXIT_CODES.outputsMissing.meaning}), from the first failure: outputs ${NETWORK}`,
      ]);
      expect(result.code).toBe(3);
    });
  });

  describe('DNS', () => {
    it('names the forwarding to set up when the notebook name does not resolve (exit 4), and goes on with the rest', async () => {
      delete answers[RESEARCH];
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout)).toEqual([
        `FAIL  dns          ${RESEARCH}: no DNS answer (ENOTFOUND) for the notebook's URL, answered by the notebook endpoint's private DNS`,
        "                   fix: you are inside the VPC (10.10.0.0/16) or on-premises (192.168.0.0/16) with the VPN or Direct Connect up; dev has no Route 53 Resolver inbound endpoint: from on-premises, enable dns.resolverInboundEndpoint in the config, or forward the endpoint's name to the VPC resolver yourself",
      ]);
      expect(result.code).toBe(4);
      expect(lines(result.stdout).at(-2)).toMatch(/^PASS {2}notebook {5}research-dev: InService/);
    });

    it('refuses a public answer: the call would leave PrivateLink (exit 4)', async () => {
      answers['api.sagemaker.us-west-2.amazonaws.com'] = ['52.94.133.1', '10.10.1.5'];
      const result = await doctor('--name', 'research-dev', '--public-dns');
      expect(failure(result.stdout)).toEqual([
        'FAIL  dns          api.sagemaker.us-west-2.amazonaws.com: resolves to 52.94.133.1, 10.10.1.5: 52.94.133.1 is a public address, so the call would leave PrivateLink (the SageMaker API, from --public-dns)',
        '                   fix: api.sagemaker.us-west-2.amazonaws.com comes from --public-dns: point it at a host that forwards to the endpoint, or unset it',
      ]);
      expect(lines(result.stdout)).toContain('SKIP  tcp          api.sagemaker.us-west-2.amazonaws.com:443: no usable DNS answer for api.sagemaker.us-west-2.amazonaws.com');
      expect(lines(result.stdout)).toContain('SKIP  notebook     research-dev: the SageMaker API is not reachable');
      expect(result.code).toBe(4);
      expect(sagemaker.requests).toEqual([]);
    });

    it("refuses an endpoint name answered outside the VPC, and names the STS name it would call by default", async () => {
      answers[NOTEBOOK_ENDPOINT] = '192.168.7.7';
      delete process.env['AWS_ENDPOINT_URL_STS'];
      delete answers[STS_NAME];
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout)).toEqual([
        `FAIL  dns          ${STS_NAME}: no DNS answer (ENOTFOUND) for STS, from the regional STS name (the STS endpoint's private DNS)`,
        expect.stringMatching(/^ {19}fix: you are inside the VPC/),
        `FAIL  dns          ${NOTEBOOK_ENDPOINT}: resolves to 192.168.7.7, outside the VPC 127.0.0.0/8 (the notebook endpoint, from notebook_endpoint_dns_name output of ${NETWORK})`,
        expect.stringMatching(/^ {19}fix: the endpoint's addresses are in the VPC: dev has no Route 53 Resolver inbound endpoint/),
      ]);
      expect(lines(result.stdout)).toContain(`SKIP  identity     ${STS_NAME}: STS is not reachable`);
      expect(result.code).toBe(4);
    });
  });

  describe('TCP and TLS', () => {
    it('reports a refused connection (exit 4) and skips what needs it', async () => {
      const port = await closedPort();
      workspace.writeState(NETWORK, networkOutputs(`${API_NAME}:${port}`, { notebook_endpoint_dns_name: `${NOTEBOOK_ENDPOINT}:${notebook.port}`, vpc_cidr: '127.0.0.0/8' }));
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout)).toEqual([
        `FAIL  tcp          ${API_NAME}:${port}: 127.0.0.1:${port} refused or dropped the connection (ECONNREFUSED; the SageMaker API)`,
        '                   fix: you are inside the VPC (10.10.0.0/16) or on-premises (192.168.0.0/16) with the VPN or Direct Connect up and routing 10.10.0.0/16; the endpoint security group admits HTTPS (443) from 10.10.0.0/16, 192.168.0.0/16',
      ]);
      expect(lines(result.stdout)).toContain(`SKIP  tls          ${API_NAME}:${port}: no TCP connection`);
      expect(result.code).toBe(4);
    });

    it('gives up on an endpoint that accepts but never completes TLS after --timeout (exit 4)', async () => {
      const silent = await startSilentServer();
      try {
        workspace.writeState(NETWORK, networkOutputs(`${API_NAME}:${silent.host.split(':')[1]}`, { notebook_endpoint_dns_name: `${NOTEBOOK_ENDPOINT}:${notebook.port}`, vpc_cidr: '127.0.0.0/8' }));
        const result = await doctor('--name', 'research-dev', '--timeout', '0.5');
        expect(failure(result.stdout)).toEqual([
          `FAIL  tls          ${silent.host.replace('127.0.0.1', API_NAME)}: no TLS handshake (ETIMEDOUT; the SageMaker API)`,
          '                   fix: a proxy or firewall between here and the endpoint breaks TLS: let HTTPS to it through untouched',
        ]);
        expect(result.code).toBe(4);
      } finally {
        await silent.close();
      }
    });

    it('refuses a certificate for other names: a CNAME of your own zone in --endpoint-url (exit 4)', async () => {
      answers['api.ml.dev.example.internal'] = '127.0.0.1';
      const result = await doctor('--name', 'research-dev', '--endpoint-url', `https://api.ml.dev.example.internal:${sagemaker.port}`);
      expect(failure(result.stdout)).toEqual([
        `FAIL  tls          api.ml.dev.example.internal:${sagemaker.port}: the certificate does not cover api.ml.dev.example.internal: it names DNS:api.sagemaker.us-west-2.amazonaws.com, DNS:*.api.sagemaker.us-west-2.vpce.amazonaws.com, DNS:sts.us-west-2.amazonaws.com, DNS:*.sts.us-west-2.vpce.amazonaws.com, DNS:*.notebook.us-west-2.sagemaker.aws, DNS:*.notebook.us-west-2.vpce.amazonaws.com, IP Address:127.0.0.1 (the SageMaker API)`,
        `                   fix: api.ml.dev.example.internal:${sagemaker.port} comes from --endpoint-url: an interface endpoint's certificate names the service and the endpoint's *.vpce.amazonaws.com names, not a CNAME in your own zone; call the endpoint's own name (${API_NAME}:${sagemaker.port}) instead`,
      ]);
      expect(result.code).toBe(4);
      expect(sagemaker.requests).toEqual([]);
    });

    it('refuses a certificate it cannot trust, as behind a TLS-inspecting proxy, and points at AWS_CA_BUNDLE (exit 4)', async () => {
      delete process.env['AWS_CA_BUNDLE'];
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout).slice(0, 2)).toEqual([
        `FAIL  tls          ${API_NAME}:${sagemaker.port}: the certificate (issued by api.sagemaker.us-west-2.amazonaws.com) is not trusted: DEPTH_ZERO_SELF_SIGNED_CERT (the SageMaker API)`,
        '                   fix: a TLS-inspecting proxy replaces the certificate: set AWS_CA_BUNDLE to a PEM file holding its certificate authority',
      ]);
      expect(result.code).toBe(4);
    });
  });

  describe('credentials and principal', () => {
    it('says where to get credentials when there are none (exit 1)', async () => {
      delete process.env['AWS_ACCESS_KEY_ID'];
      delete process.env['AWS_SECRET_ACCESS_KEY'];
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout)).toEqual([
        expect.stringMatching(/^FAIL {2}credentials {2}the default credential chain: no AWS credentials \(.+\)$/),
        '                   fix: set AWS_PROFILE or --profile, sign in with `aws sso login --profile <name>`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
      ]);
      expect(lines(result.stdout).slice(-3, -1)).toEqual([`SKIP  identity     ${STS_NAME}:${sts.port}: no credentials`, 'SKIP  notebook     research-dev: no credentials']);
      expect(result.code).toBe(1);
    });

    it('reports credentials STS refuses (exit 1)', async () => {
      stsApi = stsApiDouble({ arn: SESSION, error: { code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' } });
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout)[0]).toBe(
        `FAIL  identity     ${STS_NAME}:${sts.port}: ${STS_NAME}:${sts.port} refused the credentials from the default credential chain for GetCallerIdentity (InvalidClientTokenId: The security token included in the request is invalid.)`,
      );
      expect(result.code).toBe(1);
    });

    it('says which role to assume when the credentials are another principal (exit 5)', async () => {
      stsApi = stsApiDouble({ arn: 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_MLEngineer_0a1b2c3d4e5f6a7b/alice' });
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout)).toEqual([
        `FAIL  identity     ${STS_NAME}:${sts.port}: arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_MLEngineer_0a1b2c3d4e5f6a7b/alice is not the notebook user role ${ROLE}, which the access policy is attached to (with the group sagemaker-privatelink-dev-us-west-2-notebook-users)`,
        `                   fix: assume the role first: a profile with role_arn = ${ROLE} and source_profile = <yours>, then --profile; or \`aws sts assume-role --role-arn ${ROLE} --role-session-name <you>\``,
      ]);
      expect(result.code).toBe(5);
    });

    it("refuses credentials of another account (exit 5), and accepts an IAM user as a group member", async () => {
      stsApi = stsApiDouble({ arn: 'arn:aws:sts::999999999999:assumed-role/sagemaker-privatelink-dev-us-west-2-notebook-user/alice' });
      const other = await doctor('--name', 'research-dev');
      expect(failure(other.stdout)[0]).toBe(
        `FAIL  identity     ${STS_NAME}:${sts.port}: arn:aws:sts::999999999999:assumed-role/sagemaker-privatelink-dev-us-west-2-notebook-user/alice is in account 999999999999, not dev's 111111111111`,
      );
      expect(other.code).toBe(5);

      stsApi = stsApiDouble({ arn: 'arn:aws:iam::111111111111:user/alice' });
      const user = await doctor('--name', 'research-dev');
      expect(lines(user.stdout)).toContain(
        `PASS  identity     ${STS_NAME}:${sts.port}: arn:aws:iam::111111111111:user/alice: an IAM user, allowed only as a member of the group sagemaker-privatelink-dev-us-west-2-notebook-users`,
      );
      expect(user.code).toBe(0);
    });
  });

  describe('the notebook', () => {
    it('says how to start a stopped one, and why it stopped (exit 6)', async () => {
      sagemakerApi = sagemakerApiDouble({ notebooks: [{ ...NOTEBOOKS[0], NotebookInstanceStatus: 'Stopped' }] });
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout)).toEqual([
        'FAIL  notebook     research-dev: Stopped (its idle timer stops it after 60 minutes without activity)',
        '                   fix: start it: `npm run notebook -- start --env dev --region us-west-2 --name research-dev`, or `npm run notebook -- open --env dev --region us-west-2 --name research-dev --start`',
      ]);
      expect(result.code).toBe(6);
    });

    it('reports one the config names but SageMaker does not have as not deployed (exit 3)', async () => {
      sagemakerApi = sagemakerApiDouble({ notebooks: [NOTEBOOKS[0]] });
      const described = await doctor('--name', 'scratch-dev');
      expect(failure(described.stdout)).toEqual([
        'FAIL  notebook     scratch-dev: SageMaker has no notebook instance scratch-dev in us-west-2, though the config names it',
        `                   fix: deploy it: \`npx cdktf deploy ${SAGEMAKER}\``,
      ]);
      expect(described.code).toBe(3);
      const listed = await doctor();
      expect(failure(listed.stdout)[0]).toBe('FAIL  notebook     notebooks of dev/us-west-2: scratch-dev is in the config but not in SageMaker (listed: research-dev InService)');
      expect(listed.code).toBe(3);
    });

    it('explains a denial of DescribeNotebookInstance (exit 5)', async () => {
      sagemakerApi = sagemakerApiDouble({ deny: 'User: arn:aws:sts::111111111111:assumed-role/x/alice is not authorized to perform: sagemaker:DescribeNotebookInstance' });
      const result = await doctor('--name', 'research-dev');
      expect(failure(result.stdout)).toEqual([
        'FAIL  notebook     research-dev: AWS denied DescribeNotebookInstance (AccessDeniedException): User: arn:aws:sts::111111111111:assumed-role/x/alice is not authorized to perform: sagemaker:DescribeNotebookInstance',
        expect.stringMatching(/^ {19}fix: The notebook access policy of dev\/us-west-2 allows it only through the environment's endpoints \(aws:SourceVpce vpce-0api0000000000001\); the call went through vpce-0api0000000000001:/),
      ]);
      expect(result.code).toBe(5);
    });
  });

  it('runs through the real entry point and exits with the first failure (exit 4 where no name resolves)', async () => {
    workspace.writeState(NETWORK, networkOutputs(`127.0.0.1:${sagemaker.port}`, { notebook_endpoint_dns_name: `127.0.0.1:${notebook.port}`, vpc_cidr: '127.0.0.0/8' }));
    const result = await cliProcess({ ...process.env, AWS_ENDPOINT_URL_STS: `https://127.0.0.1:${sts.port}` }, 'doctor', '--env', 'dev', '--region', 'us-west-2', '--name', 'research-dev', '--json');
    const report = JSON.parse(result.stdout) as DoctorReport;
    // The system resolver knows no research-dev.notebook.us-west-2.sagemaker.aws here, or answers it publicly.
    expect(report.checks.filter((check) => check.status === 'fail').map((check) => `${check.check} ${check.subject}`)).toEqual([`dns ${RESEARCH}`]);
    expect(report.exitCode).toBe(4);
    expect(result.code).toBe(4);
  });

  it('lets a configured proxy answer with a private address outside the VPC, and says what it must do', async () => {
    process.env['AWS_ENDPOINT_URL_SAGEMAKER'] = `https://proxy.corp.example:${sagemaker.port}`;
    answers['proxy.corp.example'] = '192.168.5.5';
    const result = await doctor('--name', 'research-dev', '--timeout', '0.5');
    expect(lines(result.stdout)).toContain(
      `PASS  dns          proxy.corp.example: resolves to 192.168.5.5, private but outside the VPC 127.0.0.0/8: AWS_ENDPOINT_URL_SAGEMAKER names a proxy or your own DNS name, which must forward to the endpoint (the SageMaker API, from AWS_ENDPOINT_URL_SAGEMAKER)`,
    );
  });

  describe('every exit code of the README table', () => {
    const readmeTable = () => {
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const start = readme.indexOf('| exit | meaning |');
      expect(start).toBeGreaterThan(-1);
      const rows = readme.slice(start).split('\n').slice(2);
      return rows
        .slice(0, rows.findIndex((row) => !row.startsWith('|')))
        .map((row) => row.split('|').map((cell) => cell.trim()))
        .map(([, code, meaning]) => ({ code: Number(code), meaning }));
    };

    it('lists exactly the codes the CLI has, in the words of --help', () => {
      expect(readmeTable()).toEqual(Object.values(EXIT_CODES));
    });

    const scenarios: Record<number, [string, () => void, string[]]> = {
      0: ['the healthy path', () => undefined, ['--name', 'research-dev']],
      1: ['no credentials', () => {
        delete process.env['AWS_ACCESS_KEY_ID'];
        delete process.env['AWS_SECRET_ACCESS_KEY'];
      }, ['--name', 'research-dev']],
      2: ['a notebook the config does not name', () => undefined, ['--name', 'research']],
      3: ['the network stack not deployed', () => workspace.removeState(NETWORK), []],
      4: ['no DNS answer for the notebook', () => delete answers[RESEARCH], ['--name', 'research-dev']],
      5: ['credentials of another role', () => void (stsApi = stsApiDouble({ arn: 'arn:aws:sts::111111111111:assumed-role/other/alice' })), ['--name', 'research-dev']],
      6: ['a stopped notebook', () => void (sagemakerApi = sagemakerApiDouble({ notebooks: [{ ...NOTEBOOKS[0], NotebookInstanceStatus: 'Stopped' }] })), ['--name', 'research-dev']],
    };

    it.each(Object.values(EXIT_CODES).map(({ code, meaning }) => [code, meaning]))('reaches %i (%s)', async (code) => {
      const [, arrange, argv] = scenarios[code as number];
      arrange();
      expect((await doctor(...argv)).code).toBe(code);
    });
  });
});
