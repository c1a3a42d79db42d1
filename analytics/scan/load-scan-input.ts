import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { Category } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { copyColumns } from '../../store/number-vectors.js';
import { loadSql } from '../../store/sql-files.js';
import { firstAtLeast } from '../first-at-least.js';
import { neighboursInData, studyStart, type ScanInput } from './scan-problem.js';

/**
 * The located complaints of each of `categories` in the study period ending at `at` (epoch ms)
 * as typed columns, one input per category in the order given. One query in one snapshot reads
 * them all (so the hexagon dictionary and the columns agree), and one H3 look-up per hexagon
 * gives every category its neighbour lists; each input is what a read of its category alone gives.
 */
export async function loadScanInputs(db: Database, categories: readonly Category[], at: number): Promise<ScanInput[]> {
  const columns = await db.use(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      return await readColumns(conn, categories, at);
    } finally {
      await conn.run('COMMIT');
    }
  });
  const near = neighboursInData(columns.hexes);
  return categories.map((_, k) => categoryInput(columns, near, k, at));
}

/** Every listed category's rows, by category, then time and hexagon (ids in the shared dictionary). */
interface Columns {
  hexes: string[];
  cat: Int32Array;
  hex: Int32Array;
  t: Float64Array;
}

async function readColumns(conn: DuckDBConnection, categories: readonly Category[], at: number): Promise<Columns> {
  const range = { categories: listValue([...categories]), lo: studyStart(at) / 1000, hi: at / 1000 };
  const types = { categories: LIST(VARCHAR) };
  const hexes = ((await conn.runAndReadAll(loadSql(import.meta.url, 'scan-hexes'), range, types)).getColumnsJS()[0] ??
    []) as string[];
  const result = await conn.run(
    loadSql(import.meta.url, 'scan-columns'),
    { ...range, hexes: listValue(hexes) },
    { ...types, hexes: LIST(VARCHAR) },
  );
  const size = Number(result.rowCount);
  const columns = { hexes, cat: new Int32Array(size), hex: new Int32Array(size), t: new Float64Array(size) };
  copyColumns(result, [columns.cat, columns.hex, columns.t]);
  return columns;
}

// Category k's rows, its hexagons numbered in the shared dictionary's (sorted) order: the same ids,
// row order and neighbour lists (in gridDisk order) as a dictionary of its own hexagons gives.
function categoryInput(columns: Columns, near: readonly number[][], k: number, at: number): ScanInput {
  const [from, to] = [firstAtLeast(columns.cat, k), firstAtLeast(columns.cat, k + 1)];
  const present = new Uint8Array(columns.hexes.length);
  for (let i = from; i < to; i += 1) present[columns.hex[i]!] = 1;
  const local = new Int32Array(columns.hexes.length).fill(-1);
  const shared: number[] = [];
  present.forEach((isIn, g) => {
    if (isIn === 0) return;
    local[g] = shared.length;
    shared.push(g);
  });
  const hex = new Int32Array(to - from);
  for (let i = from; i < to; i += 1) hex[i - from] = local[columns.hex[i]!]!;
  return {
    hexes: shared.map((g) => columns.hexes[g]!),
    hex,
    t: columns.t.subarray(from, to),
    at,
    neighbours: shared.map((g) => near[g]!.filter((n) => local[n]! >= 0).map((n) => local[n]!)),
  };
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
