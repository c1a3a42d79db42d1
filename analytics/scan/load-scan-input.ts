import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { Category } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { copyColumns } from '../../store/number-vectors.js';
import { loadSql } from '../../store/sql-files.js';
import { studyStart, type ScanInput } from './scan-problem.js';

/**
 * A category's located complaints in the study period ending at `at` (epoch ms) as typed
 * columns, read in one snapshot so the hexagon dictionary and the columns agree.
 */
export async function loadScanInput(db: Database, category: Category, at: number): Promise<ScanInput> {
  return db.use(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      return await readInput(conn, category, at);
    } finally {
      await conn.run('COMMIT');
    }
  });
}

async function readInput(conn: DuckDBConnection, category: Category, at: number): Promise<ScanInput> {
  const range = { category, lo: studyStart(at) / 1000, hi: at / 1000 };
  const hexes = ((await conn.runAndReadAll(loadSql(import.meta.url, 'scan-hexes'), range)).getColumnsJS()[0] ??
    []) as string[];
  const result = await conn.run(
    loadSql(import.meta.url, 'scan-columns'),
    { ...range, hexes: listValue(hexes) },
    { hexes: LIST(VARCHAR) },
  );
  const size = Number(result.rowCount);
  const input = { hexes, hex: new Int32Array(size), t: new Float64Array(size), at };
  copyColumns(result, [input.hex, input.t]);
  return input;
}

/** received_at of the newest complaint, epoch ms, or null when there is none. */
export async function newestComplaint(db: Database): Promise<number | null> {
  const rows = await db.all('SELECT epoch_ms(max(received_at)) AS t FROM complaints');
  const t = rows[0]?.t;
  return t === null || t === undefined ? null : Number(t);
}

/**
 * An ISO-8601 time as epoch ms; without an offset it is local time in the database's zone (SPEC §1).
 * @throws CellpulseError invalid_parameter when DuckDB cannot read it as a time.
 */
export async function timeInZone(db: Database, iso: string): Promise<number> {
  try {
    const rows = await db.all('SELECT epoch_ms($t::TIMESTAMPTZ) AS t', { t: iso });
    return Number(rows[0]?.t);
  } catch {
    throw new CellpulseError('invalid_parameter', 'not an ISO-8601 time (e.g. 2026-10-05T09:00:00+08:00)', iso);
  }
}
