import type { DuckDBDoubleVector, DuckDBIntegerVector, DuckDBUIntegerVector, DuckDBUTinyIntVector } from '@duckdb/node-api';

/** DuckDB vectors whose items are JS numbers: what typed columns are copied from and to. */
export type NumberVector = DuckDBIntegerVector | DuckDBDoubleVector | DuckDBUIntegerVector | DuckDBUTinyIntVector;

type NumberArray = Uint8Array | Int32Array | Uint32Array | Float64Array;

/**
 * Copies a vector's items into `into` from `offset`, value by value through `getItem` (the
 * vector's typed array is private in the typings): numbers only, no row objects.
 * NULLs become 0: callers select columns that cannot be NULL.
 */
export function copyFromVector(vector: NumberVector, into: NumberArray, offset: number): void {
  for (let i = 0, n = vector.itemCount; i < n; i += 1) into[offset + i] = vector.getItem(i) ?? 0;
}

/** Writes values[from ..] into the vector's items and flushes them to DuckDB. */
export function copyToVector(values: NumberArray, from: number, vector: NumberVector): void {
  for (let i = 0, n = vector.itemCount; i < n; i += 1) vector.setItem(i, values[from + i]!);
  vector.flush();
}
