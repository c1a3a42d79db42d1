import type { DuckDBConnection } from '@duckdb/node-api';
import type { InputKind } from '../domain/enums.js';
import { quoteIdent, quoteLiteral } from '../store/sql-files.js';
import { mapHeaders } from './header-map.js';
import { createSrcView } from './src-view.js';

/** Parquet types a cast-only field may keep: numbers and times, which the checks cast without text. */
const KEPT_TYPES = /^(TIMESTAMP|DATE|DOUBLE|FLOAT|REAL|DECIMAL|U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|HUGEINT)\b/;

/**
 * The view `src` straight over a Parquet file, not a copy of it: rows are numbered by the file's
 * own row number, so nothing needs materialising in order, and typed columns of cast-only fields
 * (timestamps, coordinates) skip the round trip through text. Read errors can therefore surface
 * in the queries over `src`, which the caller reports as a refusal too.
 * @returns the `rawRows` of the source: the row as JSON of its values as text.
 */
export async function readParquet(
  conn: DuckDBConnection,
  kind: InputKind,
  path: string,
  name = path,
): Promise<(wanted: string) => string> {
  // A view takes no parameters, so the path is written into it, quoted.
  const file = `read_parquet(${quoteLiteral(path)}, file_row_number = true)`;
  const described = (
    await conn.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${file})`)
  ).getRowObjectsJS();
  const types = new Map(
    described.map((c) => [String(c.column_name), String(c.column_type)]).filter(([n]) => n !== 'file_row_number') as [
      string,
      string,
    ][],
  );
  const map = mapHeaders(kind, [...types.keys()], name);
  const reader = {
    read: (col: string) => `r.${quoteIdent(col)}`,
    keepsType: (col: string) => KEPT_TYPES.test(types.get(col) ?? ''),
  };
  await createSrcView(
    conn,
    kind,
    map,
    reader,
    'r.file_row_number + 1 AS line, NULL::VARCHAR AS parse_error',
    `${file} r`,
  );
  const asText = [...types.keys()].map((col) => `${quoteLiteral(col)}: r.${quoteIdent(col)}::VARCHAR`).join(', ');
  // The file is scanned again for the wanted rows only (when there are rejects), and only those are turned into text.
  return (wanted) =>
    `SELECT w.line, to_json({${asText}})::VARCHAR AS raw FROM (${wanted}) w JOIN ${file} r
      ON r.file_row_number = w.line - 1`;
}
