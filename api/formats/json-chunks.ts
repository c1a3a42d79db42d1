import type { Feature } from 'geojson';

/** A JSON array in pieces of `chunkItems` items, so a large result is never one string. */
export function* jsonArrayChunks(items: readonly unknown[], chunkItems = 1000): Generator<string> {
  yield* wrapped('[', items, ']', chunkItems);
}

/** A GeoJSON FeatureCollection in pieces of `chunkItems` features. */
export function* featureCollectionChunks(features: Iterable<Feature>, chunkItems = 1000): Generator<string> {
  yield* wrapped('{"type":"FeatureCollection","features":[', features, ']}', chunkItems);
}

function* wrapped(open: string, items: Iterable<unknown>, close: string, chunkItems: number): Generator<string> {
  let chunk: unknown[] = [];
  let first = true;
  yield open;
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= chunkItems) {
      yield piece(chunk, first);
      first = false;
      chunk = [];
    }
  }
  yield `${chunk.length > 0 ? piece(chunk, first) : ''}${close}`;
}

/** One chunk's items as the inside of a JSON array (one stringify call per chunk, not per item). */
function piece(chunk: unknown[], first: boolean): string {
  // No bigint ever gets here: the store decodes every value once (store/row-reader.ts).
  const inner = JSON.stringify(chunk).slice(1, -1);
  return first ? inner : `,${inner}`;
}
