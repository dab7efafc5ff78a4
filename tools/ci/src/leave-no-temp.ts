import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Entries of the temp dir a run may keep: caches and fixed-name folders that every run reuses, so
 * they never accumulate. Anything else a run leaves (a `mkdtemp` folder, `cdktf.outdir.*` of
 * `Testing.app()`) is a leak.
 */
export function reusedTempEntries(uid = process.getuid?.() ?? 0): string[] {
  return [
    `tsx-${uid}`, // tsx's transform cache
    `jest_${uid.toString(36)}`, // Jest's cache directory
    'privatelink-terraform-plugin-cache', // TF_PLUGIN_CACHE_DIR of the Terraform checks
    // Outdirs of the in-memory test apps (testApp(name)): one per name, never written to.
    'privatelink-guardrails-spec',
    'privatelink-network-spec',
    'privatelink-sagemaker-spec',
    'privatelink-stack-kit-spec',
    'privatelink-synth-spec',
  ];
}

export interface TempCheck {
  /** The command's exit status. */
  readonly status: number;
  /** What the command left in its temp dir, reused entries aside. */
  readonly leftovers: readonly string[];
  /** The private temp dir the command ran with (removed when this returns). */
  readonly scratch: string;
}

/**
 * Runs a command with a temp dir of its own (TMPDIR, TMP, TEMP), in which the reused caches are
 * links to the real ones, and reports what it left behind. The private dir keeps concurrent runs on
 * the same machine from being blamed for each other's files; it is removed afterwards.
 */
export function runLeavingNoTemp(command: readonly string[], env: NodeJS.ProcessEnv = process.env): TempCheck {
  const realTmp = tmpdir();
  const scratch = mkdtempSync(join(realTmp, 'privatelink-test-tmp-'));
  const reused = reusedTempEntries();
  try {
    for (const name of reused) {
      const target = join(realTmp, name);
      if (!existsSync(target)) mkdirSync(target, { recursive: true });
      symlinkSync(target, join(scratch, name));
    }
    const run = spawnSync(command[0], command.slice(1), {
      stdio: 'inherit',
      env: { ...env, TMPDIR: scratch, TMP: scratch, TEMP: scratch },
    });
    if (run.error) throw run.error;
    const left = readdirSync(scratch)
      .filter((name) => !reused.includes(name))
      .sort();
    return { status: run.status ?? 1, leftovers: left, scratch };
  } finally {
    // rmSync removes the links themselves, never what they point at.
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `node --import tsx tools/ci/src/leave-no-temp.ts <command> [args...]`: fails when the command leaves temp files. */
function main(argv: string[]): number {
  const command = argv[0] === '--' ? argv.slice(1) : argv;
  if (command.length === 0) {
    process.stderr.write('usage: node --import tsx tools/ci/src/leave-no-temp.ts <command> [args...]\n');
    return 2;
  }
  const { status, leftovers } = runLeavingNoTemp(command);
  if (leftovers.length > 0) {
    const shown = leftovers.slice(0, 20).join(', ') + (leftovers.length > 20 ? `, ... (${leftovers.length - 20} more)` : '');
    process.stderr.write(
      `leave-no-temp: \`${command.join(' ')}\` left ${leftovers.length} entries in its temp dir: ${shown}. ` +
        'Remove what a test creates (rmSync in afterEach/finally), or give it a fixed, reused name listed in tools/ci/src/leave-no-temp.ts\n',
    );
    return status === 0 ? 1 : status;
  }
  return status;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
