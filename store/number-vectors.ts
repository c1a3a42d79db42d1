import {
  DuckDBDataChunk,
  DuckDBVector,
  type DuckDBConnection,
  type DuckDBMaterializedResult,
  type DuckDBDoubleVector,
  type DuckDBIntegerVector,
  type DuckDBType,
  type DuckDBUIntegerVector,
  type DuckDBUTinyIntVector,
} from '@duckdb/node-api';

/** DuckDB vectors whose items are JS numbers: what typed columns are copied from and to. */
type NumberVector = DuckDBIntegerVector | DuckDBDoubleVector | DuckDBUIntegerVector | DuckDBUTinyIntVector;

export type NumberArray = Uint8Array | Int32Array | Uint32Array | Float64Array;

/** Rows per DuckDB vector (2048): a data chunk holds at most this many. */
const CHUNK_ROWS = DuckDBVector.standardSize();

/**
 * Copies a vector's items into `into` from `offset`, value by value through `getItem` (the
 * vector's typed array is private in the typings): numbers only, no row objects.
 * NULLs become 0: callers select columns that cannot be NULL.
 */
function copyFromVector(vector: NumberVector, into: NumberArray, offset: number): void {
  for (let i = 0, n = vector.itemCount; i < n; i += 1) into[offset + i] = vector.getItem(i) ?? 0;
}

/** Copies the first `into.length` columns of a result, all numbers, into typed arrays as long as the result. */
export function copyColumns(result: DuckDBMaterializedResult, into: readonly NumberArray[]): void {
  for (let c = 0, offset = 0; c < result.chunkCount; c += 1) {
    const chunk = result.getChunk(c);
    into.forEach((column, i) => copyFromVector(chunk.getColumnVector(i) as NumberVector, column, offset));
    offset += chunk.rowCount;
  }
}

/** Writes values[from ..] into the vector's items and flushes them to DuckDB. */
function copyToVector(values: NumberArray, from: number, vector: NumberVector): void {
  for (let i = 0, n = vector.itemCount; i < n; i += 1) vector.setItem(i, values[from + i]!);
  vector.flush();
}

/**
 * Appends typed columns (all the same length, in the temp table's column order and `types`) to
 * the temp table `table`: a vector (2048 rows) per call, not a value per call.
 */
export async function appendColumns(
  conn: DuckDBConnection,
  table: string,
  types: DuckDBType[],
  columns: readonly NumberArray[],
): Promise<void> {
  const length = columns[0]?.length ?? 0;
  const appender = await conn.createAppender(table, 'main', 'temp');
  // One chunk, refilled: making a chunk and its vectors costs more than filling them.
  const chunk = DuckDBDataChunk.create(types, Math.min(CHUNK_ROWS, length));
  let vectors = columns.map((_, i) => chunk.getColumnVector(i) as NumberVector);
  for (let from = 0; from < length; from += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, length - from);
    if (rows !== chunk.rowCount) {
      chunk.rowCount = rows;
      vectors = columns.map((_, i) => chunk.getColumnVector(i) as NumberVector);
    }
    columns.forEach((values, i) => copyToVector(values, from, vectors[i]!));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}
