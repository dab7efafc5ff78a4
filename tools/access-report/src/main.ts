import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCommandLine, type CommandLineSpec } from '@privatelink/cli';
import { explainSynthOutputError, SynthOutput, SynthOutputMissing } from '@privatelink/synth-output';
import { ConfigError, deploymentTargets, loadConfig } from '@privatelink/config';
import { evaluateMatrix, evaluateScpChecks, renderReport, synthesizedAccess } from './access-matrix';
import { staleReports } from './stale-reports';

const COMMAND_LINE = {
  invocation: 'npm run access-report',
  usage: ['npm run access-report [-- --out <dir>] [--check]'],
  summary: [
    'Evaluates, with an IAM simulator, who may open the notebooks from where, on the policies as',
    'synthesized in cdktf.out (CDKTF_OUTDIR; run `npm run synth` first), and writes one Markdown',
    'matrix per environment and region.',
  ].join('\n'),
  options: {
    out: {
      type: 'string',
      value: '<dir>',
      description: 'where the reports go (default: <cdktf.out>/access; with --check: docs/access, the committed copies)',
    },
    check: {
      type: 'boolean',
      description: 'write nothing; exit 1 when a report in --out is missing, differs or is left over from an environment or region that no longer exists',
    },
  },
} as const satisfies CommandLineSpec;

/** `npm run access-report [-- --out <dir>] [--check]`: one Markdown matrix per env-region, from cdktf.out. */
async function main(argv: readonly string[]): Promise<number> {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.options;
  const outdir = resolve(process.env['CDKTF_OUTDIR'] || 'cdktf.out');
  const reports = resolve(values.out ?? (values.check ? 'docs/access' : join(outdir, 'access')));
  let config;
  let output: SynthOutput;
  try {
    config = loadConfig();
    output = SynthOutput.read(outdir);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SynthOutputMissing) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const rendered = new Map<string, string>();
  for (const target of deploymentTargets(config)) {
    const name = `${target.environment.name}-${target.region.region}`;
    if (target.environment.sagemaker.notebooks.length === 0) {
      process.stdout.write(`skip ${name}: no notebooks configured\n`);
      continue;
    }
    let access;
    try {
      access = synthesizedAccess(output, target);
    } catch (error) {
      const missing = explainSynthOutputError(error, outdir);
      if (!missing) throw error;
      process.stderr.write(`${missing.message}\n`);
      return 1;
    }
    rendered.set(`${name}.md`, renderReport(access, await evaluateMatrix(access), await evaluateScpChecks(access)));
  }
  if (values.check) {
    const stale = staleReports(reports, rendered);
    if (stale.length === 0) return 0;
    process.stderr.write(
      `stale access reports in ${reports}: ${stale.join(', ')}; run \`npm run synth && npm run access-report -- --out ${values.out ?? 'docs/access'}\`\n`,
    );
    return 1;
  }
  mkdirSync(reports, { recursive: true });
  for (const [file, content] of rendered) {
    writeFileSync(join(reports, file), content);
    process.stdout.write(`wrote ${join(reports, file)}\n`);
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
