import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The keyword of the PNG text chunk that records what an image was rendered from. */
export const SOURCE_KEYWORD = 'privatelink-diagram-source';

/**
 * What a PNG is rendered from: the SHA-256 of the Mermaid text, and the renderer and its settings.
 * Renders are not byte-identical across machines, so this, not the image, is what `--check` compares.
 */
export function diagramSource(mermaid: string, profile: string): string {
  return `sha256:${createHash('sha256').update(mermaid).digest('hex')} ${profile}`;
}

interface Chunk {
  readonly type: string;
  readonly data: Buffer;
  /** Offset of the chunk's length field in the file. */
  readonly start: number;
  readonly end: number;
}

function chunks(png: Buffer): Chunk[] {
  if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not a PNG file');
  const found: Chunk[] = [];
  let offset = SIGNATURE.length;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    found.push({ type, data: png.subarray(offset + 8, offset + 8 + length), start: offset, end });
    offset = end;
    if (type === 'IEND') break;
  }
  if (found[0]?.type !== 'IHDR') throw new Error('PNG file does not start with IHDR');
  return found;
}

function textChunk(keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const typeAndData = Buffer.concat([Buffer.from('tEXt', 'latin1'), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return chunk;
}

/** The source recorded in a PNG, or undefined when it records none. */
export function recordedSource(png: Buffer): string | undefined {
  const prefix = Buffer.from(`${SOURCE_KEYWORD}\0`, 'latin1');
  const chunk = chunks(png).find((candidate) => candidate.type === 'tEXt' && candidate.data.subarray(0, prefix.length).equals(prefix));
  return chunk?.data.subarray(prefix.length).toString('latin1');
}

/** The PNG with `source` recorded in a text chunk after its header, replacing any recorded before. */
export function withSource(png: Buffer, source: string): Buffer {
  if (!/^[\x20-\x7e]*$/.test(source)) throw new Error(`a PNG source record is printable ASCII, got ${JSON.stringify(source)}`);
  const prefix = Buffer.from(`${SOURCE_KEYWORD}\0`, 'latin1');
  const kept = chunks(png).filter((chunk) => !(chunk.type === 'tEXt' && chunk.data.subarray(0, prefix.length).equals(prefix)));
  const [header, ...rest] = kept;
  return Buffer.concat([
    SIGNATURE,
    png.subarray(header.start, header.end),
    textChunk(SOURCE_KEYWORD, source),
    ...rest.map((chunk) => png.subarray(chunk.start, chunk.end)),
  ]);
}
