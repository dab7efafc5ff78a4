import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from './exit-codes';
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
import {
  ACCESS_KEY_ID,
  cliProcess,
  cliWith,
  fixedLookup,
  NETWORK,
  networkOutputs,
  SAGEMAKER,
  SECRET_ACCESS_KEY,
  testEnvironment,
  withScratchNotebook,
} from './testing/cli-harness';

const NOTEBOOKS = [
  { NotebookInstanceName: 'research-dev', NotebookInstanceStatus: 'InService', InstanceType: 'ml.t3.medium' },
  { NotebookInstanceName: 'scratch-dev', NotebookInstanceStatus: 'Stopped', InstanceType: 'ml.t3.large' },
  { NotebookInstanceName: 'archive-dev', NotebookInstanceStatus: 'Stopped', InstanceType: 'ml.t3.medium' },
];

/** A clock whose sleep returns at once, moving time on. */
function instantClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
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
    workspace = synthesizeWorkspace({ editConfig: withScratchNotebook });
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
    testEnvironment(workspace, caFile);
    workspace.writeState(NETWORK, networkOutputs(server.host));
    workspace.writeState(SAGEMAKER, { notebook_names: ['research-dev', 'scratch-dev'] });
    api = sagemakerApiDouble({ notebooks: NOTEBOOKS });
    server.requests.length = 0;
  });

  const cli = (...argv: string[]) => cliWith({}, ...argv);
  const dev = ['--env', 'dev', '--region', 'us-west-2'];

  describe('list', () => {
    it('calls ListNotebookInstances on the endpoint host from the network outputs, signed with SigV4, and prints every page', async () => {
      api = sagemakerApiDouble({ notebooks: NOTEBOOKS, pageSize: 2 });

      const result = await cli('list', ...dev);

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
      const result = await cli('list', ...dev);
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

      const result = await cli('list', ...dev, '--profile', 'notebook-user');

      expect(result.code).toBe(0);
      expect(checkSigV4(server.requests[0], 'profile-secret-000000000000000000000001')).toMatchObject({
        accessKeyId: 'AKIDPROFILE000000001',
        valid: true,
      });
    });
  });

  describe('open', () => {
    it('checks the notebook is InService, calls CreatePresignedNotebookInstanceUrl with the session length, prints the URL and opens no browser', async () => {
      const result = await cli('open', ...dev, '--name', 'research-dev', '--session-seconds', '3600');

      expect(result.code).toBe(0);
      expect(result.stdout).toBe('https://research-dev.notebook.us-west-2.sagemaker.aws?authToken=presigned-research-dev\n');
      expect(result.stderr).toBe(
        'Presigned URL of research-dev: valid for 5 minutes, session 3600 s; treat it like a password.\n' +
          'It opens through the notebook endpoint (vpce-0nb-abcdefgh.notebook.us-west-2.vpce.amazonaws.com): use it from the VPC or on-premises.\n',
      );
      expect(result.opened).toEqual([]);
      expect(server.requests.map(operationOf)).toEqual(['DescribeNotebookInstance', 'CreatePresignedNotebookInstanceUrl']);
      const [describe, presign] = server.requests;
      expect(JSON.parse(describe.body)).toEqual({ NotebookInstanceName: 'research-dev' });
      expect(presign.headers.host).toBe(server.host);
      expect(JSON.parse(presign.body)).toEqual({ NotebookInstanceName: 'research-dev', SessionExpirationDurationInSeconds: 3600 });
      for (const request of server.requests) {
        expect(checkSigV4(request, SECRET_ACCESS_KEY)).toMatchObject({ accessKeyId: ACCESS_KEY_ID, service: 'sagemaker', valid: true });
      }
    });

    it('works as a process: URL on stdout, exit 0, the CA from AWS_CA_BUNDLE, the keys from the environment', async () => {
      const result = await cliProcess(process.env, 'open', ...dev, '--name', 'research-dev');
      expect(result.stdout).toBe('https://research-dev.notebook.us-west-2.sagemaker.aws?authToken=presigned-research-dev\n');
      expect(result.code).toBe(0);
      expect(checkSigV4(server.requests[0], SECRET_ACCESS_KEY)).toMatchObject({ accessKeyId: ACCESS_KEY_ID, valid: true });
    });

    it("leaves the session length to the API's default when not given", async () => {
      const result = await cli('open', ...dev, '--name', 'research-dev');
      expect(result.code).toBe(0);
      expect(JSON.parse(server.requests[1].body)).toEqual({ NotebookInstanceName: 'research-dev' });
      expect(result.stderr).toContain('session 43200 s');
    });

    it('opens the URL in the browser with --browser', async () => {
      const result = await cli('open', ...dev, '--name', 'research-dev', '--browser');
      expect(result.code).toBe(0);
      expect(result.opened).toEqual(['https://research-dev.notebook.us-west-2.sagemaker.aws?authToken=presigned-research-dev']);
    });

    it('still prints the URL when no browser can be started', async () => {
      const result = await cliWith({ openBrowser: async () => 'xdg-open: spawn xdg-open ENOENT' }, 'open', ...dev, '--name', 'research-dev', '--browser');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('authToken=presigned-research-dev');
      expect(result.stderr).toContain('could not open a browser (xdg-open: spawn xdg-open ENOENT); open the URL above yourself');
    });

    it.each([['1799'], ['43201'], ['3600.5'], ['an hour']])('refuses --session-seconds %s before any call', async (seconds) => {
      const result = await cli('open', ...dev, '--name', 'research-dev', '--session-seconds', seconds);
      expect(result.code).toBe(EXIT_CODES.usage.code);
      expect(result.stderr).toContain(`--session-seconds must be a whole number of seconds from 1800 to 43200 (got "${seconds}")`);
      expect(server.requests).toEqual([]);
    });
  });

  describe('open a stopped notebook', () => {
    it('without a terminal and without --start, says how to start it and starts nothing (as a process)', async () => {
      const result = await cliProcess(process.env, 'open', ...dev, '--name', 'scratch-dev');
      expect(result.code).toBe(EXIT_CODES.notInService.code);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'scratch-dev is Stopped, and there is no terminal to ask whether to start it: pass --start ' +
          '(`npm run notebook -- open --env dev --region us-west-2 --name scratch-dev --start`), ' +
          'or run `npm run notebook -- start --env dev --region us-west-2 --name scratch-dev`\n',
      );
      expect(server.requests.map(operationOf)).toEqual(['DescribeNotebookInstance']);
    });

    it('names the idle timer when the config gives the notebook one', async () => {
      api = sagemakerApiDouble({ notebooks: [{ ...NOTEBOOKS[0], NotebookInstanceStatus: 'Stopped' }] });
      const result = await cli('open', ...dev, '--name', 'research-dev');
      expect(result.code).toBe(6);
      expect(result.stderr).toMatch(/^research-dev is Stopped \(its idle timer stops it after 60 minutes without activity\), and there is no terminal/);
    });

    it('with --start, starts it, reports each status on its own line while waiting, then prints the URL', async () => {
      const result = await cliWith({ clock: instantClock(), pollSeconds: 15 }, 'open', ...dev, '--name', 'scratch-dev', '--start');

      expect(result.code).toBe(0);
      expect(result.stdout).toBe('https://scratch-dev.notebook.us-west-2.sagemaker.aws?authToken=presigned-scratch-dev\n');
      expect(result.stderr.split('\n').slice(0, 3)).toEqual([
        'scratch-dev: Pending, 0 s (waiting up to 900 s for InService)',
        'scratch-dev: InService, 30 s (waiting up to 900 s for InService)',
        'scratch-dev is InService',
      ]);
      expect(server.requests.map(operationOf)).toEqual([
        'DescribeNotebookInstance',
        'StartNotebookInstance',
        'DescribeNotebookInstance',
        'DescribeNotebookInstance',
        'DescribeNotebookInstance',
        'CreatePresignedNotebookInstanceUrl',
      ]);
      expect(JSON.parse(server.requests[1].body)).toEqual({ NotebookInstanceName: 'scratch-dev' });
    });

    it('on a terminal, asks first; yes starts it, rewriting one progress line in place', async () => {
      const asked: string[] = [];
      const result = await cliWith(
        {
          clock: instantClock(),
          interactive: true,
          prompt: async (question) => {
            asked.push(question);
            return 'y';
          },
        },
        'open',
        ...dev,
        '--name',
        'scratch-dev',
      );
      expect(asked).toEqual(['scratch-dev is Stopped. Start it now (a few minutes)? [y/N] ']);
      expect(result.code).toBe(0);
      const rewrite = '\r\x1b[K';
      expect(result.stderr.startsWith(`${rewrite}scratch-dev: Pending, 0 s (waiting up to 900 s for InService)${rewrite}scratch-dev: Pending, 10 s `)).toBe(true);
      expect(result.stderr).toContain('\r\x1b[Kscratch-dev: InService, 20 s (waiting up to 900 s for InService)\nscratch-dev is InService\n');
    });

    it('on a terminal, no leaves it stopped', async () => {
      const result = await cliWith({ interactive: true, prompt: async () => '' }, 'open', ...dev, '--name', 'scratch-dev');
      expect(result.code).toBe(6);
      expect(result.stderr).toContain(
        'scratch-dev is Stopped; left as it is. start it with `npm run notebook -- open --env dev --region us-west-2 --name scratch-dev --start`',
      );
      expect(server.requests.map(operationOf)).not.toContain('StartNotebookInstance');
    });

    it('gives up after --wait-seconds with the status it is stuck in', async () => {
      api = sagemakerApiDouble({ notebooks: NOTEBOOKS, transitionDescribes: 100 });
      const result = await cliWith({ clock: instantClock() }, 'open', ...dev, '--name', 'scratch-dev', '--start', '--wait-seconds', '30');
      expect(result.code).toBe(6);
      expect(result.stderr.trimEnd().split('\n').pop()).toBe(
        'scratch-dev is still Pending after 30 s: run `npm run notebook -- open --env dev --region us-west-2 --name scratch-dev` again in a while, or give a longer --wait-seconds',
      );
    });

    it('waits out Stopping, then starts it', async () => {
      api = sagemakerApiDouble({ notebooks: [{ ...NOTEBOOKS[1], NotebookInstanceStatus: 'InService' }] });
      expect((await cli('stop', ...dev, '--name', 'scratch-dev', '--wait-seconds', '0')).code).toBe(0);
      server.requests.length = 0;

      const result = await cliWith({ clock: instantClock() }, 'open', ...dev, '--name', 'scratch-dev', '--start');

      expect(result.code).toBe(0);
      expect(server.requests.map(operationOf).slice(0, 4)).toEqual([
        'DescribeNotebookInstance',
        'DescribeNotebookInstance',
        'StartNotebookInstance',
        'DescribeNotebookInstance',
      ]);
      expect(result.stderr).toContain('scratch-dev: Stopping, 0 s (waiting up to 900 s for InService)\nscratch-dev: Stopped, 10 s');
    });

    it('reports a Failed notebook with its reason and does not start it', async () => {
      api = sagemakerApiDouble({
        notebooks: [{ ...NOTEBOOKS[1], NotebookInstanceStatus: 'Failed', FailureReason: 'Insufficient capacity for ml.t3.large' }],
      });
      const result = await cli('open', ...dev, '--name', 'scratch-dev', '--start');
      expect(result.code).toBe(6);
      expect(result.stderr).toBe(
        'scratch-dev is Failed (Insufficient capacity for ml.t3.large); start it with `npm run notebook -- open --env dev --region us-west-2 --name scratch-dev --start` or `npm run notebook -- start --env dev --region us-west-2 --name scratch-dev`\n',
      );
      expect(server.requests.map(operationOf)).toEqual(['DescribeNotebookInstance']);
    });
  });

  describe('start and stop', () => {
    it('starts a stopped notebook and waits for InService', async () => {
      const result = await cliWith({ clock: instantClock() }, 'start', ...dev, '--name', 'scratch-dev');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n').pop()).toBe(
        'scratch-dev is InService; open it: `npm run notebook -- open --env dev --region us-west-2 --name scratch-dev`',
      );
      expect(server.requests.map(operationOf).filter((operation) => operation !== 'DescribeNotebookInstance')).toEqual(['StartNotebookInstance']);
    });

    it('says a notebook is already where it was asked to go, and calls nothing else', async () => {
      const started = await cli('start', ...dev, '--name', 'research-dev');
      expect(started).toMatchObject({ code: 0, stderr: 'research-dev is already InService\n' });
      const stopped = await cli('stop', ...dev, '--name', 'scratch-dev');
      expect(stopped).toMatchObject({ code: 0, stderr: 'scratch-dev is already Stopped\n' });
      expect(server.requests.map(operationOf)).toEqual(['DescribeNotebookInstance', 'DescribeNotebookInstance']);
    });

    it('stops an InService notebook; with --wait-seconds 0 it returns once asked', async () => {
      const result = await cli('stop', ...dev, '--name', 'research-dev', '--wait-seconds', '0');
      expect(result).toMatchObject({ code: 0, stderr: 'asked SageMaker to stop research-dev; it is Stopping (not waiting: --wait-seconds 0)\n' });
      expect(server.requests.map(operationOf)).toEqual(['DescribeNotebookInstance', 'StopNotebookInstance', 'DescribeNotebookInstance']);
      const waited = await cliWith({ clock: instantClock() }, 'stop', ...dev, '--name', 'research-dev');
      expect(waited).toMatchObject({ code: 0 });
      expect(waited.stderr.trimEnd().split('\n').pop()).toBe('research-dev is Stopped');
    });

    it('starts a Failed notebook again, and says so when it fails again', async () => {
      api = sagemakerApiDouble({
        notebooks: [{ ...NOTEBOOKS[1], NotebookInstanceStatus: 'Failed', FailureReason: 'capacity' }],
        startFailure: 'lifecycle script on-start failed',
      });
      const result = await cliWith({ clock: instantClock() }, 'start', ...dev, '--name', 'scratch-dev');
      expect(result.code).toBe(6);
      expect(result.stderr.trimEnd().split('\n').pop()).toBe(
        'scratch-dev is Failed (lifecycle script on-start failed) again after starting; look at its FailureReason in `npm run notebook -- doctor --env dev --region us-west-2 --name scratch-dev`',
      );
    });

    it('reports a state SageMaker refuses to change as it is', async () => {
      api = (request) =>
        operationOf(request) === 'DescribeNotebookInstance'
          ? { body: { NotebookInstanceName: 'scratch-dev', NotebookInstanceStatus: 'Stopped' } }
          : { status: 400, headers: { 'x-amzn-errortype': 'ValidationException' }, body: { __type: 'ValidationException', Message: 'Status (InService) not in ([Stopped, Failed])' } };
      const result = await cli('start', ...dev, '--name', 'scratch-dev');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`StartNotebookInstance through ${server.host} failed: ValidationException: Status (InService) not in ([Stopped, Failed])`);
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

    it.each([['open'], ['start'], ['stop'], ['doctor']])(
      '%s: lists the notebooks of the config, before any state is read (exit 2 even when nothing is deployed)',
      async (command) => {
        workspace.removeState(SAGEMAKER);
        workspace.removeState(NETWORK);
        process.env['CDKTF_OUTDIR'] = join(workspace.root, 'never-synthesized');
        const result = await cli(command, ...dev, '--name', 'research');
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`no notebook "research" in environment dev of ${workspace.configFile}; known notebooks: research-dev, scratch-dev\n`);
        expect(server.requests).toEqual([]);
      },
    );

    it('says to deploy when the config has a notebook the deployed stack does not', async () => {
      workspace.writeState(SAGEMAKER, { notebook_names: ['research-dev'] });
      const result = await cli('open', ...dev, '--name', 'scratch-dev');
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        `${SAGEMAKER} has no notebook scratch-dev yet (its notebook_names: research-dev), though the config names it: deploy the current version with \`npx cdktf deploy ${SAGEMAKER}\`\n`,
      );
    });
  });

  describe('stack outputs missing', () => {
    it('asks for a synth when cdktf.out does not exist', async () => {
      const missing = join(workspace.root, 'never-synthesized');
      process.env['CDKTF_OUTDIR'] = missing;
      const result = await cli('list', ...dev);
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(`no synth output in ${missing}: run \`npm run synth\`\n`);
    });

    it('names the deploy command when the network stack has no state', async () => {
      workspace.removeState(NETWORK);
      const result = await cli('list', ...dev);
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        `${NETWORK} is not deployed: no state at ${join(workspace.root, `terraform.${NETWORK}.tfstate`)}. Deploy it with \`npx cdktf deploy ${NETWORK}\`\n`,
      );
    });

    it('names the deploy command when the SageMaker stack has no state', async () => {
      workspace.removeState(SAGEMAKER);
      const result = await cli('open', ...dev, '--name', 'research-dev');
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`${SAGEMAKER} is not deployed`);
      expect(result.stderr).toContain(`\`npx cdktf deploy ${SAGEMAKER}\``);
      expect(server.requests).toEqual([]);
    });

    it('names the missing output when the state predates it', async () => {
      workspace.writeState(NETWORK, { vpc_id: 'vpc-0123' });
      const result = await cli('list', ...dev);
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        `${NETWORK} has no output api_endpoint_dns_name (a string) in its state: deploy the current version with \`npx cdktf deploy ${NETWORK}\`\n`,
      );
    });
  });

  describe('endpoint unreachable', () => {
    it('explains a name that does not resolve: VPC or VPN, resolver forwarding', async () => {
      workspace.writeState(NETWORK, networkOutputs('vpce-0.invalid'));
      const result = await cliProcess(process.env, 'list', ...dev);
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
      const result = await cliWith({ lookup: fixedLookup({}) }, 'list', '--env', 'staging', '--region', 'us-west-2');
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('cannot resolve vpce-0abc-12345678.api.sagemaker.us-west-2.vpce.amazonaws.com (ENOTFOUND)');
      expect(result.stderr).toContain(
        'on-premises DNS forwards amazonaws.com and sagemaker.aws queries for us-west-2 (and ml.staging.example.internal) to the Route 53 Resolver inbound endpoint: 10.20.0.10, 10.20.64.10',
      );
    });

    it('calls the public name with --public-dns and explains that private DNS must answer for it', async () => {
      const looked: string[] = [];
      const result = await cliWith({ lookup: fixedLookup({}, looked) }, 'list', ...dev, '--public-dns');
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
        const result = await cli('list', ...dev, '--timeout', '0.3');
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
      const result = await cliProcess(process.env, 'list', ...dev);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    });

    it('refuses a certificate it does not trust and points at AWS_CA_BUNDLE', async () => {
      const result = await cliProcess({ ...process.env, AWS_CA_BUNDLE: '' }, 'list', ...dev);
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(`the certificate of ${server.host} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT`);
      expect(result.stderr).toContain('set AWS_CA_BUNDLE to a PEM file holding its certificate authority');
      expect(result.stderr).toContain(`${server.host} is the api_endpoint_dns_name output of ${NETWORK}`);
      expect(server.requests).toEqual([]);
    });
  });

  describe('endpoint overrides, as the AWS CLI takes them', () => {
    let other: LoopbackServer;
    beforeAll(async () => {
      other = await startLoopbackHttpsServer(tls, (request) => api(request), 'application/x-amz-json-1.1');
    });
    afterAll(() => other?.close());
    beforeEach(() => {
      other.requests.length = 0;
      // The endpoint's own name does not resolve here: a call that reaches a server went elsewhere.
      workspace.writeState(NETWORK, networkOutputs('vpce-0api-abcdefgh.api.sagemaker.us-west-2.vpce.amazonaws.com'));
    });

    it.each([
      ['AWS_ENDPOINT_URL_SAGEMAKER', {}],
      ['AWS_ENDPOINT_URL', {}],
      ['AWS_ENDPOINT_URL_SAGEMAKER', { AWS_ENDPOINT_URL: 'https://127.0.0.1:9' }],
    ])('sends every call to %s (%j)', async (variable, extra) => {
      Object.assign(process.env, extra, { [variable]: `https://${other.host}` });
      const result = await cli('open', ...dev, '--name', 'research-dev');
      expect(result.code).toBe(0);
      expect(other.requests.map(operationOf)).toEqual(['DescribeNotebookInstance', 'CreatePresignedNotebookInstanceUrl']);
      expect(other.requests.map((request) => request.headers.host)).toEqual([other.host, other.host]);
      expect(checkSigV4(other.requests[1], SECRET_ACCESS_KEY)).toMatchObject({ region: 'us-west-2', service: 'sagemaker', valid: true });
    });

    it('takes --endpoint-url over the variables', async () => {
      process.env['AWS_ENDPOINT_URL_SAGEMAKER'] = `https://${server.host}`;
      const result = await cli('list', ...dev, '--endpoint-url', `https://${other.host}`);
      expect(result.code).toBe(0);
      expect(other.requests).toHaveLength(1);
      expect(server.requests).toEqual([]);
    });

    it('ignores the variables under AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', async () => {
      Object.assign(process.env, { AWS_ENDPOINT_URL_SAGEMAKER: `https://${other.host}`, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
      const result = await cliWith({ lookup: fixedLookup({}) }, 'list', ...dev);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^cannot resolve vpce-0api-abcdefgh\.api\.sagemaker\.us-west-2\.vpce\.amazonaws\.com \(ENOTFOUND\)/);
      expect(other.requests).toEqual([]);
    });

    it('names the host actually called, and where it came from, when that fails (as a process)', async () => {
      const port = await closedPort();
      const result = await cliProcess({ ...process.env, AWS_ENDPOINT_URL_SAGEMAKER: `https://127.0.0.1:${port}` }, 'list', ...dev);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
      expect(result.stderr).toContain(`  - 127.0.0.1:${port} comes from AWS_ENDPOINT_URL_SAGEMAKER: is that the host you meant to call?`);
    });

    it('with --public-dns calls the public name even when a variable is set, and says so', async () => {
      process.env['AWS_ENDPOINT_URL_SAGEMAKER'] = `https://${other.host}`;
      const looked: string[] = [];
      const result = await cliWith({ lookup: fixedLookup({}, looked) }, 'list', ...dev, '--public-dns');
      expect(result.code).toBe(4);
      expect(new Set(looked)).toEqual(new Set(['api.sagemaker.us-west-2.amazonaws.com']));
      expect(result.stderr).toMatch(/^cannot resolve api\.sagemaker\.us-west-2\.amazonaws\.com \(ENOTFOUND\)/);
      expect(other.requests).toEqual([]);
    });
  });

  describe('access denied', () => {
    const denial =
      'User: arn:aws:sts::111111111111:assumed-role/dev-user/me is not authorized to perform: sagemaker:DescribeNotebookInstance with an explicit deny in an identity-based policy';

    it('says the call did not come through the allowed endpoint', async () => {
      api = sagemakerApiDouble({ notebooks: NOTEBOOKS, deny: denial });
      const result = await cli('open', ...dev, '--name', 'research-dev');
      expect(result.code).toBe(EXIT_CODES.accessDenied.code);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`AWS denied DescribeNotebookInstance (AccessDeniedException): ${denial}`);
      expect(result.stderr).toContain("allows it only through the environment's endpoints (aws:SourceVpce vpce-0api0000000000001)");
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
      const result = await cli('list', ...dev, '--profile', 'ml-user');
      expect(result.code).toBe(EXIT_CODES.failed.code);
      expect(result.stderr).toMatch(/^no AWS credentials from profile ml-user for ListNotebookInstances \(.+\)\n/);
      expect(result.stderr).toContain('sign in with `aws sso login --profile <name>`');
      expect(server.requests).toEqual([]);
    });

    it('reports a SageMaker error as it is', async () => {
      api = sagemakerApiDouble({ notebooks: [NOTEBOOKS[0]] });
      const result = await cli('open', ...dev, '--name', 'scratch-dev');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`DescribeNotebookInstance through ${server.host} failed: ValidationException: RecordNotFound\n`);
    });

    it('reports an AWS_CA_BUNDLE that cannot be read', async () => {
      process.env['AWS_CA_BUNDLE'] = join(workspace.root, 'no-such-ca.pem');
      const result = await cli('list', ...dev);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`AWS_CA_BUNDLE names ${join(workspace.root, 'no-such-ca.pem')}, which cannot be read`);
    });
  });

  describe('the command line, through the real entry point', () => {
    it('names the closest option to an unknown one', async () => {
      const result = await cliProcess(process.env, 'open', ...dev, '--nmae', 'research-dev');
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe('unknown option --nmae; did you mean --name?');
      expect(result.stderr).toContain('Run `npm run notebook -- --help` for usage.\n');
      expect(server.requests).toEqual([]);
    });

    it('refuses a repeated option instead of taking the last one', async () => {
      const result = await cliProcess(process.env, 'list', ...dev, '--env', 'prod');
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe('--env is given twice (--env dev, then --env prod); give it once');
    });

    it('explains every command and exit code on --help, exit 0', async () => {
      const result = await cliProcess(process.env, 'doctor', '--help');
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^Usage: npm run notebook -- doctor --env <env> --region <region>/);
      expect(result.stdout).toContain(`  6  ${EXIT_CODES.notInService.meaning}\n`);
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
          const found = /^\/api\/v2\/organizations\/acme-ml\/workspaces\/([\w-]+)$/.exec(request.url)?.[1];
          if (found && workspaceIds[found]) return { body: { data: { id: workspaceIds[found], type: 'workspaces' } } };
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
      const result = await viaTfc('open', ...dev, '--name', 'research-dev');

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
      expect(server.requests.map(operationOf)).toEqual(['DescribeNotebookInstance', 'CreatePresignedNotebookInstanceUrl']);
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
