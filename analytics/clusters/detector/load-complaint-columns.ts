import { INTEGER, LIST, listValue, UINTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { CATEGORIES, type Category } from '../../../domain/enums.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import { appendColumns, copyColumns } from '../../../store/number-vectors.js';
import { loadSql } from '../../../store/sql-files.js';
import type { ComplaintColumns } from './complaint-columns.js';

/** Columns read from the store, with each row's rowid (in 32-bit halves) to read the rest of it by. */
export interface StoredColumns extends ComplaintColumns {
  readonly rowidHi: Uint32Array;
  readonly rowidLo: Uint32Array;
}

/**
 * Located complaints received in [lo, hi] (epoch ms) as typed columns, copied out of DuckDB's
 * vectors whole — no string and no object per complaint. Read the rest of the rows that matter
 * with `readComplaints`, in the same transaction.
 */
export async function loadComplaintColumns(conn: DuckDBConnection, lo: number, hi: number): Promise<StoredColumns> {
  const range = { lo: lo / 1000, hi: hi / 1000 };
  const hexes = ((await conn.runAndReadAll(loadSql(import.meta.url, 'complaint-hexes'), range)).getColumnsJS()[0] ??
    []) as string[];
  const result = await conn.run(
    loadSql(import.meta.url, 'complaint-columns'),
    { ...range, hexes: listValue(hexes), categories: listValue([...CATEGORIES]) },
    { hexes: LIST(VARCHAR) },
  );
  const size = Number(result.rowCount);
  const columns = {
    size,
    hexes,
    category: new Uint8Array(size),
    hex: new Int32Array(size),
    t: new Float64Array(size),
    rowidHi: new Uint32Array(size),
    rowidLo: new Uint32Array(size),
  };
  copyColumns(result, [columns.category, columns.hex, columns.t, columns.rowidHi, columns.rowidLo]);
  return columns;
}

/**
 * The whole complaints at `rows` of `columns`, by row. The rowids go in by a temp table, a vector at a time (there can
 * be millions).
 */
export async function readComplaints(
  conn: DuckDBConnection,
  columns: StoredColumns,
  rows: readonly number[],
): Promise<Map<number, ClusterComplaint>> {
  const complaints = new Map<number, ClusterComplaint>();
  if (rows.length === 0) return complaints;
  await conn.run('CREATE OR REPLACE TEMP TABLE wanted_rows (pos INTEGER, hi UINTEGER, lo UINTEGER)');
  const hi = Uint32Array.from(rows, (r) => columns.rowidHi[r]!);
  const lo = Uint32Array.from(rows, (r) => columns.rowidLo[r]!);
  await appendColumns(conn, 'wanted_rows', [INTEGER, UINTEGER, UINTEGER], [Int32Array.from(rows, (_, i) => i), hi, lo]);
  const reader = await conn.runAndReadAll(loadSql(import.meta.url, 'complaint-details'));
  await conn.run('DROP TABLE wanted_rows');
  const [positions = [], ids = [], cities = [], lats = [], lons = []] = reader.getColumnsJS();
  positions.forEach((pos, i) => {
    const row = rows[Number(pos)]!;
    complaints.set(row, {
      complaint_id: String(ids[i]),
      category: CATEGORIES[columns.category[row]!] as Category,
      h3: columns.hexes[columns.hex[row]!]!,
      t: columns.t[row]!,
      city: String(cities[i]),
      lat: Number(lats[i]),
      lon: Number(lons[i]),
    });
  });
  return complaints;
}
