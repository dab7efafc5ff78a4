import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NX_ENV, workspaceCopy } from './testing/workspace-copy';

/** The two lint rules the workspace relies on, run the way CI runs them (nx run <project>:lint). */
describe('workspace lint rules', () => {
  let repo: string;
  let output: string;
  let status: number | null;

  beforeAll(() => {
    repo = workspaceCopy('lint-rules-');
    writeFileSync(
      join(repo, 'apps/network/src/forbidden-imports.ts'),
      [
        "import * as everything from '@cdktf/provider-aws';",
        "import * as lib from '@cdktf/provider-aws/lib';",
        "import { Vpc } from '@cdktf/provider-aws/lib/vpc';",
        "import { SagemakerStack } from '../../sagemaker/src/sagemaker-stack';",
        'export const used = [everything, lib, Vpc, SagemakerStack];',
        '',
      ].join('\n'),
    );
    const run = spawnSync('npx', ['nx', 'run', 'network:lint', '--skip-nx-cache', '--outputStyle=static'], {
      cwd: repo,
      env: { ...NX_ENV, FORCE_COLOR: '0', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    output = `${run.stdout}\n${run.stderr}`;
    status = run.status;
  }, 120_000);
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('fails the lint target', () => {
    expect(status).not.toBe(0);
  });

  it('forbids the provider package root and its lib barrel, and allows a deep import', () => {
    expect(output).toMatch(/forbidden-imports\.ts[\s\S]*1:\d+\s+error\s+.*'@cdktf\/provider-aws'.*no-restricted-imports/);
    expect(output).toMatch(/2:\d+\s+error\s+.*'@cdktf\/provider-aws\/lib'.*no-restricted-imports/);
    expect(output).not.toMatch(/\n\s*3:\d+\s+error/);
  });

  it('forbids an app importing another app', () => {
    expect(output).toMatch(/4:\d+\s+error\s+.*@nx\/enforce-module-boundaries/);
  });
});
