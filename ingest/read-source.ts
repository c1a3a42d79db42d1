import type { DuckDBConnection } from '@duckdb/node-api';
import type { InputKind } from '../domain/enums.js';
import { CellpulseError } from '../domain/errors.js';
import { quoteIdent, quoteLiteral } from '../store/sql-files.js';
import { FIELDS } from './columns.js';
import type { FileFormat } from './formats.js';
import { mapHeaders, type HeaderMap } from './header-map.js';

/** Where rows come from: a file DuckDB reads, or records from a request body. */
export type Source = { path: string; format: FileFormat } | { records: readonly unknown[]; name: string };

/** How rejected-row reasons name a position: a line of a text file or a row of a table. */
export type PositionLabel = 'line' | 'row' | 'item';

/** What `readSource` leaves behind: how to name positions, and a query of (line, raw) for any row. */
export interface SourceTable {
  label: PositionLabel;
  /** SQL yielding `line, raw` (the input row as JSON text); filter it, it is costly to run whole. */
  rawRows: string;
}

const JSON_RAW_ROWS = 'SELECT line, text AS raw FROM raw_in';

/**
 * Loads a source into the temp table `raw_in`, seen through the view `src`: one row per input row with `line`, `parse_error`, and every canonical field of `kind` as trimmed
 * VARCHAR (NULL when empty or absent). Nothing is validated yet.
 * @throws CellpulseError refused_file when the file cannot be read or lacks a required column.
 */
export async function readSource(conn: DuckDBConnection, kind: InputKind, source: Source): Promise<SourceTable> {
  await conn.run('DROP VIEW IF EXISTS src; DROP TABLE IF EXISTS raw_in');
  if ('records' in source) {
    await loadRecords(conn, source.records);
    await buildFromJsonLines(conn, kind, source.name);
    return { label: 'item', rawRows: JSON_RAW_ROWS };
  }
  const name = source.path;
  try {
    switch (source.format) {
      case 'csv':
        await conn.run('CREATE TEMP TABLE raw_in AS SELECT * FROM read_csv($p, all_varchar = true, header = true, null_padding = true)', { p: name });
        return { label: 'line', rawRows: await buildFromTable(conn, kind, name, 2) };
      case 'parquet':
        await conn.run('CREATE TEMP TABLE raw_in AS SELECT COLUMNS(*)::VARCHAR FROM read_parquet($p)', { p: name });
        return { label: 'row', rawRows: await buildFromTable(conn, kind, name, 1) };
      case 'ndjson':
        await loadLines(conn, name);
        await buildFromJsonLines(conn, kind, name);
        return { label: 'line', rawRows: JSON_RAW_ROWS };
      case 'json':
        await conn.run('CREATE TEMP TABLE raw_in AS SELECT row_number() OVER () AS line, json::VARCHAR AS text FROM read_json_objects($p, format = \'auto\')', { p: name });
        await buildFromJsonLines(conn, kind, name);
        return { label: 'item', rawRows: JSON_RAW_ROWS };
      default:
        return source.format satisfies never;
    }
  } catch (error) {
    throw asRefusal(error, name);
  }
}

function asRefusal(error: unknown, name: string): unknown {
  if (error instanceof CellpulseError) return error;
  const first = String((error as Error)?.message ?? error).split('\n')[0];
  return new CellpulseError('refused_file', `${name}: the file could not be read as the given format: ${first}`);
}

async function loadLines(conn: DuckDBConnection, path: string): Promise<void> {
  // A delimiter that never occurs and no quoting: every physical line is one row, kept verbatim,
  // so one malformed JSON line is rejected on its own instead of refusing the whole file.
  await conn.run(
    `CREATE TEMP TABLE raw_in AS SELECT row_number() OVER () AS line, text FROM read_csv($p, columns = {'text': 'VARCHAR'},
       header = false, delim = E'\\x01', quote = '', escape = '', auto_detect = false)`,
    { p: path },
  );
}

async function loadRecords(conn: DuckDBConnection, records: readonly unknown[]): Promise<void> {
  await conn.run('CREATE TEMP TABLE raw_in (line BIGINT, text VARCHAR)');
  const appender = await conn.createAppender('raw_in', 'main', 'temp');
  records.forEach((record, i) => {
    appender.appendBigInt(BigInt(i + 1));
    appender.appendVarchar(JSON.stringify(record) ?? 'null');
    appender.endRow();
  });
  appender.closeSync();
}

async function buildFromTable(conn: DuckDBConnection, kind: InputKind, name: string, firstLine: number): Promise<string> {
  const headers = (await conn.runAndReadAll('SELECT column_name FROM (DESCRIBE raw_in)')).getColumnsJS()[0] as string[];
  const map = mapHeaders(kind, headers, name);
  const fields = fieldSelects(kind, map, (col) => `r.${quoteIdent(col)}`);
  // Both numberings scan raw_in in insertion order, so a line means the same row in each.
  const line = `row_number() OVER () + ${firstLine - 1}`;
  // A view: the check query reads it once, so materialising it would only copy every row.
  await conn.run(`CREATE TEMP VIEW src AS SELECT ${line} AS line, NULL::VARCHAR AS parse_error, ${fields} FROM raw_in r`);
  return `SELECT line, to_json(rec)::VARCHAR AS raw FROM (SELECT ${line} AS line, r AS rec FROM raw_in r)`;
}

async function buildFromJsonLines(conn: DuckDBConnection, kind: InputKind, name: string): Promise<void> {
  // A blank line reads as NULL text: drop it (its line number stays unused).
  await conn.run(`DELETE FROM raw_in WHERE text IS NULL OR trim(text) = ''`);
  // CASE, not AND: DuckDB evaluates both sides of an AND, and json_type throws on malformed JSON.
  const isObject = `(CASE WHEN json_valid(text) THEN json_type(text) = 'OBJECT' ELSE false END)`;
  const keys = (await conn.runAndReadAll(`SELECT DISTINCT unnest(json_keys(text)) FROM raw_in WHERE ${isObject}`)).getColumnsJS()[0] as string[] | undefined;
  const map = mapHeaders(kind, keys ?? [], name);
  const fields = fieldSelects(kind, map, (col) => `CASE WHEN ${isObject} THEN json_extract_string(text, ${quoteLiteral(`$.${JSON.stringify(col)}`)}) END`);
  await conn.run(
    `CREATE TEMP VIEW src AS SELECT line,
       CASE WHEN NOT ${isObject} THEN 'not a JSON object' END AS parse_error, ${fields} FROM raw_in`,
  );
}

function fieldSelects(kind: InputKind, map: HeaderMap, read: (column: string) => string): string {
  return FIELDS[kind]
    .map((spec) => {
      const column = map.get(spec.name);
      const value = column === undefined ? 'NULL::VARCHAR' : `NULLIF(trim(CAST(${read(column)} AS VARCHAR)), '')`;
      return `${value} AS ${quoteIdent(spec.name)}`;
    })
    .join(', ');
}
