/** Words Mermaid reads as syntax, never usable as a node id. */
const RESERVED_IDS = new Set(['end', 'graph', 'subgraph', 'flowchart', 'direction', 'style', 'class', 'classDef', 'click', 'linkStyle', 'default', 'call', 'href']);

/** Node and subgraph ids: a letter, then letters, digits and `_`. */
export const MERMAID_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

export type NodeShape = 'box' | 'rounded' | 'stadium' | 'database' | 'subroutine';
export type EdgeStyle = 'solid' | 'dotted' | 'thick' | 'link';

const SHAPES: Readonly<Record<NodeShape, readonly [string, string]>> = {
  box: ['["', '"]'],
  rounded: ['("', '")'],
  stadium: ['(["', '"])'],
  database: ['[("', '")]'],
  subroutine: ['[["', '"]]'],
};

const ARROWS: Readonly<Record<EdgeStyle, string>> = { solid: '-->', dotted: '-.->', thick: '==>', link: '-.-' };

/** A Mermaid id from any text: `sagemaker-api` → `ep_sagemaker_api`. */
export function mermaidId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`;
}

/** Label text: each part on its own line, with what Mermaid would read as syntax escaped. */
function label(parts: readonly string[]): string {
  return parts
    .map((part) => part.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;'))
    .join('<br/>');
}

/**
 * Writes a Mermaid `flowchart` that is well formed by construction: every id is valid and declared
 * once, every subgraph is closed, every edge joins declared ids. Output follows call order exactly.
 */
export class Flowchart {
  private readonly lines: string[];
  private readonly declared = new Set<string>();
  private readonly edges: { readonly from: string; readonly to: string; readonly text: string }[] = [];
  private depth = 1;

  /** `config` goes in an init directive, which GitHub's Mermaid reads as well as mermaid-cli's. */
  constructor(direction: 'LR' | 'TB' | 'BT', comment?: string, config?: Readonly<Record<string, unknown>>) {
    this.lines = [...(config ? [`%%{init: ${JSON.stringify(config)}}%%`] : []), `flowchart ${direction}`, ...(comment ? [`  %% ${comment}`] : [])];
  }

  private declare(id: string): void {
    if (!MERMAID_ID.test(id) || RESERVED_IDS.has(id)) throw new Error(`"${id}" is not a usable Mermaid id`);
    if (this.declared.has(id)) throw new Error(`Mermaid id "${id}" is declared twice`);
    this.declared.add(id);
  }

  private line(text: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${text}`);
  }

  node(id: string, parts: readonly string[], shape: NodeShape = 'box'): this {
    this.declare(id);
    const [open, close] = SHAPES[shape];
    this.line(`${id}${open}${label(parts)}${close}`);
    return this;
  }

  subgraph(id: string, title: readonly string[], body: () => void): this {
    this.declare(id);
    this.line(`subgraph ${id}["${label(title)}"]`);
    this.depth += 1;
    body();
    this.depth -= 1;
    this.line('end');
    return this;
  }

  /** Edges are written after every node and subgraph, so they may name ids declared later. */
  edge(from: string, to: string, style: EdgeStyle = 'solid', text?: string): this {
    this.edges.push({ from, to, text: `${from} ${ARROWS[style]}${text ? `|"${label([text])}"|` : ''} ${to}` });
    return this;
  }

  render(): string {
    for (const edge of this.edges) {
      for (const id of [edge.from, edge.to]) {
        if (!this.declared.has(id)) throw new Error(`edge "${edge.text}" names undeclared id "${id}"`);
      }
    }
    return [...this.lines, ...this.edges.map((edge) => `  ${edge.text}`)].join('\n');
  }
}
