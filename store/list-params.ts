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

/** Above this many values, `keyList` is one list instead of index probes. */
const MAX_PROBES = 256;

/**
 * The inside of `col IN (…)` over `values`: one parameter each (`$k0, $k1, …`, under `prefix`), which
 * DuckDB probes the table's index with; above MAX_PROBES values one list (`SELECT unnest($keys)`), a join.
 */
export function keyList(values: readonly string[], prefix = 'k'): { sql: string; params: Record<string, DuckDBValue> } {
  if (values.length > MAX_PROBES) {
    return { sql: `SELECT unnest($${prefix}s)`, params: { [`${prefix}s`]: listValue([...values]) } };
  }
  return {
    sql: values.map((_, i) => `$${prefix}${i}`).join(', '),
    params: Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v])),
  };
}
