import { resolve } from 'node:path';
import { readCommandLine, type CommandLineSpec } from '@privatelink/cli';
import { ConfigError, loadConfig } from '@privatelink/config';
import { GuardrailsFailed, guardrailsSummary } from '@privatelink/guardrails';
import { appsFromEnv } from './apps';
import { AppFailed, defaultOutdir, synthesize } from './synth-host';

const COMMAND_LINE = {
  invocation: 'npm run synth',
  usage: ['npm run synth'],
  summary: [
    'Validates the config, synthesizes every stack into cdktf.out, runs the guardrails rule pack on',
    'them, and replaces cdktf.out only when all of that succeeded. Also the app of cdktf.json.',
  ].join('\n'),
  options: {},
  epilog: [
    'Environment:',
    '  PRIVATELINK_CONFIG  the config file (default: config/environments.yaml)',
    '  CDKTF_OUTDIR        the output folder (default: cdktf.out)',
    '  TFC_ORGANIZATION    synthesize for Terraform Cloud in this organization',
  ].join('\n'),
} as const satisfies CommandLineSpec;

/** `npm run synth` and the cdktf.json app: validate the config, then synthesize every stack. */
async function main(argv: readonly string[]): Promise<number> {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const started = process.hrtime.bigint();
  const root = resolve(__dirname, '../../..');
  try {
    const config = loadConfig();
    const outdir = defaultOutdir(process.cwd());
    const { stacks, guardrails } = await synthesize({ config, outdir, root, apps: appsFromEnv() });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`synthesized ${stacks.length} stacks from ${config.file} into ${outdir} in ${seconds.toFixed(1)} s\n`);
    for (const warning of guardrails.warnings) process.stdout.write(`warning: ${warning.message}\n`);
    process.stdout.write(`${guardrailsSummary(guardrails)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AppFailed || error instanceof GuardrailsFailed) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
