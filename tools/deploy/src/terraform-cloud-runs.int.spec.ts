import { fetchRunCounts } from './terraform-cloud-runs';
import { startLoopbackApi, type ApiReply, type LoopbackApi } from './testing/loopback-api';

const PLAN = { runId: 'run-CZcmD7eagjhyX0vN', hostname: 'app.terraform.io' };
const ENV = { TF_TOKEN_app_terraform_io: 'atlas-test-token' };

/** `GET /api/v2/runs/<id>?include=plan` as HCP Terraform answers it (JSON:API, the plan included). */
const runWithPlan = (attributes: Record<string, unknown>) => ({
  data: { id: PLAN.runId, type: 'runs', attributes: { status: 'planned_and_saved' }, relationships: { plan: { data: { id: 'plan-1', type: 'plans' } } } },
  included: [{ id: 'plan-1', type: 'plans', attributes }],
});

describe('fetchRunCounts against a loopback Terraform Cloud API', () => {
  let api: LoopbackApi;
  let reply: ApiReply;
  beforeAll(async () => (api = await startLoopbackApi(() => reply)));
  afterAll(() => api.close());
  beforeEach(() => api.requests.splice(0));
  const fetchCounts = (env: NodeJS.ProcessEnv = ENV, timeoutMs?: number) =>
    fetchRunCounts(PLAN, { stack: 'network-prod-us-west-2', env, baseUrl: api.url, ...(timeoutMs ? { timeoutMs } : {}) });

  it("reads the plan's counts of the run, with the host's token", async () => {
    reply = { body: runWithPlan({ 'has-changes': true, 'resource-additions': 42, 'resource-changes': 1, 'resource-destructions': 2 }) };
    expect(await fetchCounts()).toEqual({ add: 42, change: 1, destroy: 2, hasChanges: true });
    expect(api.requests).toEqual([
      expect.objectContaining({ method: 'GET', url: `/api/v2/runs/${PLAN.runId}?include=plan` }),
    ]);
    expect(api.requests[0].headers['authorization']).toBe('Bearer atlas-test-token');
  });

  it('reports a run without changes', async () => {
    reply = { body: runWithPlan({ 'has-changes': false, 'resource-additions': 0, 'resource-changes': 0, 'resource-destructions': 0 }) };
    expect(await fetchCounts()).toEqual({ add: 0, change: 0, destroy: 0, hasChanges: false });
  });

  it('names the variable when there is no token, and asks nothing', async () => {
    await expect(fetchCounts({})).rejects.toThrow(
      `no token for app.terraform.io to read run ${PLAN.runId} of network-prod-us-west-2: set TF_TOKEN_app_terraform_io`,
    );
    expect(api.requests).toEqual([]);
  });

  it.each<[number, string]>([
    [401, `app.terraform.io refused the token in TF_TOKEN_app_terraform_io (401) when reading run ${PLAN.runId} of network-prod-us-west-2`],
    [404, `app.terraform.io has no run ${PLAN.runId} (of network-prod-us-west-2), or the token in TF_TOKEN_app_terraform_io cannot read it`],
    [500, `app.terraform.io answered 500 when reading run ${PLAN.runId} of network-prod-us-west-2`],
  ])('explains an answer %i', async (status, message) => {
    reply = { status, body: { errors: [{ status: String(status) }] } };
    await expect(fetchCounts()).rejects.toThrow(message);
  });

  it('refuses an answer without the counts', async () => {
    reply = { body: { data: { id: PLAN.runId, type: 'runs' } } };
    await expect(fetchCounts()).rejects.toThrow(
      `app.terraform.io answered run ${PLAN.runId} of network-prod-us-west-2 without the plan's resource-additions`,
    );
  });

  it('gives up on a silent server', async () => {
    reply = { hang: true };
    await expect(fetchCounts(ENV, 300)).rejects.toThrow(
      `cannot read run ${PLAN.runId} of network-prod-us-west-2 from app.terraform.io: no answer within 0.3 s`,
    );
  });
});
