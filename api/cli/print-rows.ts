import { Option } from 'commander';
import { toCsv } from '../formats/csv.js';
import { columnsOf, type TableSpec } from '../formats/table-spec.js';
import { alignedTable } from './aligned-table.js';

export type TableFormat = 'json' | 'csv' | 'geojson' | 'table';
export type RowFormat = 'json' | 'csv' | 'table';

/** `--format`: the machine formats a command offers, plus `table`; without it, table on a terminal, else json. */
export function formatOption(choices: readonly string[]): Option {
  const help = 'output format (default: an aligned table on a terminal, json when piped)';
  return new Option('--format <format>', help).choices([...choices, 'table']);
}

/** The format asked for, else what suits where stdout goes: a person at a terminal or a program. */
export function outputFormat<F extends string>(given: F | undefined): F | 'json' | 'table' {
  return given ?? (process.stdout.isTTY ? 'table' : 'json');
}

/** Prints rows to stdout as a JSON array, CSV with a header row, or an aligned table. */
export function printRows(rows: readonly object[], format: RowFormat, columns?: readonly string[]): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const records = rows as Record<string, unknown>[];
  process.stdout.write(format === 'table' ? alignedTable(records, columns) : toCsv(records, columns));
}

/** Prints items as a JSON array, CSV or a table with the table's columns (header even when empty), or GeoJSON. */
export function printTable<T>(items: readonly T[], spec: TableSpec<T>, format: TableFormat): void {
  if (format === 'json') printRows(items as readonly object[], 'json');
  else if (format === 'geojson') {
    const features = items.map((item) => spec.toFeature!(item));
    process.stdout.write(`${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  } else printRows(items.map(spec.toRow), format, columnsOf(spec));
}
