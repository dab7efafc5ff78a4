import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, deploymentTargets, loadConfig } from '@privatelink/config';
import { evaluateMatrix, evaluateScpChecks, renderReport, synthesizedAccess } from './access-matrix';

/** `npm run access-report [-- --out <dir>]`: one Markdown matrix per env-region, from cdktf.out. */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const outdir = resolve(process.env['CDKTF_OUTDIR'] || 'cdktf.out');
  const reports = resolve(values.out ?? join(outdir, 'access'));
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
  mkdirSync(reports, { recursive: true });
  for (const target of deploymentTargets(config)) {
    const name = `${target.environment.name}-${target.region.region}`;
    if (target.environment.sagemaker.notebooks.length === 0) {
      process.stdout.write(`skip ${name}: no notebooks configured\n`);
      continue;
    }
    const access = synthesizedAccess(outdir, target);
    const file = join(reports, `${name}.md`);
    writeFileSync(file, renderReport(access, await evaluateMatrix(access), await evaluateScpChecks(access)));
    process.stdout.write(`wrote ${file}\n`);
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
