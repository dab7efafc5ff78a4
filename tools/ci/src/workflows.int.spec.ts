import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

interface ParsedWorkflow {
  errors: string[];
  events: string[];
  jobs: { id: string; needs: string[]; environment?: string; if?: string; runs: string[]; uses: string[] }[];
}

/** Parses with GitHub's own workflow parser (see parse-workflow.mjs). */
function parse(file: string): ParsedWorkflow {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'parse-workflow.mjs'), file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`parser failed on ${file}: ${run.stderr}`);
  return JSON.parse(run.stdout) as ParsedWorkflow;
}

const job = (workflow: ParsedWorkflow, id: string) => {
  const found = workflow.jobs.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no job ${id}; jobs: ${workflow.jobs.map((j) => j.id).join(', ')}`);
  return found;
};

describe('GitHub workflows, read by GitHub\'s parser', () => {
  it('reports errors in a broken workflow (the parser can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflow-'));
    try {
      const broken = join(dir, 'broken.yml');
      writeFileSync(broken, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [missing]\n    stepz: []\n');
      expect(parse(broken).errors.join('\n')).toMatch(/stepz|missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('pull-request.yml', () => {
    const workflow = parse('.github/workflows/pull-request.yml');

    it('parses without errors and runs on pull requests', () => {
      expect(workflow.errors).toEqual([]);
      expect(workflow.events).toEqual(['pull_request']);
    });

    it('checks only what the change affects: lint, typecheck, test, synth and terraform validate', () => {
      const affected = job(workflow, 'affected');
      expect(affected.runs).toEqual(
        expect.arrayContaining([
          'npm ci',
          expect.stringContaining('npx nx affected -t lint typecheck test integration'),
          expect.stringContaining('npx nx affected -t synth'),
          'npm run test:terraform',
        ]),
      );
      expect(affected.uses).toEqual(expect.arrayContaining(['hashicorp/setup-terraform@v3', 'nrwl/nx-set-shas@v4']));
    });

    it('runs speculative Terraform Cloud plans after the checks, only for affected stacks', () => {
      const plan = job(workflow, 'speculative-plan');
      expect(plan.needs).toEqual(['affected']);
      expect(plan.if).toContain("needs.affected.outputs.stacks-affected == 'true'");
      expect(plan.runs).toContain('npm run env -- diff --env "$ENVIRONMENT"');
    });
  });

  describe('deploy.yml', () => {
    const workflow = parse('.github/workflows/deploy.yml');

    it('parses without errors and runs on pushes to main', () => {
      expect(workflow.errors).toEqual([]);
      expect(workflow.events).toEqual(expect.arrayContaining(['push']));
      expect(readFileSync(join(ROOT, '.github/workflows/deploy.yml'), 'utf8')).toMatch(/push:\n\s+branches: \[main\]/);
    });

    it('deploys dev, then staging, then prod, each in its GitHub environment', () => {
      expect(workflow.jobs.map((j) => [j.id, j.needs, j.environment])).toEqual([
        ['deploy-dev', [], 'dev'],
        ['deploy-staging', ['deploy-dev'], 'staging'],
        ['deploy-prod', ['deploy-staging'], 'prod'],
      ]);
      for (const env of ['dev', 'staging', 'prod']) {
        expect(job(workflow, `deploy-${env}`).runs).toContain(`npm run env -- deploy --env ${env} --auto-approve`);
      }
    });

    it('keeps credentials out of the files: the TFC token comes from a secret', () => {
      const text = readFileSync(join(ROOT, '.github/workflows/deploy.yml'), 'utf8');
      expect(text).toContain('TF_TOKEN_app_terraform_io: ${{ secrets.TF_API_TOKEN }}');
      expect(text).not.toMatch(/AKIA[0-9A-Z]{16}|\.atlasv1\./);
    });
  });
});
