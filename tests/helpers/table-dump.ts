import type { Database } from '../../store/database.js';

/** Tables an ingest writes, with the columns that identify a row. */
export const DATA_TABLES = ['complaints', 'cell_sites', 'subscribers', 'network_events'] as const;
export const BOOK_TABLES = ['ingest_runs', 'rejected_rows'] as const;

type Cell = string | number | boolean | null;

/** JSON-friendly value: BIGINT as number, timestamps as ISO-8601 UTC strings. */
function plain(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/**
 * Every row of a table as plain objects, in a total order (ORDER BY ALL), so two dumps are equal
 * exactly when the tables hold the same rows. `exclude` drops columns that legitimately change
 * between runs (run_id of the run that last wrote a row).
 */
export async function dumpTable(
  db: Database,
  table: string,
  exclude: readonly string[] = [],
): Promise<Record<string, Cell>[]> {
  const columns = exclude.length === 0 ? '*' : `* EXCLUDE (${exclude.join(', ')})`;
  const rows = await db.all(`SELECT ${columns} FROM ${table} ORDER BY ALL`);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}

/** Dumps of every data table and the run book (ingest_runs, rejected_rows). */
export async function dumpAll(db: Database): Promise<Record<string, Record<string, Cell>[]>> {
  const out: Record<string, Record<string, Cell>[]> = {};
  for (const table of [...DATA_TABLES, ...BOOK_TABLES]) out[table] = await dumpTable(db, table);
  return out;
}

/** A single count(*) as a number. */
export async function countRows(db: Database, table: string, where = 'true'): Promise<number> {
  const rows = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Dumps of every base table in the database, whoever added it (incidents, outboxes, aggregates):
 * a refused request must leave all of them as they were.
 */
export async function dumpEveryTable(db: Database): Promise<Record<string, Record<string, Cell>[]>> {
  const tables = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_catalog = current_database() AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const out: Record<string, Record<string, Cell>[]> = {};
  for (const { name } of tables) out[name] = await dumpTable(db, `"${name.replaceAll('"', '""')}"`);
  return out;
}
