import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SynthOutput } from '@privatelink/synth-output';
import { deployOrder, deployStacks } from './deploy-order';
import { applySavedPlans, DeployError, planStacks, readPlanRecord, terraformCli, type Terraform } from './saved-plans';
import { startRecordingProxy, type RecordingProxy } from './testing/recording-proxy';
import { terraformTestEnv, writeSynthFixture, type FixtureStack } from './testing/synth-fixture';

jest.setTimeout(180_000);

/** A network stack with one output, and a SageMaker stack reading it through terraform_remote_state. */
function stacks(vpc: string): FixtureStack[] {
  return [
    {
      id: 'network-qa-r1',
      environment: 'qa',
      region: 'us-west-2',
      body: {
        resource: { terraform_data: { vpc: { input: vpc } } },
        output: { vpc_id: { value: '${terraform_data.vpc.output}' } },
      },
    },
    {
      id: 'sagemaker-qa-r1',
      app: 'sagemaker',
      environment: 'qa',
      region: 'us-west-2',
      dependencies: ['network-qa-r1'],
      body: {
        data: { terraform_remote_state: { network: { backend: 'local', config: { path: '../network-qa-r1/terraform.tfstate' } } } },
        resource: { terraform_data: { notebook: { input: '${data.terraform_remote_state.network.outputs.vpc_id}' } } },
      },
    },
  ];
}

/** A user's shell: none of the variables that keep terraform from calling checkpoint-api.hashicorp.com. */
function shellEnv(work: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = terraformTestEnv(work, { ...process.env, ...extra });
  delete env['CHECKPOINT_DISABLE'];
  delete env['DISABLE_VERSION_CHECK'];
  return env;
}

/** The input of the stack's one managed terraform_data resource, from its local state. */
function inputInState(outdir: string, stack: string): unknown {
  const state = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'terraform.tfstate'), 'utf8')) as {
    resources: { mode: string; type: string; instances: { attributes: { input: unknown } }[] }[];
  };
  return state.resources.find((resource) => resource.mode === 'managed' && resource.type === 'terraform_data')?.instances[0].attributes.input;
}

/** Lets the recording proxy (same process) read what arrived while a synchronous spawn blocked it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('saved plans with the real terraform', () => {
  let work: string;
  let outdir: string;
  let proxy: RecordingProxy;
  let env: NodeJS.ProcessEnv;
  let logged: string[];
  let terraform: Terraform;
  const order = () => deployOrder(deployStacks(SynthOutput.read(outdir)), 'qa');
  const plan = (plansDir: string) => planStacks(order(), { environment: 'qa', plansDir, terraform, env, log: (line) => logged.push(line) });
  const apply = (plansDir: string) => applySavedPlans(order(), { environment: 'qa', plansDir, terraform, log: (line) => logged.push(line) });

  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'saved-plans-'));
    outdir = join(work, 'cdktf.out');
    writeSynthFixture(outdir, stacks('vpc-1'));
    proxy = await startRecordingProxy();
    env = shellEnv(work, {
      HTTPS_PROXY: proxy.url,
      https_proxy: proxy.url,
      GITHUB_OUTPUT: join(work, 'github-output'),
      GITHUB_STEP_SUMMARY: join(work, 'github-summary.md'),
    });
    logged = [];
    terraform = terraformCli({ env, root: work, log: (line) => logged.push(line), quiet: true });
  });
  afterEach(async () => {
    await proxy.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('first deploy: plans the network, defers the stack reading its (not yet existing) state, then plans it once the network is applied', async () => {
    // WHEN the first round is planned
    const first = await plan(join(work, 'round-1'));
    // THEN only the network is planned, into a terraform plan file, and the SageMaker stack waits for it
    expect(first.planned.map((p) => [p.stack, p.counts])).toEqual([['network-qa-r1', { add: 1, change: 0, destroy: 0, hasChanges: true }]]);
    expect(readFileSync(join(work, 'round-1', 'network-qa-r1.tfplan')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(first.deferred).toEqual([{ stack: 'sagemaker-qa-r1', waitsFor: ['network-qa-r1'] }]);
    expect(readFileSync(join(work, 'github-output'), 'utf8')).toBe('has-changes=true\ndeferred=true\n');
    expect(readFileSync(join(work, 'github-summary.md'), 'utf8')).toContain("| network-qa-r1 | 1 | 0 | 0 | local plan `network-qa-r1.tfplan` |");
    expect(readFileSync(join(work, 'round-1', 'summary.md'), 'utf8')).toContain('- sagemaker-qa-r1 (reads network-qa-r1)');
    expect(() => readPlanRecord(join(work, 'round-1'), 'prod', undefined)).toThrow(
      `${join(work, 'round-1', 'plans.json')} holds the plans of qa, not of prod`,
    );

    // AND the approval applies exactly that plan
    expect(apply(join(work, 'round-1')).map((p) => p.stack)).toEqual(['network-qa-r1']);
    expect(logged).toContain('not applied, planned in the next round: sagemaker-qa-r1 (reads network-qa-r1)');

    // WHEN the next round is planned, the SageMaker stack reads the network's new state
    const second = await plan(join(work, 'round-2'));
    expect(second.planned.map((p) => [p.stack, p.counts.hasChanges])).toEqual([
      ['network-qa-r1', false],
      ['sagemaker-qa-r1', true],
    ]);
    expect(second.deferred).toEqual([]);
    expect(apply(join(work, 'round-2')).map((p) => p.stack)).toEqual(['sagemaker-qa-r1']);
    expect(inputInState(outdir, 'sagemaker-qa-r1')).toEqual({ type: 'string', value: 'vpc-1' });

    // AND no terraform call tried to reach checkpoint-api.hashicorp.com (HTTPS_PROXY records every attempt)
    await settle();
    expect(proxy.requests).toEqual([]);
  });

  it('applies only the plan that was approved: refuses another configuration first, then a stale plan', async () => {
    await plan(join(work, 'a'));
    await plan(join(work, 'b'));
    // GIVEN the configuration changed after planning: nothing is applied
    writeSynthFixture(outdir, stacks('vpc-2'));
    expect(() => apply(join(work, 'a'))).toThrow(
      /^network-qa-r1 was planned from another configuration \(cdk\.tf\.json sha256 [0-9a-f]{12}, now [0-9a-f]{12}\): make the plans again from this commit$/,
    );
    expect(logged.filter((line) => line.startsWith('$ terraform') && line.includes(' apply '))).toEqual([]);
    // GIVEN the planned configuration again: plan a applies, and b, made before a was applied, is stale
    writeSynthFixture(outdir, stacks('vpc-1'));
    apply(join(work, 'a'));
    expect(() => apply(join(work, 'b'))).toThrow(new DeployError('terraform apply failed for network-qa-r1 (exit 1)', 1));
    expect(logged.join('\n')).toContain('Saved plan is stale');
  });

  it('shows why the SageMaker stack is deferred: planned before its network has state, its plan fails', () => {
    const sagemaker = order().stacks[1];
    expect(terraform.run(sagemaker, ['init', '-input=false'])).toBe(0);
    const planned = spawnSync('terraform', ['plan', '-input=false', '-no-color'], { cwd: sagemaker.workingDirectory, env, encoding: 'utf8' });
    expect(planned.status).toBe(1);
    expect(planned.stderr).toContain('Unable to find remote state');
  });

  it('would see terraform reach for checkpoint-api.hashicorp.com when nothing turns it off (the proxy records it)', async () => {
    await new Promise((resolve) => spawn('terraform', ['version'], { env, stdio: 'ignore' }).on('exit', resolve));
    await settle();
    expect(proxy.requests).toContain('CONNECT checkpoint-api.hashicorp.com:443 HTTP/1.1');
  });

  it('names the command to run when there are no plans', () => {
    expect(() => readPlanRecord(join(work, 'none'), 'qa', undefined)).toThrow(
      `no plans.json in ${join(work, 'none')}: make the plans first with \`npm run env -- plan --env qa --plans ${join(work, 'none')}\``,
    );
  });
});
