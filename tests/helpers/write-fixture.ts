import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export type FixtureValue = string | number | boolean | null | undefined;
export type FixtureRow = Record<string, FixtureValue>;
export type FixtureFormat = 'csv' | 'ndjson' | 'json' | 'parquet';

export const FIXTURE_EXTENSIONS: Record<FixtureFormat, string> = {
  csv: 'csv',
  ndjson: 'ndjson',
  json: 'json',
  parquet: 'parquet',
};

/** Every key that occurs in any row, in first-seen order. */
export function columnsOf(rows: readonly FixtureRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function csvField(value: FixtureValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text with a header row; null/undefined become empty fields. */
export function csvText(rows: readonly FixtureRow[], columns: readonly string[] = columnsOf(rows)): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

export function writeCsv(path: string, rows: readonly FixtureRow[], columns?: readonly string[]): string {
  writeFileSync(path, csvText(rows, columns));
  return path;
}

/** One JSON object per line; undefined keys are left out, null stays null. */
/** A text file of these raw lines, each ended by a newline; returns the path. */
export function writeLines(path: string, lines: readonly string[]): string {
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
  return path;
}

export function writeNdjson(path: string, rows: readonly FixtureRow[]): string {
  return writeLines(
    path,
    rows.map((r) => JSON.stringify(r)),
  );
}

export function writeJsonArray(path: string, rows: readonly FixtureRow[]): string {
  writeFileSync(path, JSON.stringify(rows, null, 1));
  return path;
}

/**
 * Parquet written by DuckDB from a CSV of the rows. Columns are VARCHAR unless `types` gives a
 * DuckDB type (`{ lat: 'DOUBLE', received_at: 'TIMESTAMP' }`), as a typed export would have them.
 */
export async function writeParquet(
  path: string,
  rows: readonly FixtureRow[],
  types: Record<string, string> = {},
): Promise<string> {
  const csv = writeCsv(`${path}.src.csv`, rows);
  const casts = Object.entries(types).map(([col, type]) => `CAST("${col}" AS ${type}) AS "${col}"`);
  const select = casts.length === 0 ? '*' : `* REPLACE (${casts.join(', ')})`;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    // UTC, so a TIMESTAMPTZ cast of an offset-less text is unambiguous whatever the host zone.
    await conn.run(`SET TimeZone = 'UTC'`);
    await conn.run(
      `COPY (SELECT ${select} FROM read_csv('${csv.replaceAll("'", "''")}', all_varchar = true, header = true))
       TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`,
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return path;
}

/** Writes `rows` as `<dir>/<name>.<ext>` in the given format; returns the path. */
export async function writeFixture(
  dir: string,
  name: string,
  format: FixtureFormat,
  rows: readonly FixtureRow[],
): Promise<string> {
  const path = join(dir, `${name}.${FIXTURE_EXTENSIONS[format]}`);
  switch (format) {
    case 'csv':
      return writeCsv(path, rows);
    case 'ndjson':
      return writeNdjson(path, rows);
    case 'json':
      return writeJsonArray(path, rows);
    case 'parquet':
      return writeParquet(path, rows);
    default:
      return format satisfies never;
  }
}
