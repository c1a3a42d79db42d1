import type { DuckDBConnection } from '@duckdb/node-api';
import { loadSql, runScript } from '../store/sql-files.js';
import type { Crs } from './gcj02.js';
import type { KindPlan } from './kinds.js';
import { startLocating, type Locating } from './locate-points.js';
import { asRefusal, type SourceTable } from './read-source.js';
import { ALIAS_PARAMS, createValueMacros } from './value-macros.js';

/** What the check needs of the ingest it runs in. */
export interface CheckRequest {
  plan: KindPlan;
  table: SourceTable;
  resolution: number;
  crs: Crs;
  /** The file read, when the source is a file: a failure to read it is a refusal. */
  path?: string;
  onCheck: () => void;
}

/**
 * Builds the view `checked` (over the table `checked_rows`) from `src`, and hands the points to the H3 worker threads:
 * first, so they work while DuckDB checks rows, groups keys and records rejects, or, for a source the check reads
 * itself (`readOnce`), from the checked rows. A file read lazily (CSV, Parquet) can fail only now: that is a
 * refusal too.
 */
export async function checkRows(conn: DuckDBConnection, request: CheckRequest): Promise<Locating | undefined> {
  const { plan, table, resolution, crs } = request;
  try {
    const early = plan.hasPoints && !table.readOnce;
    const locating = early ? await startLocating(conn, resolution, crs) : undefined;
    request.onCheck();
    await createValueMacros(conn);
    await writeChecked(conn, plan, table);
    if (!plan.hasPoints || early) return locating;
    return await startLocating(conn, resolution, crs, 'checked');
  } catch (error) {
    throw request.path === undefined ? error : asRefusal(error, request.path);
  }
}

/**
 * Writes the check of `src` into `checked_rows`, with the source row's text in `raw` for the rejected rows (when `src`
 * gives it), and makes the view `checked` over it. A source numbered by position is written in its order.
 */
async function writeChecked(conn: DuckDBConnection, plan: KindPlan, table: SourceTable): Promise<void> {
  const read = table.readOnce;
  const sql = `CREATE OR REPLACE TEMP TABLE checked_rows AS ${read ? `WITH src AS (${read.src})` : ''}
    SELECT * EXCLUDE (raw_row), CASE WHEN problems IS NOT NULL THEN to_json(raw_row)::VARCHAR END AS raw
    FROM (${loadSql(import.meta.url, plan.check)})`;
  const params = { ...plan.params, ...ALIAS_PARAMS };
  if (!read) {
    await runScript(conn, sql, params);
    await conn.run('CREATE OR REPLACE TEMP VIEW checked AS SELECT * FROM checked_rows');
    return;
  }
  await withInsertionOrder(conn, true, () => runScript(conn, sql, params));
  await read.numberChecked(conn);
}

/**
 * Runs `fn` with the session's `preserve_insertion_order` set to `preserve` (other connections keep theirs), and sets
 * it back to what it was once `fn` is done.
 */
export async function withInsertionOrder<T>(
  conn: DuckDBConnection,
  preserve: boolean,
  fn: () => Promise<T>,
): Promise<T> {
  const reader = await conn.runAndReadAll("SELECT current_setting('preserve_insertion_order')");
  const restore = `SET SESSION preserve_insertion_order = ${reader.getRowsJS()[0]?.[0] === true}`;
  await conn.run(`SET SESSION preserve_insertion_order = ${preserve}`);
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    // A failed statement aborts the transaction, which then refuses the SET too (the caller rolls back): the error
    // the caller sees must be the first one, such as a file that cannot be read.
    await conn.run(restore).catch(() => undefined);
    throw error;
  }
  await conn.run(restore);
  return result;
}
