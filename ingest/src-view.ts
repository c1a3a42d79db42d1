import type { InputKind } from '../domain/enums.js';
import { quoteIdent } from '../store/sql-files.js';
import { CAST_ONLY_FIELDS, FIELDS } from './columns.js';
import type { HeaderMap } from './header-map.js';

/** How to read a source column in SQL, and whether a column may keep its own (non-text) type. */
export interface FieldReader {
  read: (column: string) => string;
  keepsType?: (column: string) => boolean;
}

/**
 * Creates the view `src`: `line`, `parse_error` (both from the select list `head`), `raw_row` (NULL
 * here; see srcQuery) and every canonical field of `kind` as text trimmed of spaces, NULL when
 * absent or empty (a typed column of a cast-only field keeps its type), over the FROM clause `from`.
 * Fields are read once in an inner query and trimmed in the outer one.
 */
export async function createSrcView(
  conn: { run: (sql: string) => Promise<unknown> },
  kind: InputKind,
  map: HeaderMap,
  reader: FieldReader,
  head: string,
  from: string,
): Promise<void> {
  await conn.run(`CREATE TEMP VIEW src AS ${srcQuery(kind, map, reader, head, from)}`);
}

/**
 * The query of `createSrcView`'s view, for a statement that reads it as a CTE; `rawRow` names the source row (a
 * struct of its text), which the check keeps as text for the rejected rows.
 */
export function srcQuery(
  kind: InputKind,
  map: HeaderMap,
  reader: FieldReader,
  head: string,
  from: string,
  rawRow = 'NULL',
): string {
  const inner: string[] = [];
  const outer: string[] = [];
  for (const spec of FIELDS[kind]) {
    const name = quoteIdent(spec.name);
    const column = map.get(spec.name);
    const typed = column !== undefined && CAST_ONLY_FIELDS.has(spec.name) && (reader.keepsType?.(column) ?? false);
    if (column === undefined) inner.push(`NULL::VARCHAR AS ${name}`);
    else inner.push(`${typed ? reader.read(column) : `CAST(${reader.read(column)} AS VARCHAR)`} AS ${name}`);
    outer.push(typed || column === undefined ? name : `${trimmedOrNull(name)} AS ${name}`);
  }
  return `SELECT line, parse_error, raw_row, ${outer.join(', ')}
    FROM (SELECT ${head}, ${rawRow} AS raw_row, ${inner.join(', ')} FROM ${from})`;
}

/**
 * A text value trimmed of spaces, NULL when empty. trim() copies every string it is given, so
 * only values that start or end with a space go through it (a cheap test on millions of fields).
 */
function trimmedOrNull(value: string): string {
  return `NULLIF(CASE WHEN starts_with(${value}, ' ') OR ends_with(${value}, ' ') THEN trim(${value})
    ELSE ${value} END, '')`;
}
