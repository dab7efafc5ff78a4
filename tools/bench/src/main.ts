import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { readCommandLine, type CommandLineSpec } from '@privatelink/cli';
import { SynthOutput } from '@privatelink/synth-output';
import { largeConfig } from './large-config';
import { GENERATED, spliced } from './performance-page';
import { measure, median, type Measurement } from './measure';

/**
 * `npm run bench [-- --quick]`: synth, tests and the Terraform checks against a bare cdktf app.
 * Every figure is a median; every ratio is taken pair by pair within one run. `--quick` runs each
 * measurement once on small inputs (CI proves the benchmark works; it does not judge the numbers).
 */
const ROOT = resolve(__dirname, '../../..');
const COMMAND_LINE = {
  invocation: 'npm run bench',
  usage: ['npm run bench [-- --quick]'],
  summary: [
    'Measures synth, the unit tests and the Terraform checks against a bare cdktf app, and writes',
    'docs/performance.md (with --quick: cdktf.out/performance-quick.md). Needs terraform on PATH.',
  ].join('\n'),
  options: { quick: { type: 'boolean', description: 'each measurement once, on small inputs (proves the benchmark runs)' } },
} as const satisfies CommandLineSpec;
const COMMAND = readCommandLine(COMMAND_LINE, process.argv.slice(2));
if (typeof COMMAND === 'number') process.exit(COMMAND);
const QUICK = COMMAND.options.quick;
const RUNS = QUICK ? 1 : 5;
const SLOW_RUNS = QUICK ? 1 : 3;
/** Env-regions of the two generated configs synthesized: the larger is the 48 stacks of the scale target. */
const LARGE = [12, 24];
/** Env-regions of the generated config the Terraform checks scale to (two stacks each). */
const TF_LARGE = 24;

const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  DISABLE_VERSION_CHECK: 'true',
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  PRIVATELINK_CONFIG: join(ROOT, 'config/environments.yaml'),
};
const TSX = ['--import', 'tsx'];

interface Row {
  readonly what: string;
  readonly value: string;
  readonly target: string;
  readonly met?: boolean;
}

async function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Measurement> {
  const result = await measure(process.execPath, [...TSX, ...args], { cwd: ROOT, env: { ...ENV, ...env } });
  if (result.exitCode !== 0) throw new Error(`${args.join(' ')} failed (${result.exitCode}):\n${result.output}`);
  return result;
}

async function nx(args: readonly string[]): Promise<Measurement> {
  const result = await measure(join(ROOT, 'node_modules/.bin/nx'), args, { cwd: ROOT, env: ENV });
  if (result.exitCode !== 0) throw new Error(`nx ${args.join(' ')} failed:\n${result.output}`);
  return result;
}

const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;
const mib = (value: number) => `${value.toFixed(0)} MiB`;
const x = (ratio: number) => `${ratio.toFixed(2)}x`;

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const work = mkdtempSync(join(tmpdir(), 'bench-'));
  const rows: Row[] = [];
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    // 1-2. The floor and the default synth, pair by pair. The floor is a bare one-resource cdktf
    // app run the same way as the project's synth: one `node --import tsx <entry>` process.
    const floor: Measurement[] = [];
    const synth: Measurement[] = [];
    for (let i = 0; i < RUNS; i++) {
      floor.push(await run(['tools/bench/src/floor-app.ts'], { CDKTF_OUTDIR: join(work, `floor-${i}`) }));
      synth.push(await run(['tools/synth/src/main.ts'], { CDKTF_OUTDIR: join(work, `default-${i}`) }));
      log(`synth ${i + 1}/${RUNS}: floor ${s(floor[i].seconds)} (cpu ${s(floor[i].cpuSeconds)}), default ${s(synth[i].seconds)} (cpu ${s(synth[i].cpuSeconds)})`);
    }
    const stacks = stackNames(join(work, 'default-0')).length;
    const ratio = median(synth.map((m, i) => m.seconds / floor[i].seconds));
    const cpuRatio = median(synth.map((m, i) => m.cpuSeconds / floor[i].cpuSeconds));
    const synthPeak = median(synth.map((m) => m.peakMiB));
    rows.push(
      {
        what: 'floor: bare cdktf app (1 stack, 1 resource): wall, CPU, peak memory',
        value: `${s(median(floor.map((m) => m.seconds)))}, ${s(median(floor.map((m) => m.cpuSeconds)))}, ${mib(median(floor.map((m) => m.peakMiB)))}`,
        target: '',
      },
      {
        what: `synth, default config (${stacks} stacks): wall, CPU`,
        value: `${s(median(synth.map((m) => m.seconds)))}, ${s(median(synth.map((m) => m.cpuSeconds)))}`,
        target: '',
      },
      { what: 'synth, default config: wall-time ratio to the floor', value: x(ratio), target: '<= 1.5x', met: ratio <= 1.5 },
      { what: 'synth, default config: CPU-time ratio to the floor', value: x(cpuRatio), target: '<= 1.5x', met: cpuRatio <= 1.5 },
      {
        what: 'synth, default config: peak memory (all processes)',
        value: mib(synthPeak),
        target: '< 250 MiB',
        met: synthPeak < 250,
      },
    );

    // 3. A generated large config, and the marginal cost of one more stack.
    const [small, big] = LARGE;
    for (const size of LARGE) writeFileSync(join(work, `large-${size}.yaml`), largeConfig(size));
    const smallRuns: Measurement[] = [];
    const bigRuns: Measurement[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const [size, into] of [[small, smallRuns], [big, bigRuns]] as const) {
        into.push(
          await run(['tools/synth/src/main.ts'], {
            CDKTF_OUTDIR: join(work, `large-${size}-${i}`),
            PRIVATELINK_CONFIG: join(work, `large-${size}.yaml`),
          }),
        );
      }
      log(`large pair ${i + 1}/${RUNS}: ${small * 2} stacks ${s(smallRuns[i].seconds)}, ${big * 2} stacks ${s(bigRuns[i].seconds)}`);
    }
    const marginal = median(bigRuns.map((m, i) => (m.seconds - smallRuns[i].seconds) / ((big - small) * 2)));
    const largeRatio = median(bigRuns.map((m, i) => m.seconds / synth[i].seconds));
    rows.push(
      {
        what: `synth, generated config (${small * 2} stacks): wall, peak memory`,
        value: `${s(median(smallRuns.map((m) => m.seconds)))}, ${mib(median(smallRuns.map((m) => m.peakMiB)))}`,
        target: '< 250 MiB',
        met: median(smallRuns.map((m) => m.peakMiB)) < 250,
      },
      { what: `synth, generated config (${big * 2} stacks): wall`, value: s(median(bigRuns.map((m) => m.seconds))), target: '' },
      {
        what: `synth, ${big * 2} stacks: wall-time ratio to the default config (run i against run i)`,
        value: x(largeRatio),
        target: '<= 2x',
        met: largeRatio <= 2,
      },
      { what: 'synth: marginal cost of one more stack', value: ms(marginal), target: '<= 60 ms', met: marginal <= 0.06 },
    );

    // 4. Nothing changed: the Nx cache answers.
    await nx(['run', 'synth:synth', '--outputStyle=static']);
    const cached: Measurement[] = [];
    for (let i = 0; i < RUNS; i++) cached.push(await nx(['run', 'synth:synth', '--outputStyle=static']));
    const cachedSeconds = median(cached.map((m) => m.seconds));
    const hit = cached.every((m) => /existing outputs match the cache|local cache/.test(m.output));
    rows.push({
      what: `cached re-run, nx run synth:synth (cache ${hit ? 'hit' : 'MISS'}, daemon off)`,
      value: s(cachedSeconds),
      target: '< 1 s',
      met: hit && cachedSeconds < 1,
    });

    // 5. The unit test suite (every project, no cache).
    if (QUICK) {
      rows.push({ what: 'unit test suite', value: 'skipped in --quick (npm test runs it)', target: '< 30 s' });
    } else {
      const tests: Measurement[] = [];
      for (let i = 0; i < SLOW_RUNS; i++) {
        tests.push(await nx(['run-many', '-t', 'test', '--skip-nx-cache', '--outputStyle=static']));
        log(`unit tests ${i + 1}/${SLOW_RUNS}: ${s(tests[i].seconds)}`);
      }
      const testSeconds = median(tests.map((m) => m.seconds));
      rows.push({ what: 'unit test suite (nx run-many -t test, no cache)', value: s(testSeconds), target: '< 30 s', met: testSeconds < 30 });

      // The whole of `npm test`, once, as a developer runs it (Nx cache skipped by the CI setting;
      // the Terraform check cache as this machine has it), against the floor of this run.
      const npmTest = await measure('npm', ['test'], { cwd: ROOT, env: { ...ENV, NX_SKIP_NX_CACHE: 'true' } });
      if (npmTest.exitCode !== 0) throw new Error(`npm test failed (${npmTest.exitCode}):\n${npmTest.output.slice(-4000)}`);
      const floorSeconds = median(floor.map((m) => m.seconds));
      const npmRatio = npmTest.seconds / floorSeconds;
      log(`npm test: ${s(npmTest.seconds)} (${x(npmRatio)} the floor)`);
      rows.push({
        what: 'npm test (no Nx cache): wall, ratio to the floor',
        value: `${s(npmTest.seconds)}, ${npmRatio.toFixed(0)}x`,
        target: '<= 100x',
        met: npmRatio <= 100,
      });
    }

    // 6. Terraform checks (offline plan; validate for Terraform Cloud stacks), each from cold
    // (an empty check cache of its own) unless said otherwise; the plugin cache stays warm.
    // The naive way against the project's way, pair by pair; then a generated config of 24
    // env-regions: from cold, one stack changed after that warm run, and nothing changed.
    // --quick: the dev environment's 2 stacks stand in for both configs: no 48-stack runs, and
    // the cold run of the 2 stacks is the warm run the change is made after.
    let tfDir = join(work, 'default-0');
    let largeDir = join(work, `large-${TF_LARGE}`);
    if (QUICK) {
      const devOnly = readFileSync(join(ROOT, 'config/environments.yaml'), 'utf8').split('\n  staging:')[0];
      writeFileSync(join(work, 'dev.yaml'), `${devOnly}\n`);
      tfDir = join(work, 'dev-only');
      largeDir = tfDir;
      await run(['tools/synth/src/main.ts'], { CDKTF_OUTDIR: tfDir, PRIVATELINK_CONFIG: join(work, 'dev.yaml') });
    } else {
      writeFileSync(join(work, `large-${TF_LARGE}.yaml`), largeConfig(TF_LARGE));
      await run(['tools/synth/src/main.ts'], { CDKTF_OUTDIR: largeDir, PRIVATELINK_CONFIG: join(work, `large-${TF_LARGE}.yaml`) });
    }
    const tfStacks = stackNames(tfDir).length;
    const largeStacks = stackNames(largeDir);
    let caches = 0;
    const freshCache = () => join(work, `check-cache-${caches++}`);
    const check = async (dir: string, cache: string | undefined, cached: number, flags: readonly string[] = []) => {
      const measured = await run(['tools/terraform-check/src/main.ts', ...flags, dir], cache ? { PRIVATELINK_TF_CHECK_CACHE: cache } : {});
      const total = stackNames(dir).length;
      const expected = `terraform: ${total} passed${cached > 0 ? ` (${cached} cached)` : ''}, 0 failed`;
      if (!measured.output.includes(`${expected}\n`)) throw new Error(`terraform-check did not say "${expected}":\n${measured.output}`);
      return measured;
    };

    // The generated config from cold, paired with a run of the default config from cold just before it.
    let largeCache = freshCache();
    const largePair = QUICK ? undefined : await check(tfDir, freshCache(), 0);
    const largeCold = QUICK ? undefined : await check(largeDir, largeCache, 0);
    if (largePair && largeCold) {
      log(`terraform from cold: ${tfStacks} stacks ${s(largePair.seconds)}, ${largeStacks.length} stacks ${s(largeCold.seconds)}`);
    }
    const naive: Measurement[] = [];
    const cold: Measurement[] = [];
    const changed: Measurement[] = [];
    const unchanged: Measurement[] = [];
    for (let i = 0; i < SLOW_RUNS; i++) {
      naive.push(await check(tfDir, undefined, 0, ['--concurrency', '1', '--no-plugin-cache', '--no-cache']));
      const coldCache = freshCache();
      cold.push(await check(tfDir, coldCache, 0));
      if (largeCold === undefined && i === 0) largeCache = coldCache;
      changeOneStack(largeDir, largeStacks[0], i);
      changed.push(await check(largeDir, largeCache, largeStacks.length - 1));
      unchanged.push(await check(largeDir, largeCache, largeStacks.length));
      log(
        `terraform round ${i + 1}/${SLOW_RUNS}: naive ${s(naive[i].seconds)}, cold ${s(cold[i].seconds)}, ` +
          `one of ${largeStacks.length} changed ${s(changed[i].seconds)}, nothing changed ${s(unchanged[i].seconds)}`,
      );
    }
    const speedup = median(naive.map((m, i) => m.seconds / cold[i].seconds));
    const changedRatio = median(changed.map((m, i) => m.seconds / cold[i].seconds));
    const unchangedRatio = median(unchanged.map((m, i) => m.seconds / cold[i].seconds));
    const coldSeconds = s(median(cold.map((m) => m.seconds)));
    rows.push(
      { what: `terraform checks, ${tfStacks} stacks, naive (sequential, fresh init, no plugin cache, no check cache)`, value: s(median(naive.map((m) => m.seconds))), target: '' },
      { what: `terraform checks, ${tfStacks} stacks${QUICK ? ' (dev only)' : ', default config'}, from cold (empty check cache; parallel, shared plugin cache)`, value: coldSeconds, target: '' },
      { what: 'terraform checks: speed-up over the naive way', value: x(speedup), target: '>= 2x', met: speedup >= 2 },
      {
        what: `terraform checks, ${QUICK ? `${TF_LARGE * 2} stacks` : `${largeStacks.length} stacks (generated, ${TF_LARGE} env-regions)`}, from cold: wall, ratio to ${tfStacks} from cold`,
        value: largePair && largeCold ? `${s(largeCold.seconds)}, ${x(largeCold.seconds / largePair.seconds)}` : 'skipped in --quick',
        target: '',
      },
      {
        what: `terraform checks, ${largeStacks.length} stacks, one changed after a warm run: wall, ratio to ${tfStacks} from cold`,
        value: `${s(median(changed.map((m) => m.seconds)))}, ${x(changedRatio)}`,
        target: '<= 3x',
        met: changedRatio <= 3,
      },
      {
        what: `terraform checks, ${largeStacks.length} stacks, nothing changed (re-run): wall, ratio to ${tfStacks} from cold`,
        value: `${s(median(unchanged.map((m) => m.seconds)))}, ${x(unchangedRatio)}`,
        target: '',
      },
    );

    const report = render(rows, { start: loadAtStart });
    process.stdout.write(`\n${report}\n`);
    const file = QUICK ? join(ROOT, 'cdktf.out', 'performance-quick.md') : join(ROOT, 'docs', 'performance.md');
    mkdirSync(resolve(file, '..'), { recursive: true });
    writeFileSync(file, spliced(existsSync(file) ? readFileSync(file, 'utf8') : '', report));
    log(`wrote ${file}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function stackNames(synthDir: string): string[] {
  return SynthOutput.read(synthDir).stacks.map((stack) => stack.name);
}

/**
 * Changes one stack the way an edit would, a new default tag on its provider (a valid plan still),
 * different in each round so each round's check misses the cache.
 */
function changeOneStack(synthDir: string, stack: string, round: number): void {
  const { file } = SynthOutput.read(synthDir).stack(stack);
  const config = JSON.parse(readFileSync(file, 'utf8')) as { provider: { aws: { default_tags: { tags: Record<string, string> }[] }[] } };
  config.provider.aws[0].default_tags[0].tags['bench-round'] = String(round);
  writeFileSync(file, JSON.stringify(config, null, 2));
}

function render(rows: readonly Row[], load: { readonly start: number }): string {
  const terraform = execFileSync('terraform', ['version'], {
    encoding: 'utf8',
    env: { ...ENV, TF_CLI_CONFIG_FILE: '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  }).split('\n')[0];
  const lines = [
    GENERATED.start,
    `Measured by \`npm run bench${QUICK ? ' -- --quick' : ''}\` on ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${terraform}; ` +
      `load average ${load.start.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (other work on the machine).`,
    (QUICK
      ? 'Each figure is from a single run (`--quick`). '
      : `Each figure is the median of ${RUNS} runs (${SLOW_RUNS} for the test suite and the Terraform checks; ` +
        `the ${TF_LARGE * 2} stacks from cold run once, as the warm run the changes are made after). `) +
      'Each ratio is taken pair by pair within the run, since the machine is shared and noisy.',
    '',
    '| measurement | result | target | met |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.what} | ${row.value} | ${row.target} | ${row.met === undefined ? '' : row.met ? 'yes' : '**no**'} |`),
    GENERATED.end,
  ];
  return lines.join('\n');
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exit(1);
});
