import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { join, resolve } from 'node:path';
import { NETWORK_HANDOFF_OUTPUTS } from '@privatelink/handoff';
import { EXIT_CODES } from './exit-codes';
import { run } from './notebook-cli';
import {
  checkSigV4,
  closedPort,
  operationOf,
  sagemakerApiDouble,
  selfSignedCertificate,
  startLoopbackHttpsServer,
  startSilentServer,
  synthesizeWorkspace,
  type LoopbackServer,
  type RecordedRequest,
  type Reply,
  type SynthesizedWorkspace,
} from './testing';

const ROOT = resolve(__dirname, '../../..');
const ACCESS_KEY_ID = 'AKIDLOOPBACKTEST0001';
const SECRET_ACCESS_KEY = 'loopback/secret+key0000000000000000000001';
const NETWORK = 'network-dev-us-west-2';
const SAGEMAKER = 'sagemaker-dev-us-west-2';
const NOTEBOOKS = [
  { NotebookInstanceName: 'research-dev', NotebookInstanceStatus: 'InService', InstanceType: 'ml.t3.medium' },
  { NotebookInstanceName: 'scratch-dev', NotebookInstanceStatus: 'Stopped', InstanceType: 'ml.t3.large' },
  { NotebookInstanceName: 'archive-dev', NotebookInstanceStatus: 'Stopped', InstanceType: 'ml.t3.medium' },
];

/** A lookup that finds no host, as a resolver without the endpoint's zone would; records what was asked. */
function failingLookup(looked: string[] = []): LookupFunction {
  return (hostname, _options, callback) => {
    looked.push(hostname);
    callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 4);
  };
}

/**
 * Runs the CLI as `npm run notebook` does, in its own process. Needed where Node itself raises the
 * error (DNS, TCP, TLS): inside Jest's sandbox such errors come from another realm, fail the SDK's
 * `instanceof Error` and reach the CLI stripped of their code, which never happens in a real run.
 */
function cliProcess(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/notebook-cli/src/main.ts', ...argv], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Outputs a deployed network stack has: every handoff output, the API endpoint's name set to `apiHost`. */
function networkOutputs(apiHost: string): Record<string, unknown> {
  const values: Record<string, unknown> = Object.fromEntries(
    Object.values(NETWORK_HANDOFF_OUTPUTS).map((spec) => [spec.output, spec.list ? ['subnet-0aaa', 'subnet-0bbb'] : `fake-${spec.output}`]),
  );
  return {
    ...values,
    [NETWORK_HANDOFF_OUTPUTS.apiEndpointId.output]: 'vpce-0api0000000000001',
    [NETWORK_HANDOFF_OUTPUTS.apiEndpointDnsName.output]: apiHost,
    [NETWORK_HANDOFF_OUTPUTS.notebookEndpointDnsName.output]: 'vpce-0nb-abcdefgh.notebook.us-west-2.vpce.amazonaws.com',
    vpn_gateway_id: 'vgw-0123456789abcdef0',
  };
}

// A real synth and child processes (each loads tsx and the SDK): seconds each, more on a busy machine.
jest.setTimeout(60_000);

describe('npm run notebook', () => {
  const tls = selfSignedCertificate(['127.0.0.1', 'localhost']);
  const savedEnv = { ...process.env };
  let workspace: SynthesizedWorkspace;
  let caFile: string;
  let server: LoopbackServer;
  let api: (request: RecordedRequest) => Reply;

  beforeAll(async () => {
    workspace = synthesizeWorkspace();
    caFile = join(workspace.root, 'loopback-ca.pem');
    writeFileSync(caFile, tls.cert);
    server = await startLoopbackHttpsServer(tls, (request) => api(request), 'application/x-amz-json-1.1');
  });
  afterAll(async () => {
    process.env = savedEnv;
    await server?.close();
    workspace?.dispose();
  });

  beforeEach(() => {
    for (const key of Object.keys(process.env)) if (/^(AWS_|TF_TOKEN_)/.test(key)) delete process.env[key];
    // Static keys in the environment: the SDK's standard credential chain finds them first.
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
    workspace.writeState(NETWORK, networkOutputs(server.host));
    workspace.writeState(SAGEMAKER, { notebook_names: ['research-dev', 'scratch-dev'] });
    api = sagemakerApiDouble({ notebooks: NOTEBOOKS });
    server.requests.length = 0;
  });

  async function cli(...argv: string[]) {
    return cliWith({}, ...argv);
  }

  async function cliWith(deps: Parameters<typeof run>[1], ...argv: string[]) {
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
      ...deps,
    });
    return { code, stdout, stderr, opened };
  }

  describe('list', () => {
    it('calls ListNotebookInstances on the endpoint host from the network outputs, signed with SigV4, and prints every page', async () => {
      api = sagemakerApiDouble({ notebooks: NOTEBOOKS, pageSize: 2 });

      const result = await cli('list', '--env', 'dev', '--region', 'us-west-2');

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        [
          'NAME          STATUS     INSTANCE TYPE',
          'archive-dev   Stopped    ml.t3.medium',
          'research-dev  InService  ml.t3.medium',
          'scratch-dev   Stopped    ml.t3.large',
          '',
        ].join('\n'),
      );
      expect(server.requests).toHaveLength(2);
      for (const request of server.requests) {
        expect(request.method).toBe('POST');
        expect(request.headers.host).toBe(server.host);
        expect(operationOf(request)).toBe('ListNotebookInstances');
        expect(checkSigV4(request, SECRET_ACCESS_KEY)).toEqual({
          accessKeyId: ACCESS_KEY_ID,
          region: 'us-west-2',
          service: 'sagemaker',
          signedHeaders: expect.arrayContaining(['host', 'x-amz-date', 'x-amz-target']),
          valid: true,
        });
      }
      expect(JSON.parse(server.requests[0].body)).toEqual({});
      expect(JSON.parse(server.requests[1].body)).toEqual({ NextToken: '2' });
    });

    it('says so when the endpoint lists no notebooks', async () => {
      api = sagemakerApiDouble({ notebooks: [] });
      const result = await cli('list', '--env', 'dev', '--region', 'us-west-2');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`no notebook instances in us-west-2 visible through ${server.host}\n`);
    });

    it('signs with the keys of the profile given by --profile', async () => {
      const credentials = join(workspace.root, 'profile-credentials');
      writeFileSync(
        credentials,
        '[notebook-user]\naws_access_key_id = AKIDPROFILE000000001\naws_secret_access_key = profile-secret-000000000000000000000001\n',
      );
      delete process.env['AWS_ACCESS_KEY_ID'];
      delete process.env['AWS_SECRET_ACCESS_KEY'];
      process.env['AWS_SHARED_CREDENTIALS_FILE'] = credentials;

      const result = await cli('list', '--env', 'dev', '--region', 'us-west-2', '--profile', 'notebook-user');

      expect(result.code).toBe(0);
      expect(checkSigV4(server.requests[0], 'profile-secret-000000000000000000000001')).toMatchObject({
        accessKeyId: 'AKIDPROFILE000000001',
        valid: true,
      });
    });
  });

  describe('open', () => {
    it('calls CreatePresignedNotebookInstanceUrl for the notebook with the session length, prints the URL and opens no browser', async () => {
      const result = await cli('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'research-dev', '--session-seconds', '3600');

      expect(result.code).toBe(0);
      expect(result.stdout).toBe('https://research-dev.notebook.us-west-2.sagemaker.aws?authToken=presigned-research-dev\n');
      expect(result.stderr).toContain('valid for 5 minutes, session 3600 s');
      expect(result.stderr).toContain('through the notebook endpoint (vpce-0nb-abcdefgh.notebook.us-west-2.vpce.amazonaws.com)');
      expect(result.opened).toEqual([]);
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request.headers.host).toBe(server.host);
      expect(operationOf(request)).toBe('CreatePresignedNotebookInstanceUrl');
      expect(JSON.parse(request.body)).toEqual({ NotebookInstanceName: 'research-dev', SessionExpirationDurationInSeconds: 3600 });
      expect(checkSigV4(request, SECRET_ACCESS_KEY)).toMatchObject({ accessKeyId: ACCESS_KEY_ID, service: 'sagemaker', valid: true });
    });

    it('works as a process: URL on stdout, exit 0, the CA from AWS_CA_BUNDLE, the keys from the environment', async () => {
      const result = await cliProcess('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'scratch-dev');
      expect(result.stdout).toBe('https://scratch-dev.notebook.us-west-2.sagemaker.aws?authToken=presigned-scratch-dev\n');
      expect(result.code).toBe(0);
      expect(checkSigV4(server.requests[0], SECRET_ACCESS_KEY)).toMatchObject({ accessKeyId: ACCESS_KEY_ID, valid: true });
    });

    it("leaves the session length to the API's default when not given", async () => {
      const result = await cli('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'research-dev');
      expect(result.code).toBe(0);
      expect(JSON.parse(server.requests[0].body)).toEqual({ NotebookInstanceName: 'research-dev' });
      expect(result.stderr).toContain('session 43200 s');
    });

    it('opens the URL in the browser with --browser', async () => {
      const result = await cli('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'research-dev', '--browser');
      expect(result.code).toBe(0);
      expect(result.opened).toEqual(['https://research-dev.notebook.us-west-2.sagemaker.aws?authToken=presigned-research-dev']);
    });

    it('still prints the URL when no browser can be started', async () => {
      const result = await cliWith(
        { openBrowser: async () => 'xdg-open: spawn xdg-open ENOENT' },
        'open',
        '--env',
        'dev',
        '--region',
        'us-west-2',
        '--name',
        'research-dev',
        '--browser',
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('authToken=presigned-research-dev');
      expect(result.stderr).toContain('could not open a browser (xdg-open: spawn xdg-open ENOENT); open the URL above yourself');
    });

    it.each([['1799'], ['43201'], ['3600.5'], ['an hour']])('refuses --session-seconds %s before any call', async (seconds) => {
      const result = await cli('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'research-dev', '--session-seconds', seconds);
      expect(result.code).toBe(EXIT_CODES.usage.code);
      expect(result.stderr).toContain(`--session-seconds must be a whole number of seconds from 1800 to 43200 (got "${seconds}")`);
      expect(server.requests).toEqual([]);
    });
  });

  describe('unknown environment, region or notebook', () => {
    it('lists the known environments', async () => {
      const result = await cli('list', '--env', 'qa', '--region', 'us-west-2');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`unknown environment "qa" in ${workspace.configFile}; known environments: dev, staging, prod\n`);
      expect(server.requests).toEqual([]);
    });

    it("lists the environment's regions", async () => {
      const result = await cli('list', '--env', 'prod', '--region', 'ap-south-1');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`environment prod has no region "ap-south-1" in ${workspace.configFile}; its regions: us-west-2, eu-west-1\n`);
    });

    it('lists the notebooks of the SageMaker stack', async () => {
      const result = await cli('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'research');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`no notebook "research" in ${SAGEMAKER}; known notebooks: research-dev, scratch-dev\n`);
      expect(server.requests).toEqual([]);
    });
  });

  describe('stack outputs missing', () => {
    it('asks for a synth when cdktf.out does not exist', async () => {
      const missing = join(workspace.root, 'never-synthesized');
      process.env['CDKTF_OUTDIR'] = missing;
      const result = await cli('list', '--env', 'dev', '--region', 'us-west-2');
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(`no synthesized stacks in ${missing}: run \`npm run synth\` first\n`);
    });

    it('names the deploy command when the network stack has no state', async () => {
      workspace.removeState(NETWORK);
      const result = await cli('list', '--env', 'dev', '--region', 'us-west-2');
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        `${NETWORK} is not deployed: no state at ${join(workspace.root, `terraform.${NETWORK}.tfstate`)}. Deploy it with \`npx cdktf deploy ${NETWORK}\`\n`,
      );
    });

    it('names the deploy command when the SageMaker stack has no state', async () => {
      workspace.removeState(SAGEMAKER);
      const result = await cli('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'research-dev');
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`${SAGEMAKER} is not deployed`);
      expect(result.stderr).toContain(`\`npx cdktf deploy ${SAGEMAKER}\``);
      expect(server.requests).toEqual([]);
    });

    it('names the missing output when the state predates it', async () => {
      workspace.writeState(NETWORK, { vpc_id: 'vpc-0123' });
      const result = await cli('list', '--env', 'dev', '--region', 'us-west-2');
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        `${NETWORK} has no output api_endpoint_dns_name (a string) in its state: deploy the current version with \`npx cdktf deploy ${NETWORK}\`\n`,
      );
    });
  });

  describe('endpoint unreachable', () => {
    it('explains a name that does not resolve: VPC or VPN, resolver forwarding', async () => {
      workspace.writeState(NETWORK, networkOutputs('vpce-0.invalid'));
      const result = await cliProcess('list', '--env', 'dev', '--region', 'us-west-2');
      expect(result.code).toBe(EXIT_CODES.unreachable.code);
      expect(result.stderr).toMatch(/^cannot resolve vpce-0\.invalid \((ENOTFOUND|EAI_AGAIN)\): no DNS answer for the SageMaker API endpoint of dev\/us-west-2\./);
      expect(result.stderr).toContain('you are inside the VPC (10.10.0.0/16) or on-premises (192.168.0.0/16) with the VPN or Direct Connect up');
      expect(result.stderr).toContain('dev has no Route 53 Resolver inbound endpoint: from on-premises, enable dns.resolverInboundEndpoint');
    });

    it('names the resolver inbound addresses to forward to when the environment has them', async () => {
      workspace.writeState('network-staging-us-west-2', {
        ...networkOutputs('vpce-0abc-12345678.api.sagemaker.us-west-2.vpce.amazonaws.com'),
        resolver_inbound_ip_addresses: ['10.20.0.10', '10.20.64.10'],
      });
      const result = await cliWith({ lookup: failingLookup() }, 'list', '--env', 'staging', '--region', 'us-west-2');
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('cannot resolve vpce-0abc-12345678.api.sagemaker.us-west-2.vpce.amazonaws.com (ENOTFOUND)');
      expect(result.stderr).toContain(
        'on-premises DNS forwards amazonaws.com and sagemaker.aws queries for us-west-2 (and ml.staging.example.internal) to the Route 53 Resolver inbound endpoint: 10.20.0.10, 10.20.64.10',
      );
    });

    it('calls the public name with --public-dns and explains that private DNS must answer for it', async () => {
      const looked: string[] = [];
      const result = await cliWith({ lookup: failingLookup(looked) }, 'list', '--env', 'dev', '--region', 'us-west-2', '--public-dns');
      expect(result.code).toBe(4);
      expect(new Set(looked)).toEqual(new Set(['api.sagemaker.us-west-2.amazonaws.com']));
      expect(result.stderr).toContain('cannot resolve api.sagemaker.us-west-2.amazonaws.com (ENOTFOUND)');
      expect(result.stderr).toContain("--public-dns needs the endpoint's private DNS to answer for api.sagemaker.us-west-2.amazonaws.com");
      expect(server.requests).toEqual([]);
    });

    it('gives up after --timeout when the endpoint accepts but never answers', async () => {
      const silent = await startSilentServer();
      try {
        workspace.writeState(NETWORK, networkOutputs(silent.host));
        const started = Date.now();
        const result = await cli('list', '--env', 'dev', '--region', 'us-west-2', '--timeout', '0.3');
        expect(Date.now() - started).toBeLessThan(5000);
        expect(silent.accepted()).toBeGreaterThan(0);
        expect(result.code).toBe(EXIT_CODES.unreachable.code);
        expect(result.stderr).toMatch(new RegExp(`^no answer from ${silent.host} within 0\\.3 s \\(ETIMEDOUT\\)`));
        expect(result.stderr).toContain('the VPN tunnels are UP');
        expect(result.stderr).toContain('the endpoint security group lets you in on HTTPS (443): it allows 10.10.0.0/16, 192.168.0.0/16');
        expect(result.stderr).toContain('raise --timeout (now 0.3 s)');
      } finally {
        await silent.close();
      }
    });

    it('explains a refused connection', async () => {
      const port = await closedPort();
      workspace.writeState(NETWORK, networkOutputs(`127.0.0.1:${port}`));
      const result = await cliProcess('list', '--env', 'dev', '--region', 'us-west-2');
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    });

    it('refuses a certificate it does not trust and points at AWS_CA_BUNDLE', async () => {
      delete process.env['AWS_CA_BUNDLE'];
      const result = await cliProcess('list', '--env', 'dev', '--region', 'us-west-2');
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(`the certificate of ${server.host} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT`);
      expect(result.stderr).toContain('set AWS_CA_BUNDLE to a PEM file holding its certificate authority');
      expect(server.requests).toEqual([]);
    });
  });

  describe('access denied', () => {
    const denial =
      'User: arn:aws:sts::111111111111:assumed-role/dev-user/me is not authorized to perform: sagemaker:CreatePresignedNotebookInstanceUrl with an explicit deny in an identity-based policy';

    it('says the call did not come through the allowed endpoint', async () => {
      api = sagemakerApiDouble({ notebooks: NOTEBOOKS, deny: denial });
      const result = await cli('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'research-dev');
      expect(result.code).toBe(EXIT_CODES.accessDenied.code);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`AWS denied CreatePresignedNotebookInstanceUrl (AccessDeniedException): ${denial}`);
      expect(result.stderr).toContain(
        "allows it only through the environment's endpoints (aws:SourceVpce vpce-0api0000000000001)",
      );
      expect(result.stderr).toContain(`the call went through vpce-0api0000000000001: ${server.host} must be the endpoint's name`);
      expect(result.stderr).toContain(
        `the credentials (the default credential chain) are the notebook user role or a member of the notebook users group (outputs notebook_user_role_arn, notebook_users_group_name of ${SAGEMAKER})`,
      );
    });

    it('names the SCP where the environment has one', async () => {
      api = sagemakerApiDouble({ deny: 'denied by SCP' });
      workspace.writeState('network-prod-us-west-2', networkOutputs(server.host));
      const result = await cli('list', '--env', 'prod', '--region', 'us-west-2');
      expect(result.code).toBe(5);
      expect(result.stderr).toContain('AWS denied ListNotebookInstances (AccessDeniedException): denied by SCP');
      expect(result.stderr).toContain('the organization SCP denies SageMaker calls that do not come through the endpoints');
    });
  });

  describe('other failures', () => {
    it('explains missing credentials before any call', async () => {
      delete process.env['AWS_ACCESS_KEY_ID'];
      delete process.env['AWS_SECRET_ACCESS_KEY'];
      const result = await cli('list', '--env', 'dev', '--region', 'us-west-2', '--profile', 'ml-user');
      expect(result.code).toBe(EXIT_CODES.failed.code);
      expect(result.stderr).toMatch(/^no AWS credentials from profile ml-user for ListNotebookInstances \(.+\)\n/);
      expect(result.stderr).toContain('sign in with `aws sso login --profile <name>`');
      expect(server.requests).toEqual([]);
    });

    it('reports a SageMaker error as it is', async () => {
      workspace.writeState(SAGEMAKER, { notebook_names: ['research-dev', 'gone-dev'] });
      const result = await cli('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'gone-dev');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`CreatePresignedNotebookInstanceUrl through ${server.host} failed: ValidationException: RecordNotFound\n`);
    });

    it('reports an AWS_CA_BUNDLE that cannot be read', async () => {
      process.env['AWS_CA_BUNDLE'] = join(workspace.root, 'no-such-ca.pem');
      const result = await cli('list', '--env', 'dev', '--region', 'us-west-2');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`AWS_CA_BUNDLE names ${join(workspace.root, 'no-such-ca.pem')}, which cannot be read`);
    });
  });
  describe('stacks synthesized for Terraform Cloud (TFC_ORGANIZATION)', () => {
    let cloudWorkspace: SynthesizedWorkspace;
    let tfc: LoopbackServer;
    const workspaceIds: Record<string, string> = {
      'smpl-network-dev-us-west-2': 'ws-network01',
      'smpl-sagemaker-dev-us-west-2': 'ws-sagemaker01',
    };

    beforeAll(async () => {
      cloudWorkspace = synthesizeWorkspace({ terraformCloudOrganization: 'acme-ml' });
      tfc = await startLoopbackHttpsServer(
        tls,
        (request) => {
          const workspace = /^\/api\/v2\/organizations\/acme-ml\/workspaces\/([\w-]+)$/.exec(request.url)?.[1];
          if (workspace && workspaceIds[workspace]) return { body: { data: { id: workspaceIds[workspace], type: 'workspaces' } } };
          const outputs: Record<string, Record<string, unknown>> = {
            '/api/v2/workspaces/ws-network01/current-state-version-outputs': networkOutputs(server.host),
            '/api/v2/workspaces/ws-sagemaker01/current-state-version-outputs': { notebook_names: ['research-dev'] },
          };
          const values = outputs[request.url];
          if (!values) return { status: 404, body: { errors: [{ status: '404', title: 'not found' }] } };
          return {
            body: { data: Object.entries(values).map(([name, value]) => ({ type: 'state-version-outputs', attributes: { name, value } })) },
          };
        },
        'application/vnd.api+json',
      );
    });
    afterAll(async () => {
      await tfc?.close();
      cloudWorkspace?.dispose();
    });
    beforeEach(() => {
      process.env['CDKTF_OUTDIR'] = cloudWorkspace.outdir;
      process.env['TF_TOKEN_app_terraform_io'] = 'tfc-team-token';
      tfc.requests.length = 0;
    });

    const viaTfc = (...argv: string[]) => cliWith({ terraformCloud: { baseUrl: `https://${tfc.host}`, ca: tls.cert } }, ...argv);

    it("reads both stacks' outputs from their workspaces with the TF_TOKEN, then opens the notebook", async () => {
      const result = await viaTfc('open', '--env', 'dev', '--region', 'us-west-2', '--name', 'research-dev');

      expect(result.stderr).toContain('valid for 5 minutes');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('https://research-dev.notebook.us-west-2.sagemaker.aws?authToken=presigned-research-dev\n');
      expect(tfc.requests.map((request) => request.url)).toEqual([
        '/api/v2/organizations/acme-ml/workspaces/smpl-network-dev-us-west-2',
        '/api/v2/workspaces/ws-network01/current-state-version-outputs',
        '/api/v2/organizations/acme-ml/workspaces/smpl-sagemaker-dev-us-west-2',
        '/api/v2/workspaces/ws-sagemaker01/current-state-version-outputs',
      ]);
      expect(new Set(tfc.requests.map((request) => request.headers.authorization))).toEqual(new Set(['Bearer tfc-team-token']));
      expect(server.requests.map(operationOf)).toEqual(['CreatePresignedNotebookInstanceUrl']);
    });

    it('reports a workspace that does not exist as a stack that is not deployed', async () => {
      const result = await viaTfc('list', '--env', 'staging', '--region', 'us-west-2');
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        'network-staging-us-west-2 is not deployed: app.terraform.io has no workspace acme-ml/smpl-network-staging-us-west-2, or the token cannot see it. Deploy it with `npx cdktf deploy network-staging-us-west-2`\n',
      );
      expect(server.requests).toEqual([]);
    });
  });
});
