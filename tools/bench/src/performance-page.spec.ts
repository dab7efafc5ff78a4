import { GENERATED, spliced } from './performance-page';

describe('spliced', () => {
  const table = (value: string) => `${GENERATED.start}\n| measurement | result |\n| --- | --- |\n| synth | ${value} |\n${GENERATED.end}`;

  it('replaces only the generated part, keeping the prose before and after it', () => {
    const page = `# Performance\n\nIntro.\n\n${table('3 s')}\n\n## Where targets are missed\n\nBecause.\n`;

    expect(spliced(page, table('2 s'))).toBe(`# Performance\n\nIntro.\n\n${table('2 s')}\n\n## Where targets are missed\n\nBecause.\n`);
  });

  it('makes a page of the generated part when there is none yet', () => {
    expect(spliced('', table('2 s'))).toBe(`# Performance\n\n${table('2 s')}\n`);
  });
});
