/** What a structural read of a Mermaid flowchart finds; independent of the code that wrote it. */
export interface FlowchartStructure {
  /** The init directive's configuration, when the text starts with one. */
  readonly config?: unknown;
  readonly header: string;
  /** Node and subgraph ids, in order of declaration (duplicates kept, to be caught). */
  readonly declared: readonly string[];
  readonly subgraphs: readonly string[];
  /** Every line of every node and subgraph label, `<br/>` splitting lines, Mermaid entities decoded. */
  readonly labelLines: readonly string[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly label?: string }[];
  /** Problems: unbalanced `subgraph`/`end`, lines that are neither node, subgraph, edge nor comment. */
  readonly problems: readonly string[];
}

const ID = '[A-Za-z][A-Za-z0-9_]*';
const NODE = new RegExp(`^(${ID})(?:\\[\\["([^"]*)"\\]\\]|\\[\\("([^"]*)"\\)\\]|\\(\\["([^"]*)"\\]\\)|\\["([^"]*)"\\]|\\("([^"]*)"\\))$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\["([^"]*)"\\]$`);
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', quot: '"', lt: '<', gt: '>' };
const EDGE = new RegExp(`^(${ID}) (-->|-\\.->|==>|-\\.-)(?:\\|"([^"]*)"\\|)? (${ID})$`);

function labelLines(label: string): string[] {
  return label.split('<br/>').map((line) => line.replace(/#(amp|quot|lt|gt);/g, (_, name: string) => ENTITIES[name]));
}

/** Reads a flowchart line by line, the way its grammar is laid out: init directive, header, nodes, subgraph ... end, edges. */
export function flowchartStructure(text: string): FlowchartStructure {
  const all = text.split('\n');
  const directive = /^%%\{init: (.*)\}%%$/.exec(all[0]);
  const [header, ...lines] = directive ? all.slice(1) : all;
  const declared: string[] = [];
  const subgraphs: string[] = [];
  const labels: string[] = [];
  const edges: { from: string; to: string; label?: string }[] = [];
  const problems: string[] = [];
  let depth = 0;
  for (const raw of lines) {
    const line = raw.trim();
    let match: RegExpExecArray | null;
    if (line === '' || line.startsWith('%%')) continue;
    if (line === 'end') {
      depth -= 1;
      if (depth < 0) problems.push('end without subgraph');
    } else if ((match = SUBGRAPH.exec(line))) {
      depth += 1;
      declared.push(match[1]);
      subgraphs.push(match[1]);
      labels.push(...labelLines(match[2]));
    } else if ((match = NODE.exec(line))) {
      declared.push(match[1]);
      labels.push(...labelLines(match.slice(2).find((part) => part !== undefined) ?? ''));
    } else if ((match = EDGE.exec(line))) {
      edges.push({ from: match[1], to: match[4], ...(match[3] === undefined ? {} : { label: match[3] }) });
    } else {
      problems.push(`unreadable line: ${line}`);
    }
  }
  if (depth > 0) problems.push(`${depth} subgraph(s) not closed`);
  return { ...(directive ? { config: JSON.parse(directive[1]) as unknown } : {}), header, declared, subgraphs, labelLines: labels, edges, problems };
}

/** The Mermaid block of a generated page. */
export function mermaidBlock(page: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(page);
  if (!match) throw new Error('no mermaid block in the page');
  return match[1];
}
