import type { DuckDBConnection } from '@duckdb/node-api';
import { loadSql, runScript } from '../../../store/sql-files.js';
import { carryHandlingOver, handledMembers } from '../../alerts/incident-handling.js';
import { detectStored } from '../detector/detect-stored.js';
import type { DetectedIncident } from '../rule.js';
import { changeOf, NO_INCIDENT_CHANGE, readStoredIncidents, type IncidentChange } from './incident-change.js';
import { insertIncidents, readInsertedIncidents } from './incident-writer.js';
import { readRows } from '../../../store/row-reader.js';

const HOUR = 3_600_000;

/**
 * Re-detects the incidents that complaints received in [from, to] (epoch ms) can touch and
 * replaces them in `incidents` and `cluster_members`, on the caller's connection and transaction.
 * The range grows to cover every stored incident it meets, so a chain of groups is never cut.
 */
export async function refreshIncidents(
  conn: DuckDBConnection,
  from: number | null,
  to: number | null,
): Promise<IncidentChange> {
  if (from === null || to === null) return NO_INCIDENT_CHANGE;
  const [lo, hi] = await coveringRange(conn, from - HOUR, to + HOUR);
  const range = { lo: lo / 1000, hi: hi / 1000 };
  const before = await readStoredIncidents(
    conn,
    'end_at >= to_timestamp($lo) AND start_at <= to_timestamp($hi)',
    range,
  );
  const detected = (await detectStored(conn, lo - HOUR, hi + HOUR)).filter((i) => i.last_t >= lo && firstTime(i) <= hi);
  const handled = await handledMembers(
    conn,
    before.map((i) => i.incident_id),
  );
  await runScript(conn, loadSql(import.meta.url, 'delete-incidents-in-range'), range);
  await insertIncidents(conn, detected);
  await carryHandlingOver(conn, handled);
  const written = await readInsertedIncidents(conn, detected);
  const known = new Map(before.map((i) => [i.incident_id, i.complaint_ids.length]));
  // Re-written unchanged, an incident is no news: only a new count makes it `updated`.
  const news = written.filter((i) => known.get(i.incident_id) !== i.complaint_count);
  return changeOf(before, news, detected);
}

function firstTime(incident: DetectedIncident): number {
  return Date.parse(incident.start);
}

async function coveringRange(conn: DuckDBConnection, lo: number, hi: number): Promise<[number, number]> {
  for (;;) {
    const [row] = await readRows<{ lo: number | null; hi: number | null }>(
      conn,
      `SELECT epoch_ms(min(start_at)) AS lo, epoch_ms(max(end_at)) AS hi FROM incidents
       WHERE end_at >= to_timestamp($lo) AND start_at <= to_timestamp($hi)`,
      { lo: lo / 1000, hi: hi / 1000 },
    );
    const nextLo = Math.min(lo, row?.lo ?? lo);
    const nextHi = Math.max(hi, row?.hi ?? hi);
    if (nextLo === lo && nextHi === hi) return [lo, hi];
    [lo, hi] = [nextLo, nextHi];
  }
}
