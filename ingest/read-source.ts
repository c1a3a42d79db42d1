import type { DuckDBConnection } from '@duckdb/node-api';
import type { InputKind } from '../domain/enums.js';
import { CellpulseError } from '../domain/errors.js';
import { quoteIdent, quoteLiteral } from '../store/sql-files.js';
import { hasInnerBlankLine, mapCsvLines } from './csv-lines.js';
import { mapHeaders } from './header-map.js';
import type { FileSource, ReadableFile } from './prepare-source.js';
import { readParquet } from './read-parquet.js';
import { createSrcView, srcQuery } from './src-view.js';

/** Where rows come from: a file (any encoding, or a workbook), or records from a request body. */
export type Source = FileSource | RecordSource;
export interface RecordSource {
  records: readonly unknown[];
  name: string;
}

/** How rejected-row reasons name a position: a line of a text file, a row of a table or of a named sheet. */
export type PositionLabel = 'line' | 'row' | 'item' | `sheet ${string} row`;

/** What `readSource` leaves behind: how to name positions, and how to get the raw input of chosen rows. */
export interface SourceTable {
  label: PositionLabel;
  /**
   * SQL yielding `line, raw` (the input row as JSON text) for the lines the query `wanted`
   * (one column, `line`) lists; the raw text is made for those rows only. Absent when the check
   * keeps that text itself (`readOnce`).
   */
  rawRows?: (wanted: string) => string;
  /**
   * Set when `src` reads the file itself and numbers no row (a CSV file, read once, by the check): the query of
   * `src`, which the check reads as a CTE (no view: binding one over read_csv would sniff the file once more), and
   * `numberChecked`. The check then writes `checked_rows` in the file's order, keeping the rejected rows' text in
   * `raw`, and `numberChecked` makes the view `checked` over it with each row's line.
   */
  readOnce?: { src: string; numberChecked: (conn: DuckDBConnection) => Promise<void> };
}

const jsonRawRows = (wanted: string): string =>
  `SELECT w.line, r.text AS raw FROM (${wanted}) w JOIN raw_in r ON r.line = w.line`;

/**
 * Makes `src` over a source: one row per input row with `line`, `parse_error`, and every canonical
 * field of `kind` as trimmed VARCHAR (NULL when empty or absent; see createSrcView for typed Parquet
 * columns). JSON sources are loaded into the temp table `raw_in` first; a CSV or Parquet file is read
 * where it lies (a CSV file's `src` is a query the check reads, its rows numbered once checked:
 * `readOnce`). Nothing is validated yet. A file comes prepared (prepareSource: UTF-8, a workbook's sheet as
 * NDJSON); messages name the file the user gave.
 * @throws CellpulseError refused_file when the file cannot be read or lacks a required column.
 */
export async function readSource(
  conn: DuckDBConnection,
  kind: InputKind,
  source: ReadableFile | RecordSource,
): Promise<SourceTable> {
  await conn.run('DROP VIEW IF EXISTS src; DROP TABLE IF EXISTS raw_in; DROP TABLE IF EXISTS csv_lines');
  if ('records' in source) {
    await loadRecords(conn, source.records);
    await buildFromJsonLines(conn, kind, source.name);
    return { label: 'item', rawRows: jsonRawRows };
  }
  const { path, name } = source;
  try {
    switch (source.format) {
      case 'csv':
        return await readCsv(conn, kind, path, name);
      case 'parquet':
        return { label: 'row', rawRows: await readParquet(conn, kind, path, name) };
      case 'ndjson':
        await loadLines(conn, path);
        await buildFromJsonLines(conn, kind, name);
        return { label: source.label ?? 'line', rawRows: jsonRawRows };
      case 'json':
        await conn.run(
          'CREATE TEMP TABLE raw_in AS SELECT row_number() OVER () AS line, json::VARCHAR AS text ' +
            "FROM read_json_objects($p, format = 'auto')",
          { p: path },
        );
        await buildFromJsonLines(conn, kind, name);
        return { label: 'item', rawRows: jsonRawRows };
      default:
        return source.format satisfies never;
    }
  } catch (error) {
    throw asRefusal(error, name);
  }
}

/** A failure to read the file `name`, as the refusal the caller reports (a CellpulseError stays as it is). */
export function asRefusal(error: unknown, name: string): unknown {
  if (error instanceof CellpulseError) return error;
  const first = String((error as Error)?.message ?? error).split('\n')[0];
  return new CellpulseError('refused_file', `${name}: the file could not be read as the given format: ${first}`);
}

async function loadLines(conn: DuckDBConnection, path: string): Promise<void> {
  // A delimiter that never occurs and no quoting: every physical line is one row, kept verbatim,
  // so one malformed JSON line is rejected on its own instead of refusing the whole file.
  await conn.run(
    `CREATE TEMP TABLE raw_in AS SELECT row_number() OVER () AS line, text
      FROM read_csv($p, columns = {'text': 'VARCHAR'},
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

/**
 * `src` straight over a CSV file: DuckDB reads it once, as the check writes `checked_rows` in the file's
 * order (a copy of the file's text first would cost as much as the check). Rows are numbered then, by position: the
 * check keeps the file's order, so a row's rowid less the first one is its index (no window function, which would
 * stop DuckDB reading in parallel); a file with empty lines takes the physical line from `csv_lines` instead.
 */
async function readCsv(conn: DuckDBConnection, kind: InputKind, path: string, name: string): Promise<SourceTable> {
  // The scan for empty lines runs while DuckDB reads the file; it is only needed once that is done.
  const blankLines = hasInnerBlankLine(path);
  // A view takes no parameters, so the path is written into it, quoted.
  const file = `read_csv(${quoteLiteral(path)}, all_varchar = true, header = true, null_padding = true)`;
  const described = await conn.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${file})`);
  const map = mapHeaders(kind, described.getColumnsJS()[0] as string[], name);
  const reader = { read: (col: string) => `r.${quoteIdent(col)}` };
  const head = 'NULL::BIGINT AS line, NULL::VARCHAR AS parse_error';
  return {
    label: 'line',
    readOnce: {
      src: srcQuery(kind, map, reader, head, `${file} r`, 'r'),
      numberChecked: async (conn) => numberCsvRows(conn, path, await blankLines),
    },
  };
}

/** The view `checked` over `checked_rows` (written in the file's order) with each row's line in the file. */
async function numberCsvRows(conn: DuckDBConnection, path: string, mapped: boolean): Promise<void> {
  // Rows written inside a transaction are numbered from a large base, not 0. A view takes no
  // parameters, so the base (a BIGINT DuckDB gave us) is written into it.
  const base = (
    await conn.runAndReadAll('SELECT coalesce(min(rowid), 0)::VARCHAR FROM checked_rows')
  ).getColumnsJS()[0]![0] as string;
  const index = `(c.rowid - ${BigInt(base)})`;
  if (!mapped) {
    await conn.run(`CREATE TEMP VIEW checked AS SELECT ${index} + 2 AS line, c.* EXCLUDE (line) FROM checked_rows c`);
    return;
  }
  await mapCsvLines(conn, path);
  await conn.run(`CREATE TEMP VIEW checked AS SELECT m.line, c.* EXCLUDE (line)
    FROM checked_rows c JOIN csv_lines m ON m.ord = ${index}`);
}

async function buildFromJsonLines(conn: DuckDBConnection, kind: InputKind, name: string): Promise<void> {
  // A blank line reads as NULL text: drop it (its line number stays unused).
  await conn.run(`DELETE FROM raw_in WHERE text IS NULL OR trim(text) = ''`);
  // CASE, not AND: DuckDB evaluates both sides of an AND, and json_type throws on malformed JSON.
  const isObject = `(CASE WHEN json_valid(text) THEN json_type(text) = 'OBJECT' ELSE false END)`;
  const keys = (
    await conn.runAndReadAll(`SELECT DISTINCT unnest(json_keys(text)) FROM raw_in WHERE ${isObject}`)
  ).getColumnsJS()[0] as string[] | undefined;
  const map = mapHeaders(kind, keys ?? [], name);
  const reader = {
    read: (col: string) =>
      `CASE WHEN ${isObject} THEN json_extract_string(text, ${quoteLiteral(`$.${JSON.stringify(col)}`)}) END`,
  };
  await createSrcView(
    conn,
    kind,
    map,
    reader,
    `line, CASE WHEN NOT ${isObject} THEN 'not a JSON object' END AS parse_error`,
    'raw_in',
  );
}
