import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint, ROOT, runSynth } from './testing/synth-run';

/** Runs the real synth entry point, as `npm run synth` does. */
const synth = (outdir: string, config = join(ROOT, 'config/environments.yaml')) => runSynth(outdir, config);

describe('synth host', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'synth-host-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes every stack of the default config, SageMaker after network', () => {
    const outdir = join(work, 'first');
    const run = synth(outdir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    const names = Object.keys(manifest.stacks);
    const targets = ['dev-us-west-2', 'prod-eu-west-1', 'prod-us-west-2', 'staging-us-west-2'];
    expect(names).toEqual([...targets.map((t) => `network-${t}`), ...targets.map((t) => `sagemaker-${t}`)]);
    for (const t of targets) {
      expect(manifest.stacks[`sagemaker-${t}`].dependencies).toEqual([`network-${t}`]);
      expect(manifest.stacks[`network-${t}`].dependencies).toEqual([]);
      expect(statSync(join(outdir, 'stacks', `network-${t}`, 'cdk.tf.json')).size).toBeGreaterThan(1000);
    }
  });

  it('is deterministic and portable: byte-identical across runs, no path of this machine', () => {
    const second = join(work, 'second');
    expect(synth(second).status).toBe(0);
    expect(fingerprint(second)).toEqual(fingerprint(join(work, 'first')));
    for (const file of Object.keys(fingerprint(second))) {
      const text = readFileSync(join(second, file), 'utf8');
      for (const machinePath of [ROOT, work, tmpdir(), homedir()]) expect(text).not.toContain(machinePath);
    }
  });

  it('refuses a bad config before writing anything and leaves the previous output as it was', () => {
    const outdir = join(work, 'first');
    writeFileSync(join(outdir, 'marker.txt'), 'kept');
    const before = fingerprint(outdir);
    const bad = join(work, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(join(ROOT, 'config/environments.yaml'), 'utf8').replace('vpcCidr: 10.20.0.0/16', 'vpcCidr: 10.10.0.0/16'),
    );
    const run = synth(outdir, bad);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${bad}:54:18 environments.staging.regions.us-west-2.vpcCidr: overlaps the VPC of dev/us-west-2 (10.10.0.0/16) (got "10.10.0.0/16")`,
    );
    expect(fingerprint(outdir)).toEqual(before);
    expect(readdirSync(work).filter((entry) => entry.includes('.staging-') || entry.includes('.previous-'))).toEqual([]);
  });

  it('leaves the previous output as it was when an app fails, and says which', () => {
    const outdir = join(work, 'first');
    const before = fingerprint(outdir);
    const broken = join(work, 'broken-app.ts');
    writeFileSync(broken, "throw new Error('construct exploded');\n");
    const run = runSynth(outdir, join(ROOT, 'config/environments.yaml'), {
      PRIVATELINK_SYNTH_APP_ENTRIES: `apps/network/src/main.ts,${broken}`,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${broken} failed (exit 1); nothing was written`);
    expect(run.stderr).toContain('construct exploded');
    expect(fingerprint(outdir)).toEqual(before);
    expect(readdirSync(work).filter((entry) => entry.includes('.staging-') || entry.includes('.previous-'))).toEqual([]);
  });

  it('replaces the previous output wholesale on success', () => {
    const outdir = join(work, 'first');
    expect(synth(outdir).status).toBe(0);
    expect(readdirSync(outdir)).not.toContain('marker.txt');
  });
});
