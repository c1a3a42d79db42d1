import { toCsv } from '../formats/csv.js';

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
