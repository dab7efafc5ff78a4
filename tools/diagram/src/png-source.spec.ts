import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { ArchitectureDoc } from './architecture-docs';
import { pngStatus } from './png-renders';
import { diagramSource, recordedSource, SOURCE_KEYWORD, withSource } from './png-source';

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A 1x1 white PNG, written out chunk by chunk (the integration test has Chromium decode real ones). */
function onePixelPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 8; offset < png.length; offset += 12 + png.readUInt32BE(offset)) types.push(png.toString('latin1', offset + 4, offset + 8));
  return types;
}

describe('the source a PNG records', () => {
  const source = diagramSource('flowchart BT\n  a --> b', 'mermaid 11.17.2, width 890');

  it('is the SHA-256 of the Mermaid text and the render profile', () => {
    // printf 'flowchart BT\n  a --> b' | sha256sum
    expect(source).toBe('sha256:b07255023a2950d15316279296834b5547dbb832d96b348d5b380c0ec88146bd mermaid 11.17.2, width 890');
    expect(diagramSource('flowchart BT\n  a --> c', 'mermaid 11.17.2, width 890')).not.toBe(source);
    expect(diagramSource('flowchart BT\n  a --> b', 'mermaid 11.18.0, width 890').split(' ')[0]).toBe(source.split(' ')[0]);
  });

  it('is written in a tEXt chunk after the header, with a valid CRC, and read back', () => {
    const plain = onePixelPng();
    expect(recordedSource(plain)).toBeUndefined();
    const recorded = withSource(plain, source);
    expect(chunkTypes(recorded)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    const length = recorded.readUInt32BE(33);
    const text = recorded.subarray(37, 41 + length);
    expect(text.subarray(4).toString('latin1')).toBe(`${SOURCE_KEYWORD}\0${source}`);
    expect(recorded.readUInt32BE(41 + length)).toBe(crc32(text));
    expect(recordedSource(recorded)).toBe(source);
  });

  it('replaces the record of an earlier render instead of adding a second one', () => {
    const twice = withSource(withSource(onePixelPng(), 'sha256:old'), source);
    expect(chunkTypes(twice)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    expect(recordedSource(twice)).toBe(source);
  });

  it('refuses what is not a PNG and a record that is not printable ASCII', () => {
    expect(() => recordedSource(Buffer.from('{"name": "not an image"}'))).toThrow('not a PNG file');
    expect(() => withSource(onePixelPng().subarray(0, 20), source)).toThrow('PNG chunk IHDR runs past the end of the file');
    expect(() => withSource(onePixelPng(), 'sha256:x\ny')).toThrow('a PNG source record is printable ASCII, got "sha256:x\\ny"');
  });
});

describe('pngStatus', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'png-status-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const doc = (name: string, mermaid: string): ArchitectureDoc => ({ file: `${name}.md`, content: '', embed: '', mermaid, png: `${name}.png` });

  it('finds PNGs missing or rendered from another diagram, and generated PNGs of env-regions that are gone', () => {
    const docs = [doc('dev-us-west-2', 'flowchart BT\n  a'), doc('prod-us-west-2', 'flowchart BT\n  b'), doc('staging-us-west-2', 'flowchart BT\n  c')];
    writeFileSync(join(dir, 'dev-us-west-2.png'), withSource(onePixelPng(), diagramSource('flowchart BT\n  a', 'profile 1')));
    writeFileSync(join(dir, 'prod-us-west-2.png'), withSource(onePixelPng(), diagramSource('flowchart BT\n  b (edited)', 'profile 1')));
    writeFileSync(join(dir, 'qa-eu-west-1.png'), withSource(onePixelPng(), diagramSource('flowchart BT\n  q', 'profile 1')));
    writeFileSync(join(dir, 'hand-drawn.png'), onePixelPng());

    expect(pngStatus(dir, docs, 'profile 1')).toEqual({
      stale: [
        { file: 'prod-us-west-2.png', reason: 'rendered from another diagram' },
        { file: 'staging-us-west-2.png', reason: 'missing' },
      ],
      leftover: ['qa-eu-west-1.png'],
    });
    expect(pngStatus(dir, docs, 'profile 2').stale.map((png) => png.file)).toEqual(['dev-us-west-2.png', 'prod-us-west-2.png', 'staging-us-west-2.png']);
  });
});
