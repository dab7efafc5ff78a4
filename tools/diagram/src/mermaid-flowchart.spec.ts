import { Flowchart, mermaidId } from './mermaid-flowchart';
import { flowchartStructure } from './testing';

describe('Flowchart', () => {
  it('writes nodes in their subgraphs, then the edges, with labels escaped', () => {
    const chart = new Flowchart('LR', 'test');
    chart.subgraph('outer', ['Outer "box"'], () => {
      chart.node('a', ['A', 'second <line>']);
      chart.subgraph('inner', ['Inner'], () => chart.node('b', ['B & C'], 'database'));
    });
    chart.node('c', ['C'], 'stadium').edge('a', 'b', 'solid', 'calls "it"').edge('b', 'c', 'dotted').edge('c', 'inner', 'link', 'x');
    const text = chart.render();
    expect(text).toBe(
      [
        'flowchart LR',
        '  %% test',
        '  subgraph outer["Outer #quot;box#quot;"]',
        '    a["A<br/>second #lt;line#gt;"]',
        '    subgraph inner["Inner"]',
        '      b[("B #amp; C")]',
        '    end',
        '  end',
        '  c(["C"])',
        '  a -->|"calls #quot;it#quot;"| b',
        '  b -.-> c',
        '  c -.-|"x"| inner',
      ].join('\n'),
    );
    expect(flowchartStructure(text).problems).toEqual([]);
    expect(flowchartStructure(text).labelLines).toEqual(['Outer "box"', 'A', 'second <line>', 'Inner', 'B & C', 'C']);
  });

  it('puts its configuration in an init directive before the header', () => {
    const text = new Flowchart('BT', undefined, { flowchart: { nodeSpacing: 30 } }).node('a', ['A']).render();
    expect(text).toBe('%%{init: {"flowchart":{"nodeSpacing":30}}}%%\nflowchart BT\n  a["A"]');
    expect(flowchartStructure(text)).toEqual({ config: { flowchart: { nodeSpacing: 30 } }, header: 'flowchart BT', declared: ['a'], subgraphs: [], labelLines: ['A'], edges: [], problems: [] });
  });

  it('refuses ids Mermaid cannot take, ids declared twice and edges to undeclared ids', () => {
    expect(() => new Flowchart('LR').node('end', ['x'])).toThrow('"end" is not a usable Mermaid id');
    expect(() => new Flowchart('LR').node('sagemaker-api', ['x'])).toThrow('"sagemaker-api" is not a usable Mermaid id');
    expect(() => new Flowchart('LR').node('a', ['x']).node('a', ['y'])).toThrow('Mermaid id "a" is declared twice');
    expect(() => new Flowchart('LR').node('a', ['x']).edge('a', 'b').render()).toThrow('edge "a --> b" names undeclared id "b"');
  });

  it('makes ids from names', () => {
    expect(mermaidId('ep', 'sagemaker-api')).toBe('ep_sagemaker_api');
    expect(mermaidId('subnet', 'us-west-2a')).toBe('subnet_us_west_2a');
    expect(mermaidId('nb', '-odd..name-')).toBe('nb_odd_name');
  });
});

describe('flowchartStructure', () => {
  it('catches an unclosed subgraph, a stray end and an unreadable line', () => {
    expect(flowchartStructure('flowchart LR\n  subgraph a["A"]\n  b["B"]').problems).toEqual(['1 subgraph(s) not closed']);
    expect(flowchartStructure('flowchart LR\n  end').problems).toEqual(['end without subgraph']);
    expect(flowchartStructure('flowchart LR\n  a-b["x"]').problems).toEqual(['unreadable line: a-b["x"]']);
  });
});
