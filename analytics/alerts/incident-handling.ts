import type { DuckDBConnection } from '@duckdb/node-api';
import { listValue } from '@duckdb/node-api';
import { CellpulseError } from '../../domain/errors.js';
import { ROOT_CAUSES, type Incident, type RootCause } from '../../domain/incident.js';
import type { StoredEvent } from '../../domain/incident-event.js';
import { readRows } from '../../store/row-reader.js';
import { readIncidents } from '../clusters/incidents/incident-reader.js';
import { recordIncidentEvents } from './event-log.js';

/** A complaint of an incident that has handling, read before re-detection replaces incidents. */
export interface HandledMember {
  complaint_id: string;
  incident_id: string;
}

interface HandlingRow {
  incident_id: string;
  state: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  root_cause: string | null;
  note: string | null;
}

/**
 * The members of those of `incidentIds` that someone acknowledged or resolved. Call before
 * replacing incidents, then `carryHandlingOver` after, in the same transaction.
 */
export async function handledMembers(conn: DuckDBConnection, incidentIds: readonly string[]): Promise<HandledMember[]> {
  if (incidentIds.length === 0) return [];
  return readRows<HandledMember>(
    conn,
    `SELECT m.complaint_id, m.incident_id FROM cluster_members m JOIN incident_handling h USING (incident_id)
     WHERE list_contains($ids, m.incident_id)`,
    { ids: listValue([...incidentIds]) },
  );
}

/**
 * Moves handling to the incidents that now hold the complaints of handled ones (re-detection grew
 * or merged them under a new id). A merged incident keeps the earliest acknowledgement; it stays
 * resolved only when every handled part was resolved (then with the latest resolution).
 */
export async function carryHandlingOver(conn: DuckDBConnection, before: readonly HandledMember[]): Promise<void> {
  if (before.length === 0) return;
  const now = await readRows<HandledMember>(
    conn,
    'SELECT complaint_id, incident_id FROM cluster_members WHERE list_contains($ids, complaint_id)',
    { ids: listValue(before.map((m) => m.complaint_id)) },
  );
  const newIdOf = new Map(now.map((r) => [r.complaint_id, r.incident_id]));
  const sources = new Map<string, Set<string>>();
  for (const m of before) {
    const target = newIdOf.get(m.complaint_id);
    if (target !== undefined) sources.set(target, (sources.get(target) ?? new Set()).add(m.incident_id));
  }
  const moved = [...sources].filter(([target, from]) => from.size > 1 || !from.has(target));
  if (moved.length === 0) return;
  const rows = await handlingRows(conn, [...new Set(moved.flatMap(([target, from]) => [target, ...from]))]);
  const survivors = new Set(now.map((r) => r.incident_id));
  const stale = [...new Set(before.map((m) => m.incident_id))].filter((id) => !survivors.has(id));
  const replaced = listValue([...stale, ...moved.map(([target]) => target)]);
  await conn.run('DELETE FROM incident_handling WHERE list_contains($ids, incident_id)', { ids: replaced });
  for (const [target, from] of moved) {
    await writeHandling(
      conn,
      mergeHandling(
        target,
        [...from].flatMap((id) => rows.get(id) ?? []),
      ),
    );
  }
}

/** The merged handling of several incidents' rows (see `carryHandlingOver`). */
function mergeHandling(target: string, rows: readonly HandlingRow[]): HandlingRow {
  const ms = (iso: string | null): number => Date.parse(iso!);
  const acked = rows
    .filter((r) => r.acknowledged_at !== null)
    .sort((a, b) => ms(a.acknowledged_at) - ms(b.acknowledged_at));
  const resolved = rows.filter((r) => r.resolved_at !== null).sort((a, b) => ms(b.resolved_at) - ms(a.resolved_at));
  const first = acked[0] ?? rows[0]!;
  if (resolved.length === rows.length && resolved[0] !== undefined) {
    const { acknowledged_at, acknowledged_by } = first;
    return { ...resolved[0], incident_id: target, acknowledged_at, acknowledged_by };
  }
  return {
    ...first,
    incident_id: target,
    state: 'acknowledged',
    resolved_at: null,
    resolved_by: null,
    root_cause: null,
  };
}

async function handlingRows(conn: DuckDBConnection, ids: readonly string[]): Promise<Map<string, HandlingRow>> {
  const rows = await readRows<HandlingRow>(
    conn,
    'SELECT * FROM incident_handling WHERE list_contains($ids, incident_id)',
    { ids: listValue([...ids]) },
  );
  return new Map(rows.map((r) => [r.incident_id, r]));
}

async function writeHandling(conn: DuckDBConnection, row: HandlingRow): Promise<void> {
  await conn.run(
    `INSERT OR REPLACE INTO incident_handling VALUES ($id, $state, $ackAt::TIMESTAMPTZ, $ackBy,
       $resAt::TIMESTAMPTZ, $resBy, $cause, $note)`,
    {
      id: row.incident_id,
      state: row.state,
      ackAt: row.acknowledged_at,
      ackBy: row.acknowledged_by,
      resAt: row.resolved_at,
      resBy: row.resolved_by,
      cause: row.root_cause,
      note: row.note,
    },
  );
}

/** An acknowledgement or a resolution asked for by someone (SPEC §10). */
export type HandlingAction =
  | { kind: 'ack'; by: string; note?: string | undefined }
  | { kind: 'resolve'; by: string; rootCause: string; note?: string | undefined };

/**
 * Acknowledges or resolves an incident at `at` and stores the event, on the caller's write
 * transaction. A repeated acknowledgement keeps the first and stores nothing; resolving an
 * unacknowledged incident acknowledges it too.
 * @throws CellpulseError not_found (unknown id), invalid_parameter (root cause not in the list),
 *   conflict (the incident is resolved already).
 */
export async function handleIncident(
  conn: DuckDBConnection,
  id: string,
  action: HandlingAction,
  at: Date,
): Promise<{ incident: Incident; events: StoredEvent[] }> {
  const current = (await readIncidents(conn, { ids: [id] }))[0];
  if (current === undefined) throw new CellpulseError('not_found', 'no incident with this id', id);
  if (action.kind === 'resolve' && !(ROOT_CAUSES as readonly string[]).includes(action.rootCause)) {
    const allowed = ROOT_CAUSES.join(', ');
    throw new CellpulseError('invalid_parameter', `root_cause must be one of ${allowed}`, action.rootCause);
  }
  if (current.handling.state === 'resolved') {
    const by = current.handling.resolved_by;
    throw new CellpulseError('conflict', `incident is resolved already (by ${by}); nothing to ${action.kind}`, id);
  }
  if (action.kind === 'ack' && current.handling.state === 'acknowledged') return { incident: current, events: [] };
  const h = current.handling;
  const acked =
    h.acknowledged_at === null
      ? { at: at.toISOString(), by: action.by }
      : { at: h.acknowledged_at, by: h.acknowledged_by };
  await writeHandling(conn, {
    incident_id: id,
    state: action.kind === 'ack' ? 'acknowledged' : 'resolved',
    acknowledged_at: acked.at,
    acknowledged_by: acked.by,
    resolved_at: action.kind === 'resolve' ? at.toISOString() : null,
    resolved_by: action.kind === 'resolve' ? action.by : null,
    root_cause: action.kind === 'resolve' ? (action.rootCause as RootCause) : null,
    note: action.note ?? h.note,
  });
  const incident = (await readIncidents(conn, { ids: [id] }))[0]!;
  const type = action.kind === 'ack' ? 'incident.acknowledged' : 'incident.resolved';
  return { incident, events: await recordIncidentEvents(conn, [{ type, incident }]) };
}
