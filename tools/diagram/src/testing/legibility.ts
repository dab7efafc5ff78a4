import type { Browser } from 'puppeteer';

/** One text label of a rendered flowchart, where the browser drew it (CSS pixels of the page). */
export interface Label {
  readonly kind: 'node' | 'edge' | 'cluster';
  readonly text: string;
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

/** What a person sees of a rendered diagram in a column of GitHub's width. */
export interface Legibility {
  /** The SVG's own width, and the width it is shown at in the column (smaller: scaled down). */
  readonly naturalWidth: number;
  readonly shownWidth: number;
  readonly labels: readonly Label[];
  /** Pairs of labels whose text boxes overlap. */
  readonly overlaps: readonly string[];
  /** Labels whose text does not fit the box that clips it (its label box, its node, its subgraph, the SVG). */
  readonly clipped: readonly string[];
  /** Edges drawn through the text of a node or subgraph label. */
  readonly crossed: readonly string[];
}

/**
 * Runs in the page, on the one SVG in it. Plain JavaScript in a string, so no transpiler helper
 * ends up in code that the browser evaluates.
 */
const MEASURE = String.raw`(() => {
  const EPSILON = 0.5;
  const svg = document.querySelector('svg');
  const rect = (r) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  const inside = (inner, outer) =>
    inner.x >= outer.x - EPSILON && inner.y >= outer.y - EPSILON &&
    inner.x + inner.width <= outer.x + outer.width + EPSILON && inner.y + inner.height <= outer.y + outer.height + EPSILON;
  const intersect = (a, b) =>
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > EPSILON &&
    Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > EPSILON;
  const textBox = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return rect(range.getBoundingClientRect());
  };
  const labels = [];
  const clipped = [];
  const svgBox = rect(svg.getBoundingClientRect());
  for (const object of svg.querySelectorAll('foreignObject')) {
    const text = (object.firstElementChild ?? object).innerText.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const kind = object.closest('.edgeLabel') ? 'edge' : object.closest('.cluster') ? 'cluster' : 'node';
    const box = textBox(object.firstElementChild ?? object);
    labels.push({ kind, text, box });
    const clips = [['its label box', rect(object.getBoundingClientRect())], ['the SVG', svgBox]];
    if (kind === 'node') {
      const node = object.closest('g.node');
      const shape = node && [...node.children].find((child) => !child.classList.contains('label'));
      if (shape) clips.push(['its node', rect(shape.getBoundingClientRect())]);
    }
    if (kind === 'cluster') {
      const shape = object.closest('g.cluster').querySelector(':scope > rect');
      if (shape) clips.push(['its subgraph', rect(shape.getBoundingClientRect())]);
    }
    for (const [what, outer] of clips) if (!inside(box, outer)) clipped.push(kind + ' "' + text + '" is cut by ' + what);
  }
  const overlaps = [];
  for (let i = 0; i < labels.length; i += 1) {
    for (let j = i + 1; j < labels.length; j += 1) {
      if (intersect(labels[i].box, labels[j].box)) overlaps.push(labels[i].kind + ' "' + labels[i].text + '" overlaps ' + labels[j].kind + ' "' + labels[j].text + '"');
    }
  }
  // Edge labels sit on their own edge, on a background: only node and subgraph text can be crossed.
  const crossed = [];
  const texts = labels.filter((label) => label.kind !== 'edge');
  for (const path of svg.querySelectorAll('path.flowchart-link')) {
    const matrix = path.getScreenCTM();
    const length = path.getTotalLength();
    const hit = new Set();
    for (let at = 0; at <= length; at += 2) {
      const point = new DOMPoint(path.getPointAtLength(at).x, path.getPointAtLength(at).y).matrixTransform(matrix);
      for (const label of texts) {
        const b = label.box;
        if (point.x > b.x + 1 && point.x < b.x + b.width - 1 && point.y > b.y + 1 && point.y < b.y + b.height - 1) hit.add(label.text);
      }
    }
    for (const text of hit) crossed.push('edge ' + (path.dataset.id || path.id) + ' crosses "' + text + '"');
  }
  return { naturalWidth: svg.viewBox.baseVal.width, shownWidth: svgBox.width, labels, overlaps, clipped, crossed };
})()`;

/**
 * Shows an SVG the way GitHub does, in a column `width` pixels wide where it may shrink to fit,
 * and measures its labels in the browser.
 */
export async function measureLegibility(browser: Browser, svg: string, width: number): Promise<Legibility> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: width + 100, height: 800 });
    await page.setContent(`<!doctype html><html><body style="margin:0"><div style="width:${width}px">${svg}</div></body></html>`);
    await page.evaluate('document.fonts.ready');
    return (await page.evaluate(MEASURE)) as Legibility;
  } finally {
    await page.close();
  }
}
