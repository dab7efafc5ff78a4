import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, runSynthHost, WORKSPACE_ROOT as ROOT } from '@privatelink/stack-kit/testing';
import { architectureDocs, type ArchitectureDoc } from './architecture-docs';
import { DEFAULT_CHROMIUM } from './chromium';
import { diagramSource, recordedSource, withSource } from './png-source';
import { GITHUB_CONTENT_WIDTH, PNG_SCALE, renderProfile } from './render';
import type { Legibility } from './testing/legibility';
import type { RenderReport, RenderRequest } from './testing/legibility-main';

const chromium = process.env['PRIVATELINK_CHROMIUM'] || DEFAULT_CHROMIUM;
// Under CI a missing Chromium fails these tests (the renders would go unproven); elsewhere they are
// skipped, and say so.
const withChromium = existsSync(chromium) || process.env['CI'] ? describe : describe.skip;
if (!existsSync(chromium) && !process.env['CI']) process.stderr.write(`render tests skipped: no Chromium at ${chromium} (apt-get install -y chromium)\n`);

/** Renders and measures in a child process (Jest cannot load mermaid-cli, an ES module), with `temp` as its TMPDIR. */
function render(request: RenderRequest, temp: string): RenderReport {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/diagram/src/testing/legibility-main.ts'], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: temp },
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`rendering failed (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as RenderReport;
}

function legibilityOf(report: RenderReport, name: string): Legibility {
  const found = report.diagrams.find((diagram) => diagram.name === name);
  if (!found) throw new Error(`no report for ${name}`);
  if ('error' in found) throw new Error(found.error);
  return found.legibility;
}

/** A hand-written SVG laid out like Mermaid's: nodes with a shape and a foreignObject label. */
function svg(width: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="100%" style="max-width: ${width}px" viewBox="0 0 ${width} 200">${body}</svg>`;
}
function node(x: number, y: number, boxWidth: number, labelWidth: number, text: string): string {
  return (
    `<g class="node" transform="translate(${x}, ${y})"><rect width="${boxWidth}" height="40"></rect>` +
    `<g class="label" transform="translate(8, 8)"><foreignObject width="${labelWidth}" height="24">` +
    `<div xmlns="http://www.w3.org/1999/xhtml" style="display: inline-block; white-space: nowrap; font: 16px sans-serif; line-height: 24px"><span class="nodeLabel">${text}</span></div>` +
    '</foreignObject></g></g>'
  );
}

const BROKEN = 'flowchart BT\n  user(["User"]) --> vpn["Site-to-site VPN"\n  vpn --> vgw';

// A real synth, then Chromium in child processes: seconds each, more on a busy machine.
jest.setTimeout(180_000);

withChromium('diagrams rendered by mermaid-cli in Chromium', () => {
  let work: string;
  let outdir: string;
  let docs: ArchitectureDoc[];
  let report: RenderReport;
  let temp: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'diagram-render-'));
    temp = join(work, 'tmp');
    mkdirSync(temp);
    outdir = join(work, 'cdktf.out');
    const synth = runSynthHost(outdir, { config: DEFAULT_CONFIG });
    if (synth.status !== 0) throw new Error(`synth failed: ${synth.stderr}`);
    docs = architectureDocs(outdir);
    report = render({
      diagrams: [
        ...docs.map((doc) => ({ name: doc.png, mermaid: doc.mermaid })),
        { name: 'dev-us-west-2-lr.mmd', mermaid: readFileSync(join(__dirname, 'testing/fixtures/dev-us-west-2-lr.mmd'), 'utf8') },
        { name: 'broken.mmd', mermaid: BROKEN },
      ],
      svgs: [
        { name: 'cut', svg: svg(300, node(10, 10, 80, 60, 'Customer gateway')) },
        { name: 'overlapping', svg: svg(300, node(10, 10, 160, 140, 'First label') + node(60, 20, 160, 140, 'Second label')) },
        {
          name: 'crossed',
          svg: svg(300, node(10, 10, 160, 140, 'Crossed label') + '<path class="flowchart-link" data-id="L_a_b_0" d="M 60 0 L 60 200" stroke="black"></path>'),
        },
        { name: 'wide', svg: svg(1800, node(10, 10, 160, 140, 'Far too wide')) },
      ],
    }, temp);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(['dev-us-west-2.png', 'prod-eu-west-1.png', 'prod-us-west-2.png', 'staging-us-west-2.png'])(
    '%s fits GitHub’s column unscaled, with no label overlapping, cut or crossed by an edge',
    (name) => {
      const legibility = legibilityOf(report, name);
      expect(legibility.naturalWidth).toBeLessThanOrEqual(GITHUB_CONTENT_WIDTH);
      expect(legibility.shownWidth).toBeCloseTo(legibility.naturalWidth, 0);
      expect({ overlaps: legibility.overlaps, clipped: legibility.clipped, crossed: legibility.crossed }).toEqual({ overlaps: [], clipped: [], crossed: [] });
      // The measurement saw the diagram: its subgraph title, the path's edge labels, the user.
      expect(legibility.labels).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'cluster', text: 'VPC · no internet gateway' }),
          expect.objectContaining({ kind: 'edge', text: '(1) get URL' }),
          expect.objectContaining({ kind: 'edge', text: '(2) open URL' }),
          expect.objectContaining({ kind: 'node', text: 'User · on-premises' }),
        ]),
      );
      const png = report.diagrams.find((diagram) => diagram.name === name);
      expect(png && 'png' in png && png.png.width).toBe(Math.ceil(legibility.naturalWidth) * PNG_SCALE);
    },
  );

  it("keeps Chromium's temporary files in the renderer's own folder, and leaves nothing in the temp folder", () => {
    // Chromium creates org.chromium.Chromium.* in TMPDIR while it runs, and may leave them behind.
    // (The renderer's own folder is here, or in /tmp when this path is too long for Chromium's socket.)
    expect(report.tempWhileOpen.filter((entry) => /org\.chromium/.test(entry))).toEqual([]);
    expect(readdirSync(temp).filter((entry) => !entry.startsWith('tsx-'))).toEqual([]);
  });

  it('catches what made the old left-to-right diagram illegible: scaled to a quarter, labels on labels', () => {
    const old = legibilityOf(report, 'dev-us-west-2-lr.mmd');
    expect(old.naturalWidth).toBeGreaterThan(3 * GITHUB_CONTENT_WIDTH);
    expect(old.shownWidth).toBeCloseTo(GITHUB_CONTENT_WIDTH, 0);
    expect(old.overlaps).toEqual(
      expect.arrayContaining([
        'cluster "AWS account 111111111111 · us-west-2" overlaps cluster "VPC sagemaker-privatelink-dev · 10.10.0.0/16"',
        'cluster "Security group sagemaker-privatelink-dev-endpoints HTTPS 443 from 10.10.0.0/16, 192.168.0.0/16" overlaps edge "(1) CreatePresignedNotebookInstanceUrl"',
      ]),
    );
    expect(old.crossed.length).toBeGreaterThan(0);
  });

  it('catches a cut label, overlapping labels, an edge through a label and a diagram wider than the column', () => {
    const measured = Object.fromEntries(report.svgs.map((entry) => [entry.name, entry.legibility]));
    expect(measured['cut'].clipped).toEqual(['node "Customer gateway" is cut by its label box', 'node "Customer gateway" is cut by its node']);
    expect(measured['overlapping'].overlaps).toEqual(['node "First label" overlaps node "Second label"']);
    expect(measured['crossed'].crossed).toEqual(['edge L_a_b_0 crosses "Crossed label"']);
    expect(measured['wide']).toMatchObject({ naturalWidth: 1800, shownWidth: GITHUB_CONTENT_WIDTH, overlaps: [], clipped: [], crossed: [] });
  });

  it('fails a diagram with a syntax error, with Mermaid’s parse error', () => {
    expect(report.diagrams.find((diagram) => diagram.name === 'broken.mmd')).toEqual({
      name: 'broken.mmd',
      error: [
        'broken.mmd: Mermaid cannot render the diagram: Parse error on line 4:',
        '... VPN"  vpn --> vgw',
        '---------------------^',
        "Expecting 'SQE', 'DOUBLECIRCLEEND', 'PE', '-)', 'STADIUMEND', 'SUBROUTINEEND', 'PIPE', 'CYLINDEREND', 'DIAMOND_STOP', 'TAGEND', 'TRAPEND', 'INVTRAPEND', 'UNICODE_TEXT', 'TEXT', 'TAGSTART', got '1'",
      ].join('\n'),
    });
  });

  describe('npm run diagram', () => {
    const diagram = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'tools/diagram/src/main.ts', '--readme', join(work, 'no-readme.md'), ...args], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
        encoding: 'utf8',
      });

    it('renders a PNG beside each page, recording its source; --check compares that record, not the pixels', () => {
      const dir = join(work, 'docs');
      const written = diagram(['--out', dir]);
      expect(written.stderr).toBe('');
      expect(written.stdout).toBe(`4 diagrams in ${dir} from ${outdir}: 4 written, 0 removed, 0 unchanged; PNGs: 4 rendered, 0 removed, 0 unchanged\n`);
      expect(diagram(['--check', '--out', dir]).status).toBe(0);
      for (const doc of docs) expect(recordedSource(readFileSync(join(dir, doc.png)))).toBe(diagramSource(doc.mermaid, renderProfile()));
      const decoded = render({ diagrams: [], pngFiles: docs.map((doc) => join(dir, doc.png)) }, temp).pngFiles;
      for (const png of decoded) expect(png).toEqual({ file: png.file, width: expect.any(Number), height: expect.any(Number) });

      // Nothing to render: no Chromium needed.
      const unchanged = diagram(['--out', dir], { PRIVATELINK_CHROMIUM: join(work, 'no-chromium') });
      expect(unchanged.stdout).toBe(`4 diagrams in ${dir} from ${outdir}: 0 written, 0 removed, 4 unchanged; PNGs: 0 rendered, 0 removed, 4 unchanged\n`);
      expect(unchanged.status).toBe(0);

      const dev = join(dir, 'dev-us-west-2.png');
      writeFileSync(dev, withSource(readFileSync(dev), diagramSource('flowchart BT\n  old', renderProfile())));
      copyFileSync(join(dir, 'prod-us-west-2.png'), join(dir, 'qa-us-east-1.png'));
      rmSync(join(dir, 'prod-eu-west-1.png'));
      const stale = diagram(['--check', '--out', dir]);
      expect(stale.stderr).toBe(
        'stale architecture diagrams: dev-us-west-2.png (rendered from another diagram), prod-eu-west-1.png (missing), qa-us-east-1.png (of an env-region no longer synthesized); run `npm run synth && npm run diagram`\n',
      );
      expect(stale.status).toBe(1);

      const again = diagram(['--out', dir]);
      expect(again.stdout).toBe(`4 diagrams in ${dir} from ${outdir}: 0 written, 0 removed, 4 unchanged; PNGs: 2 rendered, 1 removed, 2 unchanged\n`);
      expect(existsSync(join(dir, 'qa-us-east-1.png'))).toBe(false);
      expect(diagram(['--check', '--out', dir]).status).toBe(0);
    });
  });
});
