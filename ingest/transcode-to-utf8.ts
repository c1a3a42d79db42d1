import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { CellpulseError } from '../domain/errors.js';
import { DecodeWorkers } from './decode-workers.js';
import type { TextEncoding } from './detect-encoding.js';
import { openBytes } from './file-bytes.js';

/** Pieces of about this size go to the decode workers; a few in flight bound the memory used. */
const PIECE_BYTES = 4 << 20;
const IN_FLIGHT = 4;
const LF = 0x0a;

/**
 * Copies a text file in `encoding` to `target` as UTF-8 without a byte-order mark, streaming
 * (a few megabytes at a time, whatever the file's size), through the platform's decoder (WHATWG
 * TextDecoder, ICU's GB18030 and UTF-16 tables) in fatal mode: a byte sequence that is not valid
 * in `encoding` refuses the file instead of turning into replacement characters. GB18030 is cut
 * at line ends (byte 0x0A never occurs inside a GB18030 character) and decoded on worker threads.
 * @throws CellpulseError refused_file naming the byte offset of the invalid part.
 */
export async function transcodeToUtf8(
  path: string,
  encoding: TextEncoding,
  target: string,
  name = path,
): Promise<void> {
  const out = createWriteStream(target);
  try {
    if (encoding === 'gb18030') await decodeInPieces(path, encoding, out, name);
    else await decodeInOrder(path, encoding, out, name);
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
}

async function decodeInOrder(path: string, encoding: TextEncoding, out: WriteStream, name: string): Promise<void> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  for await (const chunk of openBytes(path) as AsyncIterable<Buffer>) {
    const text = decodeOrRefuse(() => decoder.decode(chunk, { stream: true }), offset, encoding, name);
    offset += chunk.length;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.write(decodeOrRefuse(() => decoder.decode(), offset, encoding, name));
}

async function decodeInPieces(path: string, encoding: TextEncoding, out: WriteStream, name: string): Promise<void> {
  const pool = DecodeWorkers.shared();
  const queue: { offset: number; utf8: Promise<Uint8Array | undefined> }[] = [];
  // new Uint8Array(piece) copies the piece into a buffer of its own, which is moved to the worker.
  const send = (piece: Buffer, offset: number): number =>
    queue.push({ offset, utf8: pool.decode(new Uint8Array(piece), encoding) });
  const writeDone = async (keep: number): Promise<void> => {
    while (queue.length > keep) {
      const head = queue.shift()!;
      const utf8 = await head.utf8;
      if (utf8 === undefined) throw invalidBytes(head.offset, encoding, name);
      if (!out.write(utf8)) await once(out, 'drain');
    }
  };
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of openBytes(path) as AsyncIterable<Buffer>) {
    carry = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = carry.length < PIECE_BYTES ? 0 : carry.lastIndexOf(LF) + 1;
    if (cut === 0) continue;
    send(carry.subarray(0, cut), offset);
    offset += cut;
    carry = carry.subarray(cut);
    await writeDone(IN_FLIGHT);
  }
  if (carry.length > 0) send(carry, offset);
  await writeDone(0);
}

function decodeOrRefuse(decode: () => string, offset: number, encoding: TextEncoding, name: string): string {
  try {
    return decode();
  } catch {
    throw invalidBytes(offset, encoding, name);
  }
}

function invalidBytes(offset: number, encoding: TextEncoding, name: string): CellpulseError {
  return new CellpulseError(
    'refused_file',
    `${name}: the bytes after offset ${offset} are not valid ${encoding}; check the file's encoding ` +
      '(--encoding utf-8|gb18030|utf-16le|utf-16be) or save it again as UTF-8',
  );
}

/** The byte offset of the first megabyte chunk of a file that is not valid UTF-8; undefined when all of it is. */
export async function firstInvalidUtf8(path: string): Promise<number | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  try {
    for await (const chunk of openBytes(path) as AsyncIterable<Buffer>) {
      decoder.decode(chunk, { stream: true });
      offset += chunk.length;
    }
    decoder.decode();
    return undefined;
  } catch {
    return offset;
  }
}
