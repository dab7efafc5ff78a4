import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { withPlainStackTraces } from './plain-stack-traces';

/** What a real synth writes for one stack, read back as text. */
export interface WrittenStack {
  /** `stacks/<id>/cdk.tf.json`, metadata included. */
  readonly stackJson: string;
  /** `manifest.json`. */
  readonly manifest: string;
}

/**
 * Synthesizes the way an app entry point does (a plain `App`, validations on) into a fresh temp
 * folder named `<tmpdir>/<tempPrefix>XXXXXX`, reads one stack back and removes the folder.
 * `build` adds the stacks to the app and returns the id of the one to read.
 */
export function synthAppToFiles(tempPrefix: string, build: (app: App) => string): WrittenStack {
  const outdir = mkdtempSync(join(tmpdir(), tempPrefix));
  try {
    return withPlainStackTraces(() => {
      const app = new App({ outdir, skipValidation: false });
      const stackId = build(app);
      app.synth();
      return {
        stackJson: readFileSync(join(outdir, 'stacks', stackId, 'cdk.tf.json'), 'utf8'),
        manifest: readFileSync(join(outdir, 'manifest.json'), 'utf8'),
      };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
