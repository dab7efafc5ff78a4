import { parseArgs } from 'node:util';
import { defaultCacheDir } from './check-cache';
import { checkStacks, type StackCheck } from './check-stacks';
import { TerraformCheckError } from './terraform-check-error';

const USAGE =
  'usage: npm run test:terraform [-- [--concurrency <n>] [--no-plugin-cache] [--no-cache] <synth-dir>]   (default synth dir: cdktf.out)';

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
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { concurrency: { type: 'string' }, 'no-plugin-cache': { type: 'boolean' }, 'no-cache': { type: 'boolean' } },
    });
  } catch {
    parsed = undefined;
  }
  const concurrency = parsed?.values.concurrency === undefined ? undefined : Number(parsed.values.concurrency);
  if (!parsed || parsed.positionals.length > 1 || (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0))) {
    process.stderr.write(`${USAGE}\n`);
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
      synthDir: args[0] ?? 'cdktf.out',
      onStackChecked: report,
      ...(concurrency ? { concurrency } : {}),
      ...(parsed.values['no-plugin-cache'] ? { pluginCache: false } : {}),
      ...(parsed.values['no-cache'] ? {} : { cacheDir: defaultCacheDir(env) }),
    });
    const failed = checks.filter((check) => check.status === 'failed').length;
    const cached = checks.filter((check) => check.status === 'passed' && check.cached).length;
    process.stdout.write(`terraform: ${checks.length - failed} passed${cached > 0 ? ` (${cached} cached)` : ''}, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TerraformCheckError)) throw error;
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
