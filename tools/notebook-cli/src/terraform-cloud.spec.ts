import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkspaceOutputs, tokenVariable } from './terraform-cloud';
import { selfSignedCertificate, startLoopbackHttpsServer, type LoopbackServer, type RecordedRequest, type Reply } from './testing';

const WORKSPACE = { organization: 'acme-ml', workspace: 'network-dev-us-west-2' };
const WORKSPACE_PATH = '/api/v2/organizations/acme-ml/workspaces/network-dev-us-west-2';
const OUTPUTS_PATH = '/api/v2/workspaces/ws-abc123/current-state-version-outputs';

const output = (name: string, value: unknown) => ({ id: `wsout-${name}`, type: 'state-version-outputs', attributes: { name, value } });

describe('Terraform Cloud outputs', () => {
  const tls = selfSignedCertificate(['127.0.0.1']);
  const savedEnv = { ...process.env };
  let server: LoopbackServer;
  let answer: (request: RecordedRequest) => Reply;
  let home: string;

  beforeAll(async () => {
    server = await startLoopbackHttpsServer(tls, (request) => answer(request), 'application/vnd.api+json');
  });
  afterAll(async () => {
    process.env = savedEnv;
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    home = mkdtempSync(join(tmpdir(), 'tfc-home-'));
    process.env['HOME'] = home;
    process.env['TF_TOKEN_app_terraform_io'] = 'team-token';
    answer = (request) => {
      if (request.url === WORKSPACE_PATH) return { body: { data: { id: 'ws-abc123', type: 'workspaces' } } };
      if (request.url === OUTPUTS_PATH) {
        return { body: { data: [output('vpc_id', 'vpc-0123')], links: { next: `https://${server.host}${OUTPUTS_PATH}?page%5Bnumber%5D=2` } } };
      }
      if (request.url === `${OUTPUTS_PATH}?page%5Bnumber%5D=2`) {
        return { body: { data: [output('private_subnet_ids', ['subnet-1', 'subnet-2'])], links: { next: null } } };
      }
      return { status: 404, body: { errors: [{ status: '404', title: 'not found' }] } };
    };
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const read = (workspace: Parameters<typeof readWorkspaceOutputs>[0] = WORKSPACE) =>
    readWorkspaceOutputs(workspace, {
      stack: 'network-dev-us-west-2',
      env: process.env,
      timeoutMs: 2000,
      baseUrl: `https://${server.host}`,
      ca: tls.cert,
    });

  it('finds the workspace by name and reads every page of its current outputs with the token', async () => {
    await expect(read()).resolves.toEqual({ vpc_id: 'vpc-0123', private_subnet_ids: ['subnet-1', 'subnet-2'] });
    expect(server.requests.map((request) => request.url)).toEqual([WORKSPACE_PATH, OUTPUTS_PATH, `${OUTPUTS_PATH}?page%5Bnumber%5D=2`]);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe('Bearer team-token');
      expect(request.headers.accept).toBe('application/vnd.api+json');
    }
  });

  it('uses the token `terraform login` stored when no TF_TOKEN variable is set', async () => {
    delete process.env['TF_TOKEN_app_terraform_io'];
    mkdirSync(join(home, '.terraform.d'));
    writeFileSync(
      join(home, '.terraform.d', 'credentials.tfrc.json'),
      JSON.stringify({ credentials: { 'app.terraform.io': { token: 'login-token' } } }),
    );
    await read();
    expect(server.requests[0].headers.authorization).toBe('Bearer login-token');
  });

  it('asks for a token when there is none', async () => {
    delete process.env['TF_TOKEN_app_terraform_io'];
    await expect(read()).rejects.toThrow(
      'no Terraform Cloud token for app.terraform.io to read the outputs of network-dev-us-west-2: set TF_TOKEN_app_terraform_io or run `terraform login app.terraform.io`',
    );
    expect(server.requests).toEqual([]);
  });

  it("reads a Terraform Enterprise host's token from its own variable", async () => {
    expect(tokenVariable('tfe.corp-example.com')).toBe('TF_TOKEN_tfe_corp__example_com');
    process.env['TF_TOKEN_tfe_corp__example_com'] = 'tfe-token';
    await read({ ...WORKSPACE, hostname: 'tfe.corp-example.com' });
    expect(server.requests[0].headers.authorization).toBe('Bearer tfe-token');
  });

  it('reports an unknown workspace as not deployed, with the deploy command', async () => {
    await expect(read({ ...WORKSPACE, workspace: 'network-qa-us-west-2' })).rejects.toMatchObject({
      reason: 'outputsMissing',
      message:
        'network-dev-us-west-2 is not deployed: app.terraform.io has no workspace acme-ml/network-qa-us-west-2, or the token cannot see it. Deploy it with `npx cdktf deploy network-dev-us-west-2`',
    });
  });

  it('reports a workspace without state as not deployed', async () => {
    const base = answer;
    answer = (request) => (request.url === OUTPUTS_PATH ? { status: 404, body: { errors: [] } } : base(request));
    await expect(read()).rejects.toMatchObject({
      reason: 'outputsMissing',
      message:
        'network-dev-us-west-2 is not deployed: workspace acme-ml/network-dev-us-west-2 has no state yet. Deploy it with `npx cdktf deploy network-dev-us-west-2`',
    });
  });

  it('says when the token is refused', async () => {
    answer = () => ({ status: 401, body: { errors: [{ status: '401', title: 'unauthorized' }] } });
    await expect(read()).rejects.toThrow(
      'app.terraform.io refused the token (401) when reading workspace acme-ml/network-dev-us-west-2: renew it with `terraform login app.terraform.io` or TF_TOKEN_app_terraform_io',
    );
  });

  it('never follows a next page to another host with the token', async () => {
    const base = answer;
    answer = (request) =>
      request.url === OUTPUTS_PATH ? { body: { data: [], links: { next: 'https://elsewhere.example/api/v2/steal' } } } : base(request);
    await expect(read()).rejects.toThrow(
      'app.terraform.io pointed the next page of outputs at another host (https://elsewhere.example); not following it',
    );
    expect(server.requests).toHaveLength(2);
  });
});
