import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSynthHost, WORKSPACE_ROOT } from '@privatelink/stack-kit/testing';

jest.setTimeout(120_000);

describe('npm run access-report -- --check', () => {
  let work: string;
  let outdir: string;
  let fresh: string;

  const accessReport = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
    delete env['TFC_ORGANIZATION'];
    delete env['PRIVATELINK_CONFIG'];
    return spawnSync(process.execPath, ['--import', 'tsx', 'tools/access-report/src/main.ts', ...args], { cwd: WORKSPACE_ROOT, env, encoding: 'utf8' });
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'access-check-'));
    outdir = join(work, 'cdktf.out');
    expect(runSynthHost(outdir).status).toBe(0);
    fresh = join(work, 'fresh');
    expect(accessReport('--out', fresh).status).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('passes on the reports the current synth produces', () => {
    expect(readdirSync(fresh).sort()).toEqual(['dev-us-west-2.md', 'prod-eu-west-1.md', 'prod-us-west-2.md', 'staging-us-west-2.md']);
    const result = accessReport('--check', '--out', fresh);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails, writing nothing, on a report that differs, one that is missing and one left over from an env-region that is gone', () => {
    const docs = join(work, 'docs');
    cpSync(fresh, docs, { recursive: true });
    appendFileSync(join(docs, 'dev-us-west-2.md'), '\nhand edit\n');
    unlinkSync(join(docs, 'prod-eu-west-1.md'));
    writeFileSync(join(docs, 'qa-us-east-1.md'), '# Notebook access: qa / us-east-1\n');
    writeFileSync(join(docs, 'README.md'), '# Not a report\n');

    const result = accessReport('--check', '--out', docs);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `stale access reports in ${docs}: dev-us-west-2.md, prod-eu-west-1.md, qa-us-east-1.md; run \`npm run synth && npm run access-report -- --out ${docs}\`\n`,
    );
    expect(readFileSync(join(docs, 'dev-us-west-2.md'), 'utf8')).toMatch(/hand edit\n$/);
    expect(existsSync(join(docs, 'prod-eu-west-1.md'))).toBe(false);
  });
});
