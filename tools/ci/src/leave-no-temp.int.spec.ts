import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reusedTempEntries, runLeavingNoTemp } from './leave-no-temp';
import { ROOT } from './testing/workspace-copy';

const node = (script: string) => [process.execPath, '-e', script];

describe('leave-no-temp', () => {
  it('finds what a command leaves in its temp dir, and removes its private temp dir', () => {
    const check = runLeavingNoTemp(node("const fs=require('fs'),os=require('os'),p=require('path');fs.mkdtempSync(p.join(os.tmpdir(),'cdktf.outdir.'));fs.writeFileSync(p.join(os.tmpdir(),'stray.txt'),'')"));
    expect(check.status).toBe(0);
    expect(check.leftovers).toEqual([expect.stringMatching(/^cdktf\.outdir\.\w{6}$/), 'stray.txt']);
    expect(existsSync(check.scratch)).toBe(false);
  });

  it('finds nothing when the command cleans up, and keeps its exit status', () => {
    const check = runLeavingNoTemp(node("const fs=require('fs'),os=require('os'),p=require('path');fs.rmSync(fs.mkdtempSync(p.join(os.tmpdir(),'x-')),{recursive:true});process.exit(3)"));
    expect(check).toMatchObject({ status: 3, leftovers: [] });
  });

  it('lets the command use the real caches it reuses (tsx, jest, the terraform plugin cache)', () => {
    const cache = reusedTempEntries().find((name) => name.startsWith('tsx-')) ?? '';
    const marker = join(tmpdir(), cache, `leave-no-temp-marker-${process.pid}`);
    try {
      const check = runLeavingNoTemp(node(`require('fs').writeFileSync(require('path').join(require('os').tmpdir(),${JSON.stringify(cache)},${JSON.stringify(`leave-no-temp-marker-${process.pid}`)}),'')`));
      expect(check.leftovers).toEqual([]);
      expect(readFileSync(marker, 'utf8')).toBe('');
    } finally {
      rmSync(marker, { force: true });
    }
  });

  it('counts a provider plugin folder as a leak like any other (the terraform checks remove theirs)', () => {
    const check = runLeavingNoTemp(node("require('fs').mkdirSync(require('path').join(require('os').tmpdir(),'plugin123456'))"));
    expect(check).toMatchObject({ status: 0, leftovers: ['plugin123456'] });
  });

  it('fails the run from the command line, naming what was left', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/ci/src/leave-no-temp.ts', ...node("require('fs').writeFileSync(require('path').join(require('os').tmpdir(),'left.txt'),'')")], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(' left 1 entries in its temp dir: left.txt. ');
  });
});
