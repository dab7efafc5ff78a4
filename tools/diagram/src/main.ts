import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { architectureDocs, syncArchitectureDocs } from './architecture-docs';
import { syncEmbeddedDiagram } from './readme-embed';
import { NotSynthesized } from './synthesized-stacks';

const USAGE = `Usage: npm run diagram [-- --check] [--out <dir>] [--readme <file>]

Writes one Mermaid diagram per environment and region to docs/architecture/<env>-<region>.md,
read from the stacks synthesized in cdktf.out (CDKTF_OUTDIR): run \`npm run synth\` first, and
refreshes the diagram README.md embeds between <!-- architecture:<env>-<region> --> markers.
  --check      change nothing; exit 1 when a page is missing, differs or is left over
  --out <dir>  where the pages go (default: docs/architecture)
  --readme <file>  the file that embeds a diagram (default: README.md)
`;

/** `npm run diagram`: regenerates docs/architecture from the synth output. */
function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { check: { type: 'boolean', default: false }, out: { type: 'string' }, readme: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const outdir = resolve(process.env['CDKTF_OUTDIR'] || 'cdktf.out');
  const dir = resolve(values.out ?? 'docs/architecture');
  try {
    const docs = architectureDocs(outdir);
    const result = syncArchitectureDocs(dir, docs, values.check);
    const readme = syncEmbeddedDiagram(resolve(values.readme ?? 'README.md'), docs, values.check);
    if (values.check) {
      const stale = [...result.stale, ...(readme.stale ? [`${values.readme ?? 'README.md'} (architecture:${readme.page})`] : [])];
      if (stale.length === 0) return 0;
      process.stderr.write(`stale architecture diagrams: ${stale.join(', ')}; run \`npm run synth && npm run diagram\`\n`);
      return 1;
    }
    process.stdout.write(
      `${docs.length} diagrams in ${dir} from ${outdir}: ${result.written.length} written, ${result.removed.length} removed, ${docs.length - result.written.length} unchanged\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof NotSynthesized)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

process.exit(main(process.argv.slice(2)));
