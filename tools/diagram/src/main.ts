import { resolve } from 'node:path';
import { explainSynthOutputError, readCommandLine, type CommandLineSpec } from '@privatelink/cli';
import { architectureDocs, syncArchitectureDocs } from './architecture-docs';
import { syncEmbeddedDiagram } from './readme-embed';
import { NotSynthesized } from './synthesized-stacks';

const COMMAND_LINE = {
  invocation: 'npm run diagram',
  usage: ['npm run diagram [-- --check] [--out <dir>] [--readme <file>]'],
  summary: [
    'Writes one Mermaid diagram per environment and region to docs/architecture/<env>-<region>.md,',
    'read from the stacks synthesized in cdktf.out (CDKTF_OUTDIR): run `npm run synth` first, and',
    'refreshes the diagram README.md embeds between <!-- architecture:<env>-<region> --> markers.',
  ].join('\n'),
  options: {
    check: { type: 'boolean', description: 'change nothing; exit 1 when a page is missing, differs or is left over' },
    out: { type: 'string', value: '<dir>', description: 'where the pages go (default: docs/architecture)' },
    readme: { type: 'string', value: '<file>', description: 'the file that embeds a diagram (default: README.md)' },
  },
} as const satisfies CommandLineSpec;

/** `npm run diagram`: regenerates docs/architecture from the synth output. */
function main(argv: string[]): number {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.options;
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
    const missing = error instanceof NotSynthesized ? error : explainSynthOutputError(error, outdir);
    if (!missing) throw error;
    process.stderr.write(`${missing.message}\n`);
    return 1;
  }
}

process.exit(main(process.argv.slice(2)));
