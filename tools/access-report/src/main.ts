import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { explainSynthOutputError, readCommandLine, requireSynthOutput, SynthOutputMissing, type CommandLineSpec } from '@privatelink/cli';
import { ConfigError, deploymentTargets, loadConfig } from '@privatelink/config';
import { evaluateMatrix, evaluateScpChecks, renderReport, synthesizedAccess } from './access-matrix';

const COMMAND_LINE = {
  invocation: 'npm run access-report',
  usage: ['npm run access-report [-- --out <dir>]'],
  summary: [
    'Evaluates, with an IAM simulator, who may open the notebooks from where, on the policies as',
    'synthesized in cdktf.out (CDKTF_OUTDIR; run `npm run synth` first), and writes one Markdown',
    'matrix per environment and region.',
  ].join('\n'),
  options: { out: { type: 'string', value: '<dir>', description: 'where the reports go (default: <cdktf.out>/access)' } },
} as const satisfies CommandLineSpec;

/** `npm run access-report [-- --out <dir>]`: one Markdown matrix per env-region, from cdktf.out. */
async function main(argv: readonly string[]): Promise<number> {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const outdir = resolve(process.env['CDKTF_OUTDIR'] || 'cdktf.out');
  const reports = resolve(parsed.options.out ?? join(outdir, 'access'));
  let config;
  try {
    config = loadConfig();
    requireSynthOutput(outdir);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SynthOutputMissing) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  mkdirSync(reports, { recursive: true });
  for (const target of deploymentTargets(config)) {
    const name = `${target.environment.name}-${target.region.region}`;
    if (target.environment.sagemaker.notebooks.length === 0) {
      process.stdout.write(`skip ${name}: no notebooks configured\n`);
      continue;
    }
    let access;
    try {
      access = synthesizedAccess(outdir, target);
    } catch (error) {
      const missing = explainSynthOutputError(error, outdir);
      if (!missing) throw error;
      process.stderr.write(`${missing.message}\n`);
      return 1;
    }
    const file = join(reports, `${name}.md`);
    writeFileSync(file, renderReport(access, await evaluateMatrix(access), await evaluateScpChecks(access)));
    process.stdout.write(`wrote ${file}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`access-report: ${error.message}\n`);
    process.exit(1);
  },
);
