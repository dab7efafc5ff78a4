import { readCommandLine, usageHint, type CommandLineSpec } from '@privatelink/cli';
import { SynthOutputMissing, synthOutputDir } from '@privatelink/synth-output';
import { defaultCacheDir } from './check-cache';
import { checkStacks, type StackCheck } from './check-stacks';
import { TerraformCheckError } from './terraform-check-error';

const COMMAND_LINE = {
  invocation: 'npm run test:terraform',
  usage: ['npm run test:terraform [-- [--concurrency <n>] [--no-plugin-cache] [--no-cache] <synth-dir>]   (default synth dir: $CDKTF_OUTDIR, else cdktf.out)'],
  summary: [
    'An offline `terraform plan` of every stack in the synth output (JSON or HCL) against the real AWS',
    'provider (`terraform validate` for Terraform Cloud stacks). A stack already checked with the very',
    'same inputs is skipped. PRIVATELINK_SKIP_TERRAFORM=1 skips the checks outside CI.',
  ].join('\n'),
  options: {
    concurrency: { type: 'string', value: '<n>', description: 'stacks checked at once (default: one per core)' },
    'no-plugin-cache': { type: 'boolean', description: 'give every stack a fresh provider install (the naive way, for the benchmark)' },
    'no-cache': { type: 'boolean', description: 'check every stack, and neither read nor write the check cache' },
  },
  positionals: [{ name: '<synth-dir>', description: 'the synth output to check (default: cdktf.out)' }],
  epilog: 'Exit codes:\n  0  every stack passed\n  1  a stack failed\n  2  nothing could be checked: no terraform, no synth output, bad usage',
} as const satisfies CommandLineSpec;

/**
 * `npm run test:terraform`: an offline `terraform plan` of every stack in the synth output (JSON or
 * HCL), against the real AWS provider; `terraform validate` only for Terraform Cloud stacks. A stack
 * whose check already passed with the very same inputs is skipped (see `defaultCacheDir` and
 * `checkKey`; `--no-cache` checks every stack). One line per stack, then
 * `terraform: <n> passed, <n> failed`, or `terraform: <n> passed (<n> cached), <n> failed` when some
 * were skipped. Exit 0 when all pass, 1 when one fails, 2 when nothing could be checked (no
 * terraform, no synth output, bad usage).
 */
async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const concurrencyText = parsed.options.concurrency;
  const concurrency = concurrencyText === undefined ? undefined : Number(concurrencyText);
  if (concurrency !== undefined && !(/^\d+$/.test(concurrencyText ?? '') && concurrency > 0)) {
    process.stderr.write(
      `--concurrency must be a whole number above 0 (got "${concurrencyText}")\n${usageHint(COMMAND_LINE)}\n`,
    );
    return 2;
  }
  const args = parsed.positionals;
  if (env['PRIVATELINK_SKIP_TERRAFORM']) {
    if (env['CI']) {
      process.stderr.write(
        'terraform-check: PRIVATELINK_SKIP_TERRAFORM is refused when CI is set: CI must validate and plan every stack. ' +
          'Install terraform on the runner instead.\n',
      );
      return 2;
    }
    process.stderr.write(
      'terraform-check: WARNING: PRIVATELINK_SKIP_TERRAFORM is set: terraform validate and plan were SKIPPED, ' +
        'no stack was checked against the AWS provider. CI runs them.\n',
    );
    return 0;
  }

  try {
    const checks = await checkStacks({
      synthDir: args[0] ?? synthOutputDir(env),
      onStackChecked: report,
      ...(concurrency ? { concurrency } : {}),
      ...(parsed.options['no-plugin-cache'] ? { pluginCache: false } : {}),
      ...(parsed.options['no-cache'] ? {} : { cacheDir: defaultCacheDir(env) }),
    });
    const failed = checks.filter((check) => check.status === 'failed').length;
    const cached = checks.filter((check) => check.status === 'passed' && check.cached).length;
    process.stdout.write(`terraform: ${checks.length - failed} passed${cached > 0 ? ` (${cached} cached)` : ''}, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TerraformCheckError || error instanceof SynthOutputMissing)) throw error;
    process.stderr.write(`terraform-check: ${error.message}\n`);
    return 2;
  }
}

function report(check: StackCheck): void {
  if (check.status === 'passed') {
    const what = check.toAdd === undefined ? 'validate (Terraform Cloud backend: plans run remotely)' : `plan (${check.toAdd} to add)`;
    process.stdout.write(`ok ${check.stack} ${what}${check.cached ? ', cached' : ''}\n`);
  } else {
    const message = check.message.replace(/^/gm, '    ');
    process.stdout.write(`FAILED ${check.stack} at ${check.step}:\n${message}\n`);
  }
}

// Interrupted (Ctrl-C, a CI timeout), exit through process.exit so the run's temporary folders are
// removed (see checkStacks); terraform, in the same process group, gets the signal too.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) process.once(signal, () => process.exit(code));

main(process.argv.slice(2), process.env).then((code) => process.exit(code));
