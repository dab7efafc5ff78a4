import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';

/**
 * A test app whose outdir is `<tmpdir>/<name>`. `Testing.app()` makes a fresh temp folder per call;
 * specs that never write (`Testing.synth` renders in memory) share one fixed folder per name
 * instead of littering /tmp.
 */
export function testApp(name: string): App {
  const outdir = join(tmpdir(), name);
  mkdirSync(join(outdir, 'stacks'), { recursive: true });
  return Testing.app({ outdir });
}
