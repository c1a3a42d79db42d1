import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { csvChunks } from './csv.js';
import { featureCollectionChunks, jsonArrayChunks } from './json-chunks.js';
import { MEDIA_TYPES, type OutputFormat } from './negotiate.js';
import { columnsOf, type TableSpec } from './table-spec.js';

const EXTENSIONS: Record<OutputFormat, string> = { json: 'json', geojson: 'geojson', csv: 'csv', arrow: 'arrows' };

type Chunk = string | Uint8Array;

/** Encoded bodies of result arrays that are reused (cached aggregates); they die with the array. */
const encoded = new WeakMap<object, Map<OutputFormat, Buffer>>();

/**
 * Answers with `items` in `format`, streamed in chunks (never one giant string): a JSON array,
 * a GeoJSON FeatureCollection, CSV with a header row, or an Arrow IPC stream with its schema.
 * With `reuse` (the array comes from the result cache), the body is kept beside the array so the
 * next request for the same result and format sends it again as one buffer (one write, no stream).
 */
export function sendTable<T>(
  reply: FastifyReply,
  format: OutputFormat,
  items: readonly T[],
  spec: TableSpec<T>,
  reuse = false,
): FastifyReply {
  reply.header('content-type', MEDIA_TYPES[format]);
  if (format === 'csv' || format === 'arrow') {
    reply.header('content-disposition', `inline; filename="${spec.name}.${EXTENSIONS[format]}"`);
  }
  const kept = reuse ? encoded.get(items)?.get(format) : undefined;
  if (kept !== undefined) return reply.send(kept);
  const chunks = tableChunks(format, items, spec);
  return reply.send(Readable.from(reuse ? keeping(chunks, items, format) : chunks));
}

/** Passes chunks through and, once the whole body was produced, keeps it for `items`. */
async function* keeping(
  chunks: Iterable<Chunk> | AsyncIterable<Chunk>,
  items: object,
  format: OutputFormat,
): AsyncGenerator<Chunk> {
  const all: Uint8Array[] = [];
  for await (const chunk of chunks) {
    // Kept as bytes: a reused body is written without encoding its text again.
    all.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    yield chunk;
  }
  const byFormat = encoded.get(items) ?? new Map<OutputFormat, Buffer>();
  byFormat.set(format, Buffer.concat(all));
  encoded.set(items, byFormat);
}

function tableChunks<T>(
  format: OutputFormat,
  items: readonly T[],
  spec: TableSpec<T>,
): Iterable<string> | AsyncIterable<Uint8Array> {
  switch (format) {
    case 'json':
      return jsonArrayChunks(items);
    case 'geojson': {
      const toFeature = spec.toFeature;
      if (toFeature === undefined) throw new Error(`${spec.name} has no GeoJSON form`);
      return featureCollectionChunks(lazyMap(items, toFeature));
    }
    case 'csv':
      return csvChunks(lazyMap(items, spec.toRow), columnsOf(spec));
    case 'arrow':
      return lazyArrowChunks(items.map(spec.toRow), spec.row);
    default:
      return format satisfies never;
  }
}

/** apache-arrow is the largest module the API uses: loaded by the first Arrow answer, not at start-up. */
async function* lazyArrowChunks(rows: readonly object[], row: z.ZodObject): AsyncGenerator<Uint8Array> {
  const { arrowStreamChunks } = await import('./arrow.js');
  yield* arrowStreamChunks(rows, row);
}

function* lazyMap<T, U>(items: readonly T[], fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}
