import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** The bytes of a file as a stream, gunzipped when it ends in .gz (as DuckDB reads it). */
export function openBytes(path: string): Readable {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  return /\.gz$/i.test(path) ? raw.pipe(createGunzip()) : raw;
}

/** The first `limit` bytes of a file (fewer when it is shorter), gunzipped when it ends in .gz. */
export async function readHead(path: string, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = openBytes(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit);
}
