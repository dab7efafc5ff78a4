import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@privatelink/config';
import { STACK_CONFIG_CHECKS } from '@privatelink/stack-kit';
import { synthesize } from './synth-host';
import { DEFAULT_CONFIG, fingerprint, ROOT, runSynth } from './testing/synth-run';

/** Runs the real synth entry point, as `npm run synth` does. */
const synth = (outdir: string, config = DEFAULT_CONFIG) => runSynth(outdir, config);

/** Staging, retired and lock entries a synth may leave beside `outdir`'s parent entries. */
const leftovers = (work: string) => readdirSync(work).filter((entry) => /\.(staging-|previous-)\d+$|\.lock$/.test(entry));

describe('synth host', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'synth-host-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes every stack of the default config in one process, each after the stacks whose state it reads', () => {
    const outdir = join(work, 'first');
    const run = synth(outdir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^synthesized 9 stacks from .*config\/environments\.yaml into .* in \d+\.\d s$/m);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    const dependencies = Object.fromEntries(
      Object.entries(manifest.stacks as Record<string, { dependencies: string[] }>).map(([name, stack]) => [name, stack.dependencies]),
    );
    expect(dependencies).toEqual({
      'network-dev-us-west-2': [],
      'network-prod-eu-west-1': [],
      'network-prod-us-west-2': [],
      'network-staging-us-west-2': [],
      'sagemaker-dev-us-west-2': ['network-dev-us-west-2'],
      'sagemaker-prod-eu-west-1': ['network-prod-eu-west-1'],
      'sagemaker-prod-organization': ['network-prod-us-west-2', 'network-prod-eu-west-1'],
      'sagemaker-prod-us-west-2': ['network-prod-us-west-2'],
      'sagemaker-staging-us-west-2': ['network-staging-us-west-2'],
    });
    const lock = readFileSync(join(ROOT, 'terraform/.terraform.lock.hcl'), 'utf8');
    for (const name of Object.keys(dependencies)) {
      expect(statSync(join(outdir, 'stacks', name, 'cdk.tf.json')).size).toBeGreaterThan(1000);
      // The committed provider lock, in every stack folder: every init installs the same provider bits.
      expect(readFileSync(join(outdir, 'stacks', name, '.terraform.lock.hcl'), 'utf8')).toBe(lock);
    }
    expect(leftovers(work)).toEqual([]);
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
    writeFileSync(bad, readFileSync(DEFAULT_CONFIG, 'utf8').replace('vpcCidr: 10.20.0.0/16', 'vpcCidr: 10.10.0.0/16'));
    const run = synth(outdir, bad);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${bad}:54:18 environments.staging.regions.us-west-2.vpcCidr: overlaps the VPC of dev/us-west-2 (10.10.0.0/16) (got "10.10.0.0/16")`,
    );
    expect(fingerprint(outdir)).toEqual(before);
    expect(leftovers(work)).toEqual([]);
  });

  it('leaves the previous output as it was when building a stack throws, and passes the error on', async () => {
    const outdir = join(work, 'first');
    const before = fingerprint(outdir);
    const config = loadConfig(DEFAULT_CONFIG, {}, STACK_CONFIG_CHECKS);
    await expect(
      synthesize({
        config,
        outdir,
        compose: () => {
          throw new Error('construct exploded');
        },
      }),
    ).rejects.toThrow('construct exploded');
    expect(fingerprint(outdir)).toEqual(before);
    expect(leftovers(work)).toEqual([]);
  });

  it('refuses to write while another live synth holds the output, and takes over the lock of a dead one', () => {
    const outdir = join(work, 'first');
    const before = fingerprint(outdir);
    // GIVEN a lock held by a live process (this test's own Jest worker)
    writeFileSync(`${outdir}.lock`, `${process.pid}\n`);
    const refused = synth(outdir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `another synth (pid ${process.pid}) is writing ${outdir}; wait for it to finish, or remove ${outdir}.lock if no such process runs\n`,
    );
    expect(fingerprint(outdir)).toEqual(before);
    // GIVEN a lock left by a process that no longer runs (pid above the kernel's pid_max)
    writeFileSync(`${outdir}.lock`, '4194305\n');
    expect(synth(outdir).status).toBe(0);
    expect(leftovers(work)).toEqual([]);
  });

  it('removes the staging folder a killed synth left behind', () => {
    const outdir = join(work, 'first');
    const abandoned = `${outdir}.staging-4194305`;
    mkdirSync(join(abandoned, 'json', 'stacks'), { recursive: true });
    writeFileSync(join(abandoned, 'json', 'manifest.json'), '{}');
    expect(synth(outdir).status).toBe(0);
    expect(existsSync(abandoned)).toBe(false);
  });

  it('stops on SIGTERM: exit 143, staging and lock removed, the previous output untouched, no process left', async () => {
    const outdir = join(work, 'first');
    expect(synth(outdir).status).toBe(0);
    const before = fingerprint(outdir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/synth/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, PRIVATELINK_CONFIG: DEFAULT_CONFIG, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const staging = `${outdir}.staging-${child.pid}`;
    // WHEN the signal arrives while the stacks are being built
    while (!existsSync(staging)) await new Promise((done) => setTimeout(done, 5));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toBe('synth stopped by SIGTERM; the previous output was left as it was\n');
    expect(fingerprint(outdir)).toEqual(before);
    expect(leftovers(work)).toEqual([]);
    expect(processesWritingTo(outdir)).toEqual([]);
  }, 60_000);

  it('replaces the previous output wholesale on success', () => {
    const outdir = join(work, 'first');
    writeFileSync(join(outdir, 'marker.txt'), 'kept');
    expect(synth(outdir).status).toBe(0);
    expect(readdirSync(outdir)).not.toContain('marker.txt');
  });
});

/** Processes whose environment names `outdir` as their CDKTF_OUTDIR: the synth and anything it started. */
function processesWritingTo(outdir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`CDKTF_OUTDIR=${outdir}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}
