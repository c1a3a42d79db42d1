import { LIST, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** Parameters of a statement that reads rows as parallel lists (`unnest($name)`), with their types. */
export interface ListParams {
  values: Record<string, DuckDBValue>;
  types: Record<string, DuckDBType>;
}

/** One column: what it takes from a row (and its index), and the type of its elements. */
export type ListColumn<R> = [pick: (row: R, index: number) => DuckDBValue, type: DuckDBType];

/**
 * Rows as one typed list parameter per column: a batch goes into one statement whatever its
 * size, and NULLs keep their column's type.
 */
export function listParams<R>(rows: readonly R[], columns: Record<string, ListColumn<R>>): ListParams {
  const entries = Object.entries(columns);
  return {
    values: Object.fromEntries(entries.map(([name, [pick]]) => [name, listValue(rows.map(pick))])),
    types: Object.fromEntries(entries.map(([name, [, type]]) => [name, LIST(type)])),
  };
}
