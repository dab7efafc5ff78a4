import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NX_ENV, workspaceCopy } from './testing/workspace-copy';

/** The lint rules the workspace relies on, run the way CI runs them (nx run <project>:lint). */
describe('workspace lint rules', () => {
  let repo: string;
  const lint = (project: string) => {
    const run = spawnSync('npx', ['nx', 'run', `${project}:lint`, '--skip-nx-cache', '--outputStyle=static'], {
      cwd: repo,
      env: { ...NX_ENV, FORCE_COLOR: '0', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
  };
  let network: ReturnType<typeof lint>;
  let tool: ReturnType<typeof lint>;
  let composition: ReturnType<typeof lint>;

  beforeAll(() => {
    repo = workspaceCopy('lint-rules-');
    writeFileSync(
      join(repo, 'apps/network/src/forbidden-imports.ts'),
      [
        "import * as everything from '@cdktf/provider-aws';",
        "import * as lib from '@cdktf/provider-aws/lib';",
        "import { Vpc } from '@cdktf/provider-aws/lib/vpc';",
        "import { SagemakerStack } from '../../sagemaker/src/sagemaker-stack';",
        "import { addSagemakerStack } from '@privatelink/app-sagemaker';",
        'export const used = [everything, lib, Vpc, SagemakerStack, addSagemakerStack];',
        '',
      ].join('\n'),
    );
    // A tool is not the composition root: it may not import an app either.
    writeFileSync(
      join(repo, 'tools/diagram/src/forbidden-imports.ts'),
      ["import { addNetworkStack } from '@privatelink/app-network';", 'export const used = [addNetworkStack];', ''].join('\n'),
    );
    network = lint('network');
    tool = lint('diagram');
    composition = lint('synth');
  }, 180_000);
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('fails the lint target of the projects that break a rule', () => {
    expect(network.status).not.toBe(0);
    expect(tool.status).not.toBe(0);
  });

  it('forbids the provider package root and its lib barrel, and allows a deep import', () => {
    expect(network.output).toMatch(/forbidden-imports\.ts[\s\S]*1:\d+\s+error\s+.*'@cdktf\/provider-aws'.*no-restricted-imports/);
    expect(network.output).toMatch(/2:\d+\s+error\s+.*'@cdktf\/provider-aws\/lib'.*no-restricted-imports/);
    expect(network.output).not.toMatch(/\n\s*3:\d+\s+error/);
  });

  it('forbids an app importing another app, by path or by its alias', () => {
    expect(network.output).toMatch(/4:\d+\s+error\s+.*@nx\/enforce-module-boundaries/);
    expect(network.output).toMatch(/5:\d+\s+error\s+.*@nx\/enforce-module-boundaries/);
  });

  it('forbids a tool importing an app; only the composition root (tools/synth) does, and passes', () => {
    expect(tool.output).toMatch(/forbidden-imports\.ts[\s\S]*1:\d+\s+error\s+.*@nx\/enforce-module-boundaries/);
    expect(composition.output).not.toMatch(/\d+:\d+\s+error/);
    expect(composition.status).toBe(0);
  });
});
