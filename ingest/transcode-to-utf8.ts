import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { CellpulseError } from '../domain/errors.js';
import type { TextEncoding } from './detect-encoding.js';
import { openBytes } from './file-bytes.js';

/**
 * Copies a text file in `encoding` to `target` as UTF-8 without a byte-order mark, streaming
 * (a chunk of a megabyte at a time, whatever the file's size), through the platform's decoder
 * (WHATWG TextDecoder, ICU's GB18030 and UTF-16 tables) in fatal mode: a byte sequence that is
 * not valid in `encoding` refuses the file instead of turning into replacement characters.
 * @throws CellpulseError refused_file naming the byte offset of the first invalid sequence.
 */
export async function transcodeToUtf8(
  path: string, encoding: TextEncoding, target: string, name = path,
): Promise<void> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const out = createWriteStream(target);
  let offset = 0;
  try {
    for await (const chunk of openBytes(path) as AsyncIterable<Buffer>) {
      const text = decodeChunk(decoder, chunk, offset, encoding, name);
      offset += chunk.length;
      if (!out.write(text)) await once(out, 'drain');
    }
    out.write(decodeChunk(decoder, undefined, offset, encoding, name));
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
}

function decodeChunk(
  decoder: TextDecoder, chunk: Buffer | undefined, offset: number, encoding: TextEncoding, name: string,
): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch {
    throw new CellpulseError(
      'refused_file',
      `${name}: the bytes after offset ${offset} are not valid ${encoding}; check the file's encoding `
        + '(--encoding utf-8|gb18030|utf-16le|utf-16be) or save it again as UTF-8',
    );
  }
}
