import { constants } from 'node:os';
import { readCommandLine, type CommandLineSpec } from '@privatelink/cli';
import { ConfigError, loadConfig } from '@privatelink/config';
import { GuardrailsFailed, guardrailsSummary } from '@privatelink/guardrails';
import { STACK_CONFIG_CHECKS } from '@privatelink/stack-kit';
import { FORCE_DESTROY_VARIABLE, forceDestroyOutputDir } from '@privatelink/synth-output';
import { defaultOutdir, SynthBusy, synthesize, SynthInterrupted } from './synth-host';

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
    `  ${FORCE_DESTROY_VARIABLE}=<env>  synthesize the protected environment <env> without prevent_destroy,`,
    '                      into <outdir>.force-destroy, for `npm run env -- destroy --env <env> --force-destroy <env>`',
  ].join('\n'),
} as const satisfies CommandLineSpec;

/**
 * `npm run synth`, and the app cdktf.json names (so `npx cdktf synth|deploy` run it): validate the
 * config once, build every stack in this one process, check and swap the output into place.
 */
async function main(argv: readonly string[]): Promise<number> {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const started = process.hrtime.bigint();
  try {
    const config = loadConfig(undefined, process.env, STACK_CONFIG_CHECKS);
    const forceDestroy = process.env[FORCE_DESTROY_VARIABLE] || undefined;
    if (forceDestroy !== undefined) {
      const protectedEnvironments = config.environments.filter((environment) => environment.protected).map((environment) => environment.name);
      if (!protectedEnvironments.includes(forceDestroy)) {
        process.stderr.write(
          `${FORCE_DESTROY_VARIABLE} is "${forceDestroy}", which is not a protected environment of ${config.file}; ` +
            `protected: ${protectedEnvironments.join(', ') || 'none'}\n`,
        );
        return 2;
      }
    }
    // A synth without prevent_destroy never lands in the output that deploys.
    const outdir = forceDestroy ? forceDestroyOutputDir(defaultOutdir(process.cwd())) : defaultOutdir(process.cwd());
    const { stacks, guardrails } = await synthesize({ config, outdir, ...(forceDestroy ? { forceDestroy } : {}) });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`synthesized ${stacks.length} stacks from ${config.file} into ${outdir} in ${seconds.toFixed(1)} s\n`);
    for (const warning of guardrails.warnings) process.stdout.write(`warning: ${warning.message}\n`);
    process.stdout.write(`${guardrailsSummary(guardrails)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SynthInterrupted) {
      process.stderr.write(`${error.message}\n`);
      return 128 + constants.signals[error.signal];
    }
    if (error instanceof ConfigError || error instanceof GuardrailsFailed || error instanceof SynthBusy) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
