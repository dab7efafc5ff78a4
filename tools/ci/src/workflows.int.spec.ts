import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  actionsPinnedToCommits,
  applyAfterApprovedPlan,
  checkoutWithoutCredentials,
  dispatchOnlyFromMain,
  leastPrivilege,
  noWorkflowLevelSecrets,
  parseWorkflowFile,
  pullRequestCodeCannotApply,
  secretsOnlyInTheirEnvironment,
  SECURITY_RULES,
  type ParsedJob,
  type ParsedWorkflow,
} from './testing/workflow-rules';
import { ROOT } from './testing/workspace-copy';

jest.setTimeout(60_000);

/**
 * The Node line CI runs: the Active LTS on 2026-12-01. Node 26 entered LTS on 2026-10-28 (24 moved
 * to maintenance on 2026-10-20); schedule.json of nodejs/Release, as quoted in nodejs/docker-node#2435.
 */
const CURRENT_LTS = '26';

const job = (workflow: ParsedWorkflow, id: string): ParsedJob => {
  const found = workflow.jobs.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no job ${id}; jobs: ${workflow.jobs.map((j) => j.id).join(', ')}`);
  return found;
};

const CHECKOUT = 'actions/checkout@8e8c483db84b4bee98b60c0593521ed34d9990e8 # v6.0.1';

/** A small workflow that passes every rule; each broken case changes one thing. */
function workflowText(parts: { on?: string; permissions?: string; env?: string; jobEnvironment?: string; jobIf?: string; jobPermissions?: string; steps?: string } = {}): string {
  const jobPermissions = parts.jobPermissions ?? '    permissions:\n      contents: read\n';
  return [
    `on:\n${parts.on ?? '  push:\n    branches: [main]\n'}`,
    parts.permissions ?? 'permissions: {}\n',
    parts.env ?? '',
    'jobs:\n  build:\n    runs-on: ubuntu-24.04\n',
    parts.jobEnvironment ?? '',
    parts.jobIf ?? '',
    jobPermissions,
    '    steps:\n',
    parts.steps ?? `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n      - run: npm ci\n`,
  ].join('');
}

describe("GitHub workflows, read by GitHub's parser as a security reviewer reads them", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'workflow-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let count = 0;
  const parseText = (text: string): ParsedWorkflow => {
    const file = join(dir, `case-${++count}.yml`);
    writeFileSync(file, text);
    const workflow = parseWorkflowFile(file);
    expect(workflow.errors).toEqual([]);
    return { ...workflow, file: 'case.yml' };
  };

  it('reports errors in a broken workflow (the parser can fail)', () => {
    const file = join(dir, 'broken.yml');
    writeFileSync(file, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [missing]\n    stepz: []\n');
    expect(parseWorkflowFile(file).errors.join('\n')).toMatch(/stepz|missing/);
  });

  const workflows = ['.github/workflows/pull-request.yml', '.github/workflows/deploy.yml'].map((file) => parseWorkflowFile(join(ROOT, file)));

  describe.each(workflows.map((workflow) => [workflow.file, workflow] as const))('%s', (_file, workflow) => {
    it('parses without errors', () => {
      expect(workflow.errors).toEqual([]);
    });

    it.each(Object.entries(SECURITY_RULES))('passes %s', (_rule, rule) => {
      expect(rule(workflow)).toEqual([]);
    });
  });

  describe('each rule fails a workflow that breaks it', () => {
    it('a job running pull-request code with a token that can apply, or a plan token without an environment', () => {
      const steps = (secret: string) => `      - run: npm run env -- diff --env dev\n        env:\n          TF_TOKEN_app_terraform_io: \${{ secrets.${secret} }}\n`;
      const applyToken = parseText(workflowText({ on: '  pull_request:\n', jobEnvironment: '    environment: prod\n', steps: steps('TFC_TOKEN_PROD') }));
      expect(pullRequestCodeCannotApply(applyToken)).toEqual(['case.yml job build runs pull-request code and reads TFC_TOKEN_PROD, which can apply']);
      const ungated = parseText(workflowText({ on: '  pull_request:\n', steps: steps('TFC_TOKEN_PLAN') }));
      expect(pullRequestCodeCannotApply(ungated)).toEqual(['case.yml job build runs pull-request code and reads TFC_TOKEN_PLAN without an environment gate']);
    });

    it('a job reading a secret outside the environment that holds it, or an unknown secret', () => {
      const wrong = parseText(workflowText({ jobEnvironment: '    environment: plan\n', steps: '      - run: echo ${{ secrets.TFC_TOKEN_PROD }}\n' }));
      expect(secretsOnlyInTheirEnvironment(wrong)).toEqual(['case.yml job build reads TFC_TOKEN_PROD in environment plan; it lives in prod']);
      const unknown = parseText(workflowText({ steps: "      - run: echo ${{ secrets['TF_API_TOKEN'] }}\n" }));
      expect(secretsOnlyInTheirEnvironment(unknown)).toEqual([
        'case.yml job build reads TF_API_TOKEN, which is no environment secret (known: TFC_TOKEN_PLAN, TFC_TOKEN_DEV, TFC_TOKEN_STAGING, TFC_TOKEN_PROD)',
      ]);
    });

    it('a secret at workflow level', () => {
      const workflow = parseText(workflowText({ env: 'env:\n  TF_TOKEN_app_terraform_io: ${{ secrets.TFC_TOKEN_PROD }}\n' }));
      expect(noWorkflowLevelSecrets(workflow)).toEqual(['case.yml reads TFC_TOKEN_PROD at workflow level, where every job gets it']);
    });

    it('an action pinned to a tag, or to a SHA without its version', () => {
      const tag = parseText(workflowText({ steps: '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n' }));
      expect(actionsPinnedToCommits(tag)).toEqual(['case.yml job build uses actions/checkout@v4: not pinned to a 40-hex commit SHA']);
      const bare = parseText(workflowText({ steps: `      - uses: ${CHECKOUT.replace(/ #.*/, '')}\n        with:\n          persist-credentials: false\n` }));
      expect(actionsPinnedToCommits(bare)).toEqual([
        'case.yml job build uses actions/checkout@8e8c483db84b4bee98b60c0593521ed34d9990e8 without a version comment (# vX.Y.Z)',
      ]);
    });

    it('a checkout that keeps its credentials', () => {
      const workflow = parseText(workflowText({ steps: `      - uses: ${CHECKOUT}\n` }));
      expect(checkoutWithoutCredentials(workflow)).toEqual(['case.yml job build checks out without persist-credentials: false']);
    });

    it('default or broad permissions, a job without permissions, id-token', () => {
      const broad = parseText(workflowText({ permissions: 'permissions: write-all\n', jobPermissions: '' }));
      expect(leastPrivilege(broad)).toEqual([
        'case.yml grants "write-all" at workflow level; use permissions: {}',
        'case.yml job build names no permissions',
      ]);
      const oidc = parseText(workflowText({ jobPermissions: '    permissions:\n      contents: write\n      id-token: write\n' }));
      expect(leastPrivilege(oidc)).toEqual([
        'case.yml job build grants contents: write',
        'case.yml job build can mint OIDC tokens (id-token: write), which no job here uses',
      ]);
    });

    it('workflow_dispatch without the main-only condition, or with one that can be bypassed', () => {
      const dispatch = '  workflow_dispatch:\n';
      expect(dispatchOnlyFromMain(parseText(workflowText({ on: dispatch })))).toEqual([
        "case.yml job build can run from any branch: its if must require github.ref == 'refs/heads/main' (and no || or always())",
      ]);
      expect(dispatchOnlyFromMain(parseText(workflowText({ on: dispatch, jobIf: "    if: github.ref == 'refs/heads/main' || always()\n" })))).toHaveLength(1);
      expect(dispatchOnlyFromMain(parseText(workflowText({ on: dispatch, jobIf: "    if: github.ref == 'refs/heads/main'\n" })))).toEqual([]);
    });

    it('an apply without the approval, without a plan before it, or not taking the plan job output', () => {
      const deploy = (planEnvironment: string, applyEnvironment: string, applyIf: string, download: string) =>
        [
          'on:\n  push:\n    branches: [main]\npermissions: {}\njobs:\n',
          `  plan-prod:\n    runs-on: ubuntu-24.04\n    environment: ${planEnvironment}\n    permissions:\n      contents: read\n`,
          '    outputs:\n      plans: ${{ steps.up.outputs.artifact-id }}\n    steps:\n      - run: npm run env -- plan --env prod --plans plans/prod\n',
          `  apply-prod:\n    needs: [plan-prod]\n    if: ${applyIf}\n    runs-on: ubuntu-24.04\n    environment: ${applyEnvironment}\n    permissions:\n      contents: read\n    steps:\n`,
          `      - uses: actions/download-artifact@018cc2cf5baa6db3ef3c5f8a56943fffe632ef53 # v6.0.0\n        with:\n          artifact-ids: ${download}\n`,
          '      - run: npm run env -- apply --env prod --plans plans/prod\n',
        ].join('');
      const rule = applyAfterApprovedPlan('prod');
      const good = "needs.plan-prod.outputs.plans != ''";
      const output = '${{ needs.plan-prod.outputs.plans }}';
      expect(rule(parseText(deploy('plan', 'prod', good, output)))).toEqual([]);
      expect(rule(parseText(deploy('plan', 'staging', good, output)))).toEqual(['case.yml job apply-prod applies prod outside the prod environment (no approval)']);
      expect(rule(parseText(deploy('prod', 'prod', good, output)))).toEqual([
        'case.yml job plan-prod plans prod behind its approval: reviewers would approve before the plan exists',
      ]);
      expect(rule(parseText(deploy('plan', 'prod', "github.ref == 'refs/heads/main'", '${{ github.run_id }}')))).toEqual([
        "case.yml job apply-prod does not take plan-prod's output (its plans) in its if and its download",
      ]);
      expect(rule(parseText(workflowText()))).toEqual(['case.yml has no job applying prod']);
    });
  });

  describe('pull-request.yml', () => {
    const workflow = workflows[0];

    it('runs on pull requests and checks what the change affects, the docs and the stacks', () => {
      expect(workflow.events).toEqual(['pull_request']);
      expect(job(workflow, 'affected').runs).toEqual(
        expect.arrayContaining([
          'npm ci',
          expect.stringContaining('npx nx affected -t lint typecheck test integration'),
          'npm run synth',
          'npm run docs:check',
          'npm run test:terraform',
        ]),
      );
    });

    it('tests on the current Node LTS and on the lowest Node that package.json engines accepts', () => {
      const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
      const lowest = /^\^?(\d+\.\d+\.\d+)/.exec(engines)?.[1];
      expect(lowest).toBe('20.19.0');
      expect(job(workflow, 'affected').matrix).toEqual({ node: [CURRENT_LTS, lowest] });
    });

    it('plans speculatively, after the checks, in the pull-request environment, with the plan-only token, never for forks', () => {
      const plan = job(workflow, 'speculative-plan');
      expect(plan.needs).toEqual(['affected']);
      expect(plan.environment).toBe('pull-request');
      expect(plan.secrets).toEqual(['TFC_TOKEN_PLAN']);
      expect(plan.if).toContain("needs.affected.outputs.stacks-affected == 'true'");
      expect(plan.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
      expect(plan.runs).toContain('npm run env -- diff --env "$ENVIRONMENT"');
      expect(job(workflow, 'affected').secrets).toEqual([]);
    });
  });

  describe('deploy.yml', () => {
    const workflow = workflows[1];
    const envs = ['dev', 'staging', 'prod'];

    it('runs on pushes to main and by hand, only from main', () => {
      expect(workflow.events).toEqual(['push', 'workflow_dispatch']);
      expect(readFileSync(join(ROOT, '.github/workflows/deploy.yml'), 'utf8')).toMatch(/push:\n\s+branches: \[main\]/);
      for (const each of workflow.jobs) expect(each.if).toContain("github.ref == 'refs/heads/main'");
    });

    it.each(envs)('%s: plan, approval, apply exactly that plan, and a next round for deferred stacks', (env) => {
      expect(applyAfterApprovedPlan(env)(workflow)).toEqual([]);
      const plan = job(workflow, `plan-${env}`);
      const apply = job(workflow, `apply-${env}`);
      const next = job(workflow, `plan-${env}-next`);
      const applyNext = job(workflow, `apply-${env}-next`);
      expect([plan.environment, apply.environment, next.environment, applyNext.environment]).toEqual(['plan', env, 'plan', env]);
      expect(plan.runs).toContain(`npm run env -- plan --env ${env} --plans plans/${env}`);
      expect(apply.needs).toEqual([`plan-${env}`]);
      expect(apply.if).toContain(`needs.plan-${env}.outputs.has-changes == 'true'`);
      expect(apply.runs).toContain(`npm run env -- apply --env ${env} --plans plans/${env}`);
      expect(next.needs).toEqual([`plan-${env}`, `apply-${env}`]);
      expect(next.if).toContain(`needs.plan-${env}.outputs.deferred == 'true'`);
      expect(next.runs).toContain(`npm run env -- plan --env ${env} --plans plans/${env} --last-round`);
      expect(applyNext.needs).toEqual([`plan-${env}-next`]);
      expect([plan.secrets, apply.secrets, next.secrets, applyNext.secrets]).toEqual([
        ['TFC_TOKEN_PLAN'],
        [`TFC_TOKEN_${env.toUpperCase()}`],
        ['TFC_TOKEN_PLAN'],
        [`TFC_TOKEN_${env.toUpperCase()}`],
      ]);
    });

    it('deploys dev, then staging, then prod: each environment after every job of the one before, and not after a failure', () => {
      for (const [before, after] of [['dev', 'staging'], ['staging', 'prod']]) {
        const first = job(workflow, `plan-${after}`);
        expect(first.needs).toEqual([`plan-${before}`, `apply-${before}`, `plan-${before}-next`, `apply-${before}-next`]);
        expect(first.if).toContain('!failure()');
      }
      expect(job(workflow, 'plan-dev').needs).toEqual([]);
    });
  });

  it('runs the current Node LTS wherever a job does not test the lowest supported one', () => {
    for (const workflow of workflows) {
      for (const each of workflow.jobs) {
        for (const step of each.steps.filter((s) => s.uses?.startsWith('actions/setup-node@'))) {
          expect([each.id, step.with?.['node-version']]).toEqual([each.id, each.matrix?.['node'] ? '${{ matrix.node }}' : CURRENT_LTS]);
        }
      }
    }
  });

  it('.ci/run installs with npm ci and runs the README test command', () => {
    const run = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(run).toMatch(/^npm ci$/m);
    expect(run).toMatch(/npm test$/m);
  });
});
