import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, deploymentTargets, loadConfig } from '@privatelink/config';
import { evaluateMatrix, renderReport, synthesizedAccess } from './access-matrix';
import { staleReports } from './stale-reports';

const USAGE = `Usage: npm run access-report [-- --out <dir>] [--check]

Writes one Markdown access matrix per environment and region, evaluated on the stacks synthesized in
cdktf.out (CDKTF_OUTDIR): run \`npm run synth\` first.
  --out <dir>  where the reports go (default: cdktf.out/access; the committed copies are docs/access)
  --check      write nothing; exit 1 when a report in --out (default: docs/access) is missing, differs
               or is left over from an environment or region that no longer exists
`;

/** `npm run access-report [-- --out <dir>] [--check]`: one Markdown matrix per env-region, from cdktf.out. */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { out: { type: 'string' }, check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const outdir = resolve(process.env['CDKTF_OUTDIR'] || 'cdktf.out');
  const reports = resolve(values.out ?? (values.check ? 'docs/access' : join(outdir, 'access')));
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
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
    const access = synthesizedAccess(outdir, target);
    rendered.set(`${name}.md`, renderReport(access, await evaluateMatrix(access)));
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

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`access-report: ${error.message}\n`);
    process.exit(1);
  },
);
