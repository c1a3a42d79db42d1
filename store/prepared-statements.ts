import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBResultReader, DuckDBType } from '@duckdb/node-api';
import type { Params } from './row-reader.js';

/** Per connection, its statements prepared once, by SQL text. */
const prepared = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

/** Above this many texts per connection the cache starts again (the live key look-up has one per batch size ≤ 256). */
const MAX_STATEMENTS = 320;

/**
 * Runs `sql` as a statement prepared once per connection and bound afresh each time: a statement
 * the live write path runs on every request skips parsing and planning (a few ms for an upsert on
 * a 2-core machine). Only for SQL over permanent tables: a prepared plan over a temp table that is
 * dropped and made again would go stale.
 */
export async function runPrepared(
  conn: DuckDBConnection,
  sql: string,
  params: Params,
  types: Record<string, DuckDBType> = {},
): Promise<void> {
  await (await preparedFor(conn, sql, params, types)).run();
}

/** `runPrepared` for a statement whose rows are wanted (a query, or a write with RETURNING). */
export async function readPrepared(
  conn: DuckDBConnection,
  sql: string,
  params: Params,
  types: Record<string, DuckDBType> = {},
): Promise<DuckDBResultReader> {
  return (await preparedFor(conn, sql, params, types)).runAndReadAll();
}

/** The statement of `sql` prepared on `conn` (once), bound to `params`. */
async function preparedFor(
  conn: DuckDBConnection,
  sql: string,
  params: Params,
  types: Record<string, DuckDBType>,
): Promise<DuckDBPreparedStatement> {
  let statements = prepared.get(conn);
  if (!statements || statements.size > MAX_STATEMENTS) {
    statements = new Map();
    prepared.set(conn, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = await conn.prepare(sql);
    statements.set(sql, statement);
  }
  statement.bind(params, types);
  return statement;
}
