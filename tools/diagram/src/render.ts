import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'puppeteer';
import { chromiumPath, launchOptions } from './chromium';

/**
 * The width of GitHub's Markdown content column, where it draws a Mermaid block: 980 px wide with
 * 45 px padding on each side (https://github.com/sindresorhus/github-markdown-css#usage).
 * A diagram wider than this is scaled down to fit, text and all.
 */
export const GITHUB_CONTENT_WIDTH = 980 - 2 * 45;

/** PNGs are drawn at twice the CSS pixel size, so they stay sharp on high-density screens. */
export const PNG_SCALE = 2;

function packageVersion(name: string): string {
  // Both packages export only their entry point, so their package.json is found beside it.
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    } catch {
      // not the package root yet
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the version of ${name}`);
    dir = dirname(dir);
  }
}

/** What a render depends on besides the Mermaid text: the renderer and its settings. */
export function renderProfile(): string {
  return `mermaid ${packageVersion('mermaid')}, mermaid-cli ${packageVersion('@mermaid-js/mermaid-cli')}, width ${GITHUB_CONTENT_WIDTH}, scale ${PNG_SCALE}`;
}

/** Mermaid refused a diagram: the message names the diagram and carries Mermaid's parse error. */
export class MermaidRenderError extends Error {}

/** Mermaid's own message without the stack lines Chromium appends (file URLs of this machine). */
function mermaidMessage(error: unknown): string {
  const lines = String((error as Error)?.message ?? error).split('\n');
  const stack = lines.findIndex((line) => /^\s*(at |\S+ \(https?:|Error: Evaluation failed)/.test(line) || /\(https:\/\/mermaid-cli-intercept\.invalid/.test(line));
  return (stack < 0 ? lines : lines.slice(0, stack)).join('\n').trim();
}

/**
 * Where the renderer's folder goes: the temp folder, unless its path is too long for Chromium's
 * singleton socket (`<TMPDIR>/org.chromium.Chromium.XXXXXX/SingletonSocket`, and a Unix socket path
 * holds at most 107 bytes), then `/tmp`. Chromium refuses to start otherwise ("Socket path too long").
 */
export function chromiumTempBase(base: string = tmpdir()): string {
  const folder = 'diagram-chromium-XXXXXX'.length + 1;
  const socket = '/org.chromium.Chromium.XXXXXX/SingletonSocket'.length;
  return Buffer.byteLength(base) + folder + socket <= 107 ? base : '/tmp';
}

type RenderMermaid = (typeof import('@mermaid-js/mermaid-cli'))['renderMermaid'];

/**
 * Renders Mermaid diagrams with mermaid-cli in one headless Chromium, started on the first render
 * and ended by `close()`. Each render gets a fresh page at GitHub's content width.
 */
export class MermaidRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly render: RenderMermaid,
    private readonly workDir: string,
  ) {}

  static async start(env: NodeJS.ProcessEnv = process.env): Promise<MermaidRenderer> {
    const executablePath = chromiumPath(env);
    // Both are ES modules; this file runs under tsx, which keeps import() native.
    const [{ renderMermaid }, { default: puppeteer }] = await Promise.all([import('@mermaid-js/mermaid-cli'), import('puppeteer')]);
    // Chromium's profile and temporary files, all removed by close().
    const workDir = mkdtempSync(join(chromiumTempBase(), 'diagram-chromium-'));
    try {
      return new MermaidRenderer(await puppeteer.launch(launchOptions(executablePath, workDir, env)), renderMermaid, workDir);
    } catch (error) {
      rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The browser, for tests that measure what was rendered. */
  get chromium(): Browser {
    return this.browser;
  }

  private async draw(name: string, mermaid: string, format: 'svg' | 'png'): Promise<Uint8Array> {
    try {
      const viewport = { width: GITHUB_CONTENT_WIDTH, height: 800, deviceScaleFactor: format === 'png' ? PNG_SCALE : 1 };
      return (await this.render(this.browser, mermaid, format, { viewport })).data;
    } catch (error) {
      throw new MermaidRenderError(`${name}: Mermaid cannot render the diagram: ${mermaidMessage(error)}`);
    }
  }

  /** The SVG Mermaid draws, as GitHub would draw it. */
  async svg(name: string, mermaid: string): Promise<string> {
    return new TextDecoder().decode(await this.draw(name, mermaid, 'svg'));
  }

  /** A PNG screenshot of the diagram at its natural size, at PNG_SCALE. */
  async png(name: string, mermaid: string): Promise<Buffer> {
    return Buffer.from(await this.draw(name, mermaid, 'png'));
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      rmSync(this.workDir, { recursive: true, force: true });
    }
  }
}
