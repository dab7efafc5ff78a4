import { resolve } from 'node:path';
import { readCommandLine, type CommandLineSpec } from '@privatelink/cli';
import { explainSynthOutputError } from '@privatelink/synth-output';
import { architectureDocs, syncArchitectureDocs } from './architecture-docs';
import { ChromiumMissing } from './chromium';
import { syncPngs } from './png-renders';
import { syncEmbeddedDiagram } from './readme-embed';
import { remoteStateSharing, renderRemoteStateSharing, SharingSynthFailed, syncRemoteStateSharing, withTerraformCloudSynth } from './remote-state-sharing';
import { MermaidRenderer, MermaidRenderError, renderProfile } from './render';

const COMMAND_LINE = {
  invocation: 'npm run diagram',
  usage: ['npm run diagram [-- --check] [--no-png] [--out <dir>] [--readme <file>]'],
  summary: [
    'Writes one Mermaid diagram with its legend per environment and region to',
    'docs/architecture/<env>-<region>.md, read from the stacks synthesized in cdktf.out (CDKTF_OUTDIR):',
    'run `npm run synth` first. Refreshes the diagram and legend README.md embeds between',
    '<!-- architecture:<env>-<region> --> markers, and renders <env>-<region>.png beside each page with',
    'mermaid-cli in headless Chromium (/usr/bin/chromium, or PRIVATELINK_CHROMIUM; apt-get install -y',
    'chromium). Only PNGs that are missing or were rendered from another diagram are rendered, so',
    'Chromium is needed only when a diagram changed. Each PNG records the SHA-256 of the Mermaid text',
    'and the renderer it was rendered with. Also refreshes the README\'s Terraform Cloud remote state sharing',
    'list between <!-- remote-state-sharing --> markers, from a TFC synth of the config into a temporary folder.',
  ].join('\n'),
  options: {
    check: {
      type: 'boolean',
      description: 'change nothing; exit 1 when a page or PNG is missing, differs or is left over (compares the source a PNG records, not its pixels; needs no Chromium)',
    },
    'no-png': { type: 'boolean', description: 'write the pages only; PNGs stay as they are (and --check reports them stale)' },
    out: { type: 'string', value: '<dir>', description: 'where the pages and PNGs go (default: docs/architecture)' },
    readme: { type: 'string', value: '<file>', description: 'the file that embeds a diagram (default: README.md)' },
  },
} as const satisfies CommandLineSpec;

/** `npm run diagram`: regenerates docs/architecture from the synth output. */
async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(COMMAND_LINE, argv);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.options;
  const outdir = resolve(process.env['CDKTF_OUTDIR'] || 'cdktf.out');
  const dir = resolve(values.out ?? 'docs/architecture');
  const readmeFile = values.readme ?? 'README.md';
  try {
    const docs = architectureDocs(outdir);
    const result = syncArchitectureDocs(dir, docs, values.check);
    const readme = syncEmbeddedDiagram(resolve(readmeFile), docs, values.check);
    const sharing = syncRemoteStateSharing(
      resolve(readmeFile),
      () => withTerraformCloudSynth((output) => renderRemoteStateSharing(remoteStateSharing(output))),
      values.check,
    );
    const render = values.check || values['no-png'] ? undefined : () => MermaidRenderer.start();
    const pngs = await syncPngs(dir, docs, renderProfile(), render);
    if (values.check) {
      const stale = [
        ...result.stale,
        ...(readme.stale ? [`${readmeFile} (architecture:${readme.page})`] : []),
        ...(sharing.stale ? [`${readmeFile} (remote-state-sharing)`] : []),
        ...pngs.stale.map((png) => `${png.file} (${png.reason})`),
      ];
      if (stale.length === 0) return 0;
      process.stderr.write(`stale architecture diagrams: ${stale.join(', ')}; run \`npm run synth && npm run diagram\`\n`);
      return 1;
    }
    const pngSummary = values['no-png']
      ? `PNGs not rendered (--no-png), ${pngs.stale.length} stale`
      : `PNGs: ${pngs.rendered.length} rendered, ${pngs.removed.length} removed, ${docs.length - pngs.rendered.length} unchanged`;
    process.stdout.write(
      `${docs.length} diagrams in ${dir} from ${outdir}: ${result.written.length} written, ${result.removed.length} removed, ${docs.length - result.written.length} unchanged; ${pngSummary}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ChromiumMissing) {
      process.stderr.write(`${error.message}; or pass --no-png to write the pages only\n`);
      return 1;
    }
    if (error instanceof MermaidRenderError || error instanceof SharingSynthFailed) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    const missing = explainSynthOutputError(error, outdir);
    if (!missing) throw error;
    process.stderr.write(`${missing.message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
