import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
  /** The `line:col error ... rule` lines ESLint printed under one file (its path ends with `file`). */
  const problemsIn = (output: string, file: string): string[] => {
    const lines = output.split('\n');
    const start = lines.findIndex((line) => line.trim().endsWith(`/${file}`));
    if (start === -1) return [];
    const after = lines.slice(start + 1);
    const end = after.findIndex((line) => !/^\s+\d+:\d+\s/.test(line));
    return (end === -1 ? after : after.slice(0, end)).map((line) => line.trim());
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
    // Runtime code may not import a testing entry (package or relative); tests and src/testing may,
    // and in a spec the provider-root rule still holds (the test-file block restates it).
    writeFileSync(
      join(repo, 'tools/diagram/src/runtime-imports.ts'),
      [
        "import { fakeNetworkHandoff } from '@privatelink/handoff/testing';",
        "import { networkStateFixture } from '@privatelink/handoff/offline-state';",
        "import { stub } from './testing/stub';",
        'export const used = [fakeNetworkHandoff, networkStateFixture, stub];',
        '',
      ].join('\n'),
    );
    mkdirSync(join(repo, 'tools/diagram/src/testing'), { recursive: true });
    writeFileSync(
      join(repo, 'tools/diagram/src/testing/stub.ts'),
      ["import { fakeNetworkHandoff } from '@privatelink/handoff/testing';", 'export const stub = fakeNetworkHandoff;', ''].join('\n'),
    );
    writeFileSync(
      join(repo, 'tools/diagram/src/runtime-imports.spec.ts'),
      [
        "import { fakeNetworkHandoff } from '@privatelink/handoff/testing';",
        "import * as everything from '@cdktf/provider-aws';",
        'export const used = [fakeNetworkHandoff, everything];',
        '',
      ].join('\n'),
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

  it('forbids a testing entry in runtime code, by alias or relative path, and allows the runtime entry', () => {
    const problems = problemsIn(tool.output, 'tools/diagram/src/runtime-imports.ts');
    expect(problems).toEqual([
      expect.stringMatching(/^1:\d+\s+error\s+'@privatelink\/handoff\/testing'.*'@privatelink\/handoff\/offline-state'.*no-restricted-imports$/),
      expect.stringMatching(/^3:\d+\s+error\s+'\.\/testing\/stub'.*runtime entry.*no-restricted-imports$/),
    ]);
  });

  it('lets tests and src/testing import testing entries, and still forbids the provider root in a spec', () => {
    expect(tool.output).toContain('runtime-imports.ts');
    expect(problemsIn(tool.output, 'tools/diagram/src/testing/stub.ts')).toEqual([]);
    expect(problemsIn(tool.output, 'tools/diagram/src/runtime-imports.spec.ts')).toEqual([
      expect.stringMatching(/^2:\d+\s+error\s+'@cdktf\/provider-aws'.*no-restricted-imports$/),
    ]);
  });
});
