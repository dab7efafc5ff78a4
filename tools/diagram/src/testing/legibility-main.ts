import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser } from 'puppeteer';
import { GITHUB_CONTENT_WIDTH, MermaidRenderer } from '../render';
import { measureLegibility, type Legibility } from './legibility';

/** Diagrams to render (name and Mermaid text), SVGs to measure as they are, PNG files for Chromium to decode. */
export interface RenderRequest {
  readonly diagrams: readonly { readonly name: string; readonly mermaid: string }[];
  readonly svgs?: readonly { readonly name: string; readonly svg: string }[];
  readonly pngFiles?: readonly string[];
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** How legible each diagram is at GitHub's width and the size of its PNG, or why it did not render. */
export interface RenderReport {
  readonly diagrams: readonly ({ readonly name: string; readonly legibility: Legibility; readonly png: Size } | { readonly name: string; readonly error: string })[];
  readonly svgs: readonly { readonly name: string; readonly legibility: Legibility }[];
  /** Each PNG file as Chromium decoded it, or its error. */
  readonly pngFiles: readonly ({ readonly file: string } & (Size | { readonly error: string }))[];
  /** The entries of this process's temp folder after the renders, Chromium still open. */
  readonly tempWhileOpen: readonly string[];
}

async function decode(browser: Browser, file: string): Promise<Size> {
  const page = await browser.newPage();
  try {
    const url = `data:image/png;base64,${readFileSync(file).toString('base64')}`;
    return (await page.evaluate(
      `new Promise((resolve, reject) => { const image = new Image(); image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight }); image.onerror = () => reject(new Error('Chromium cannot decode the image')); image.src = ${JSON.stringify(url)}; })`,
    )) as Size;
  } finally {
    await page.close();
  }
}

/**
 * A child process for the integration tests (Jest cannot load mermaid-cli, an ES module): reads a
 * RenderRequest as JSON on stdin, renders and decodes in one Chromium, prints a RenderReport.
 */
async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(0, 'utf8')) as RenderRequest;
  const renderer = await MermaidRenderer.start();
  const report: {
    diagrams: RenderReport['diagrams'][number][];
    svgs: RenderReport['svgs'][number][];
    pngFiles: RenderReport['pngFiles'][number][];
    tempWhileOpen: string[];
  } = { diagrams: [], svgs: [], pngFiles: [], tempWhileOpen: [] };
  try {
    for (const { name, mermaid } of request.diagrams) {
      try {
        const legibility = await measureLegibility(renderer.chromium, await renderer.svg(name, mermaid), GITHUB_CONTENT_WIDTH);
        const png = await renderer.png(name, mermaid);
        report.diagrams.push({ name, legibility, png: { width: png.readUInt32BE(16), height: png.readUInt32BE(20) } });
      } catch (error) {
        report.diagrams.push({ name, error: (error as Error).message });
      }
    }
    for (const { name, svg } of request.svgs ?? []) {
      report.svgs.push({ name, legibility: await measureLegibility(renderer.chromium, svg, GITHUB_CONTENT_WIDTH) });
    }
    for (const file of request.pngFiles ?? []) {
      try {
        report.pngFiles.push({ file, ...(await decode(renderer.chromium, file)) });
      } catch (error) {
        report.pngFiles.push({ file, error: (error as Error).message });
      }
    }
    report.tempWhileOpen = readdirSync(tmpdir()).sort();
  } finally {
    await renderer.close();
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
