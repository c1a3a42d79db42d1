import { toCsv } from '../formats/csv.js';
import type { TableSpec } from '../formats/table-spec.js';

export type TableFormat = 'json' | 'csv' | 'geojson';

/** Prints rows to stdout as a JSON array or as CSV with a header row. */
export function printRows(rows: readonly object[], format: 'json' | 'csv'): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, bigintAsNumber)}\n`);
    return;
  }
  process.stdout.write(toCsv(rows as Record<string, unknown>[]));
}

function bigintAsNumber(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Prints items as a JSON array, CSV with the table's columns (header even when empty) or a GeoJSON FeatureCollection. */
export function printTable<T>(items: readonly T[], spec: TableSpec<T>, format: TableFormat): void {
  if (format === 'json') printRows(items as readonly object[], 'json');
  else if (format === 'csv') process.stdout.write(toCsv(items.map(spec.toRow), Object.keys(spec.row.shape)));
  else process.stdout.write(`${JSON.stringify({ type: 'FeatureCollection', features: items.map((item) => spec.toFeature!(item)) })}\n`);
}
