/** What a structural read of a Mermaid flowchart finds; independent of the code that wrote it. */
export interface FlowchartStructure {
  readonly header: string;
  /** Node and subgraph ids, in order of declaration (duplicates kept, to be caught). */
  readonly declared: readonly string[];
  readonly subgraphs: readonly string[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly label?: string }[];
  /** Problems: unbalanced `subgraph`/`end`, lines that are neither node, subgraph, edge nor comment. */
  readonly problems: readonly string[];
}

const ID = '[A-Za-z][A-Za-z0-9_]*';
const NODE = new RegExp(`^(${ID})(\\[\\["[^"]*"\\]\\]|\\[\\("[^"]*"\\)\\]|\\(\\["[^"]*"\\]\\)|\\["[^"]*"\\]|\\("[^"]*"\\))$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\["[^"]*"\\]$`);
const EDGE = new RegExp(`^(${ID}) (-->|-\\.->|==>|-\\.-)(?:\\|"([^"]*)"\\|)? (${ID})$`);

/** Reads a flowchart line by line, the way its grammar is laid out: header, nodes, subgraph ... end, edges. */
export function flowchartStructure(text: string): FlowchartStructure {
  const [header, ...lines] = text.split('\n');
  const declared: string[] = [];
  const subgraphs: string[] = [];
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
    } else if ((match = NODE.exec(line))) {
      declared.push(match[1]);
    } else if ((match = EDGE.exec(line))) {
      edges.push({ from: match[1], to: match[4], ...(match[3] === undefined ? {} : { label: match[3] }) });
    } else {
      problems.push(`unreadable line: ${line}`);
    }
  }
  if (depth > 0) problems.push(`${depth} subgraph(s) not closed`);
  return { header, declared, subgraphs, edges, problems };
}

/** The Mermaid block of a generated page. */
export function mermaidBlock(page: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(page);
  if (!match) throw new Error('no mermaid block in the page');
  return match[1];
}
