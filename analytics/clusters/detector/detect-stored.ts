import type { DuckDBConnection } from '@duckdb/node-api';
import { CellpulseError } from '../../../domain/errors.js';
import type { DetectedIncident } from '../rule.js';
import { describeFound, findIncidents } from './columnar-detector.js';
import { loadComplaintColumns, readComplaints, type StoredColumns } from './load-complaint-columns.js';

/**
 * The incidents (SPEC §3) among the located complaints received in [lo, hi] (epoch ms): typed
 * columns in, `findIncidents`, then only the complaints in an incident read whole. Call inside
 * one transaction (rowids tie the two reads together).
 */
export async function detectStored(conn: DuckDBConnection, lo: number, hi: number): Promise<DetectedIncident[]> {
  return detectInColumns(conn, await loadComplaintColumns(conn, lo, hi));
}

/** `findIncidents` on loaded columns, then the complaints of the incidents read whole and described. */
export async function detectInColumns(conn: DuckDBConnection, columns: StoredColumns): Promise<DetectedIncident[]> {
  const found = findIncidents(columns);
  const complaints = await readComplaints(
    conn,
    columns,
    found.flatMap((f) => f.rows),
  );
  return describeFound(found, (row) => {
    const complaint = complaints.get(row);
    if (complaint) return complaint;
    throw new CellpulseError(
      'internal',
      'a complaint changed between reading its columns and its details: detect inside one transaction',
      row,
    );
  });
}
