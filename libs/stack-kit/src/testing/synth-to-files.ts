import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, SynthOutput } from '@privatelink/synth-output';
import { App } from 'cdktf';
import { withPlainStackTraces } from './plain-stack-traces';

/** What a real synth writes for one stack, read back as text. */
export interface WrittenStack {
  /** `stacks/<id>/cdk.tf.json`, metadata included. */
  readonly stackJson: string;
  /** The synth output's manifest, as cdktf wrote it. */
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
        stackJson: SynthOutput.read(outdir).stack(stackId).text(),
        manifest: readFileSync(join(outdir, MANIFEST_FILE), 'utf8'),
      };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
