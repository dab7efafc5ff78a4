import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@privatelink/config';
import { GuardrailsFailed, guardrailsSummary } from '@privatelink/guardrails';
import { STACK_CONFIG_CHECKS } from '@privatelink/stack-kit';
import { appsFromEnv } from './apps';
import { AppFailed, defaultOutdir, synthesize } from './synth-host';

/** `npm run synth` and the cdktf.json app: validate the config, then synthesize every stack. */
async function main(): Promise<number> {
  const started = process.hrtime.bigint();
  const root = resolve(__dirname, '../../..');
  try {
    const config = loadConfig(undefined, process.env, STACK_CONFIG_CHECKS);
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

main().then((code) => process.exit(code));
