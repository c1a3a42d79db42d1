import { BIGINT, INTEGER, LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { DeliveryRow } from '../../domain/webhook-delivery.js';
import type { Database } from '../../store/database.js';
import { readRows } from '../../store/row-reader.js';

/** Where one webhook endpoint stands: every event up to `delivered` is delivered or dead. */
export interface EndpointState {
  endpoint: string;
  delivered: number;
  /** Failed attempts at the next event, when it was first tried and when it is tried again. */
  attempts: number;
  firstAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  lastError: string | null;
}

/** A row of `webhook_endpoints`. */
interface StoredEndpoint {
  delivered_seq: number;
  attempts: number;
  first_attempt_at: string | null;
  next_attempt_at: string | null;
  last_error: string | null;
}

/** An event given up on after 24 h of failures. */
export interface DeadLetter {
  endpoint: string;
  seq: number;
  attempts: number;
  firstAttemptAt: Date;
  lastError: string | null;
}

/**
 * The stored state of `endpoints`; an endpoint seen for the first time starts after the newest
 * stored event (it gets what happens from now on) and is recorded at once, so a crash right
 * after cannot make it skip an event.
 */
export async function loadEndpointStates(db: Database, endpoints: readonly string[]): Promise<EndpointState[]> {
  return db.write(
    async (conn) => {
      const states: EndpointState[] = [];
      for (const endpoint of endpoints) {
        await conn.run(
          `INSERT INTO webhook_endpoints SELECT $endpoint, coalesce(max(seq), 0), 0, NULL, NULL, NULL FROM alert_events
         ON CONFLICT DO NOTHING`,
          { endpoint },
        );
        const [r] = await readRows<StoredEndpoint>(conn, 'SELECT * FROM webhook_endpoints WHERE endpoint = $endpoint', {
          endpoint,
        });
        const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));
        states.push({
          endpoint,
          delivered: r!.delivered_seq,
          attempts: r!.attempts,
          firstAttemptAt: date(r!.first_attempt_at),
          nextAttemptAt: date(r!.next_attempt_at),
          lastError: r!.last_error,
        });
      }
      return states;
    },
    { dataChange: false },
  );
}

/** Stores endpoint states and dead letters in one transaction (webhook bookkeeping, no data change). */
export async function saveDeliveryState(
  db: Database,
  states: readonly EndpointState[],
  dead: readonly DeadLetter[],
): Promise<void> {
  if (states.length === 0 && dead.length === 0) return;
  await db.write(
    async (conn) => {
      for (const d of dead) await insertDeadLetter(conn, d);
      if (states.length === 0) return;
      const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
      // One statement for every endpoint: the writer is shared with ingest and must be held briefly.
      await conn.run(
        `INSERT OR REPLACE INTO webhook_endpoints
       SELECT unnest($endpoints), unnest($delivered), unnest($attempts), unnest($first)::TIMESTAMPTZ,
         unnest($next)::TIMESTAMPTZ, unnest($errors)`,
        {
          endpoints: listValue(states.map((s) => s.endpoint)),
          delivered: listValue(states.map((s) => BigInt(s.delivered))),
          attempts: listValue(states.map((s) => s.attempts)),
          first: listValue(states.map((s) => iso(s.firstAttemptAt))),
          next: listValue(states.map((s) => iso(s.nextAttemptAt))),
          errors: listValue(states.map((s) => s.lastError)),
        },
        // Lists that hold only nulls (or whole numbers) need their element type told.
        {
          endpoints: LIST(VARCHAR),
          delivered: LIST(BIGINT),
          attempts: LIST(INTEGER),
          first: LIST(VARCHAR),
          next: LIST(VARCHAR),
          errors: LIST(VARCHAR),
        },
      );
    },
    { dataChange: false },
  );
}

async function insertDeadLetter(conn: DuckDBConnection, d: DeadLetter): Promise<void> {
  await conn.run(
    `INSERT OR REPLACE INTO webhook_dead_letters
     VALUES ($endpoint, $seq, $attempts, $first::TIMESTAMPTZ, now(), $error)`,
    {
      endpoint: d.endpoint,
      seq: d.seq,
      attempts: d.attempts,
      first: d.firstAttemptAt.toISOString(),
      error: d.lastError,
    },
  );
}

/**
 * Pending deliveries (events after an endpoint's delivered number; the first carries the attempt
 * state) and dead letters, of the given endpoints, oldest first, at most `limit` rows.
 */
export async function listDeliveries(
  db: Database,
  endpoints: readonly string[],
  limit: number,
): Promise<DeliveryRow[]> {
  if (endpoints.length === 0) return [];
  const rows = await db.all<DeliveryRow>(
    `SELECT w.endpoint, e.seq, e.type, e.incident_id, e.stored_at AS event_at, 'pending' AS state,
       CASE WHEN e.seq = min(e.seq) OVER (PARTITION BY w.endpoint) THEN w.attempts ELSE 0 END AS attempts,
       CASE WHEN e.seq = min(e.seq) OVER (PARTITION BY w.endpoint) THEN w.first_attempt_at END AS first_attempt_at,
       CASE WHEN e.seq = min(e.seq) OVER (PARTITION BY w.endpoint) THEN w.next_attempt_at END AS next_attempt_at,
       CASE WHEN e.seq = min(e.seq) OVER (PARTITION BY w.endpoint) THEN w.last_error END AS last_error
     FROM webhook_endpoints w JOIN alert_events e ON e.seq > w.delivered_seq
     WHERE list_contains($endpoints, w.endpoint)
     UNION ALL
     SELECT d.endpoint, d.seq, coalesce(e.type, 'incident.updated'), coalesce(e.incident_id, ''),
       coalesce(e.stored_at, d.dead_at),
       'dead', d.attempts, d.first_attempt_at, NULL, d.last_error
     FROM webhook_dead_letters d LEFT JOIN alert_events e USING (seq)
     WHERE list_contains($endpoints, d.endpoint)
     ORDER BY seq, endpoint LIMIT $limit`,
    { endpoints: listValue([...endpoints]), limit },
  );
  return rows.map((r) => ({ ...r, endpoint: displayEndpoint(r.endpoint) }));
}

/** A webhook URL as listed: tokens in its query string or user part stay out of read routes. */
export function displayEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}
