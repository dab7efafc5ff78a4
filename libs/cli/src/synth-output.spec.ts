import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainSynthOutputError, requireSynthOutput, SynthOutputMissing } from './synth-output';

describe('synth output checks', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cli-synth-output-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** The error Node raises for a file that is not there. */
  function enoent(path: string): unknown {
    try {
      readFileSync(path);
    } catch (error) {
      return error;
    }
    throw new Error(`${path} exists`);
  }

  it('asks for a synth when the folder has no manifest', () => {
    const outdir = join(root, 'cdktf.out');
    expect(() => requireSynthOutput(outdir)).toThrow(new SynthOutputMissing(`no synthesized stacks in ${outdir}: run \`npm run synth\` first`));
    mkdirSync(outdir);
    writeFileSync(join(outdir, 'manifest.json'), '{}');
    expect(() => requireSynthOutput(outdir)).not.toThrow();
  });

  it('explains a file missing inside the synth output, and nothing else', () => {
    const outdir = join(root, 'cdktf.out');
    expect(explainSynthOutputError(enoent(join(outdir, 'manifest.json')), outdir)?.message).toBe(
      `no synthesized stacks in ${outdir}: run \`npm run synth\` first`,
    );
    mkdirSync(outdir);
    writeFileSync(join(outdir, 'manifest.json'), '{}');
    const stackFile = join(outdir, 'stacks', 'network-qa-us-west-2', 'cdk.tf.json');
    expect(explainSynthOutputError(enoent(stackFile), outdir)?.message).toBe(
      `${outdir} has no stacks/network-qa-us-west-2/cdk.tf.json: the synth output is incomplete or older than the config; run \`npm run synth\``,
    );
    expect(explainSynthOutputError(enoent(join(root, 'elsewhere.json')), outdir)).toBeUndefined();
    expect(explainSynthOutputError(new Error('boom'), outdir)).toBeUndefined();
  });
});
