import { randomBytes } from 'node:crypto';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Incident } from '../../domain/incident.js';
import type { IncidentEvent, StoredEvent } from '../../domain/incident-event.js';
import type { Database } from '../../store/database.js';
import { readRows, readValue } from '../../store/row-reader.js';
import { readPrepared, runPrepared } from '../../store/prepared-statements.js';
import { readIncidents } from '../clusters/incidents/incident-reader.js';
import { readNewestComplaintMs } from '../newest-complaint.js';

const HOUR_MS = 3_600_000;
/** Settings key: newest received_at (epoch ms) the last closure check saw. */
const NEWEST_SEEN = 'alerts_newest_ms';

/**
 * Stores incident events in the durable log (`alert_events`), in order, on the caller's
 * transaction: the write that caused them and its events commit or vanish together. Returns
 * them numbered; the numbers only grow, across restarts (a DuckDB sequence). One statement for
 * any number of events: a file that opens thousands of incidents costs milliseconds, not a
 * round trip per event.
 */
export async function recordIncidentEvents(
  conn: DuckDBConnection,
  events: readonly IncidentEvent[],
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const drawn = await readRows<{ seq: number; at: string }>(
    conn,
    `SELECT nextval('alert_event_seq') AS seq, now() AS at FROM range($n)`,
    { n: events.length },
  );
  // The writer is serialised, so the numbers drawn are this write's; given in event order.
  const seqs = drawn.map((r) => r.seq).sort((a, b) => a - b);
  const at = drawn[0]!.at;
  const stored = events.map(({ type, incident }, i) => ({
    seq: seqs[i]!,
    type,
    incident_id: incident.incident_id,
    at,
    incident,
  }));
  await conn.run(`INSERT INTO alert_events SELECT unnest($seqs), unnest($types), unnest($ids), now(), unnest($data)`, {
    seqs: listValue(stored.map((e) => BigInt(e.seq))),
    types: listValue(stored.map((e) => e.type)),
    ids: listValue(stored.map((e) => e.incident_id)),
    data: listValue(stored.map((e) => JSON.stringify(e.incident))),
  });
  return stored;
}

/**
 * What a caller knows of the newest received_at, sparing the closing check its reads: `seen`, the
 * value the last check stored (null: none yet), and `newest`, the newest received_at now — exact when
 * above `seen`, any value at most `seen` otherwise (the check then closes nothing and stores nothing).
 * With `keep`, the new value the check stores is handed to the caller, which stores it with its own
 * settings (Database.write `settings`: a statement less). `endsFrom` (epoch ms), when known, is at most
 * the end of every stored incident ending after the last check's horizon (`seen` less an hour;
 * Infinity: none), and `keepEndsFrom` is told the bound after this check: while the horizon stays
 * below it, no incident can close and the check reads nothing.
 */
export interface KnownNewest {
  seen: number | null;
  newest: number | null;
  keep?: (key: string, value: string) => void;
  endsFrom?: number;
  keepEndsFrom?: (ms: number) => void;
}

/**
 * The events of one data write, stored: the incidents it opened or grew, then those that the
 * newer data closed (SPEC §3: last complaint ≥ 60 min older than the newest). Closures are found
 * from the newest time the previous check saw, so each one is stored exactly once.
 */
export async function recordWriteEvents(
  conn: DuckDBConnection,
  change: { opened: Incident[]; updated: Incident[] },
  known?: KnownNewest,
): Promise<StoredEvent[]> {
  // The incidents this write stored end where they end now: the bound takes them in (ms, rounded down by parsing).
  const written = [...change.opened, ...change.updated];
  const endsFrom = known?.endsFrom === undefined ? undefined : Math.min(known.endsFrom, ...written.map(endMs));
  const closed = await newlyClosed(conn, known && { ...known, endsFrom });
  const touched = new Set(written.map((i) => i.incident_id));
  return recordIncidentEvents(conn, [
    ...change.opened.map((incident) => ({ type: 'incident.opened' as const, incident })),
    ...change.updated.map((incident) => ({ type: 'incident.updated' as const, incident })),
    // An incident the write changed and closed at once gets its closing after its change.
    ...closed
      .sort((a, b) => Number(touched.has(a.incident_id)) - Number(touched.has(b.incident_id)))
      .map((incident) => ({ type: 'incident.closed' as const, incident })),
  ]);
}

function endMs(incident: Incident): number {
  return Date.parse(incident.end);
}

/** Incidents open at the newest time seen by the last check and closed at the newest time now. */
async function newlyClosed(conn: DuckDBConnection, known?: KnownNewest): Promise<Incident[]> {
  const seen = known ? known.seen : await readNewestSeen(conn);
  const newest = known ? known.newest : await readNewestComplaintMs(conn, seen);
  const unchanged = newest === null || (seen !== null && seen >= newest);
  if (unchanged || seen === null) {
    if (known?.endsFrom !== undefined) known.keepEndsFrom?.(known.endsFrom);
    // The first check has no earlier view to compare with: it only records the newest time.
    if (!unchanged)
      await conn.run('INSERT OR REPLACE INTO settings VALUES ($key, $value)', {
        key: NEWEST_SEEN,
        value: String(newest),
      });
    return [];
  }
  if (known?.keep) known.keep(NEWEST_SEEN, String(newest));
  else
    await runPrepared(conn, 'UPDATE settings SET value = $value WHERE key = $key', {
      key: NEWEST_SEEN,
      value: String(newest),
    });
  if (known?.endsFrom !== undefined && known.endsFrom > newest! - HOUR_MS) {
    known.keepEndsFrom?.(known.endsFrom);
    return [];
  }
  const ids = await closingIds(conn, seen - HOUR_MS, newest! - HOUR_MS, known?.keepEndsFrom);
  return ids.length === 0 ? [] : readIncidents(conn, { ids });
}

/**
 * The incidents ending in (lo, hi] (epoch ms); `keepEndsFrom` is told the earliest end (ms, rounded
 * down) of those ending after hi. Prepared once per connection: most live writes run it.
 */
async function closingIds(
  conn: DuckDBConnection,
  lo: number,
  hi: number,
  keepEndsFrom?: (ms: number) => void,
): Promise<string[]> {
  const rows = (
    await readPrepared(
      conn,
      `SELECT incident_id, end_at <= to_timestamp($hi) AS closes, floor(epoch_us(end_at) / 1000.0) AS end_ms
       FROM incidents WHERE end_at > to_timestamp($lo)`,
      { lo: lo / 1000, hi: hi / 1000 },
    )
  ).getRowObjectsJS();
  keepEndsFrom?.(Math.min(...rows.filter((r) => !r.closes).map((r) => Number(r.end_ms))));
  return rows.filter((r) => r.closes).map((r) => String(r.incident_id));
}

/** The newest received_at (epoch ms) the last closing check stored; null before the first check. */
export async function readNewestSeen(conn: DuckDBConnection): Promise<number | null> {
  const rows = (
    await conn.runAndReadAll('SELECT value FROM settings WHERE key = $key', { key: NEWEST_SEEN })
  ).getRowsJS();
  const value = rows[0]?.[0];
  return value === null || value === undefined ? null : Number(value);
}

/** Stored events after `after`, oldest first, at most `limit`. */
export async function readEventsSince(db: Database, after: number, limit = 500): Promise<StoredEvent[]> {
  const rows = await db.all<Omit<StoredEvent, 'incident'> & { data: string }>(
    `SELECT seq, type, incident_id, stored_at AS at, data FROM alert_events
     WHERE seq > $after ORDER BY seq LIMIT $limit`,
    { after, limit },
  );
  return rows.map(({ data, ...event }) => ({ ...event, incident: JSON.parse(data) as Incident }));
}

/** The number of the newest stored event (0 when none). */
export async function latestEventSeq(db: Database): Promise<number> {
  const [row] = await db.all<{ seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM alert_events');
  return row?.seq ?? 0;
}

/** Deletes events stored more than `keepDays` ago (wall clock: the log's own retention). */
export async function pruneEvents(conn: DuckDBConnection, keepDays: number): Promise<void> {
  await conn.run(`DELETE FROM alert_events WHERE stored_at < now() - to_days($days)`, { days: keepDays });
}

/**
 * A random name of this database's event log, made once and stored: event ids (`<log>-<seq>`)
 * stay unique even when a database is rebuilt and its numbers start again.
 */
export async function eventLogId(db: Database): Promise<string> {
  return db.write(
    async (conn) => {
      const made = randomBytes(6).toString('hex');
      await conn.run('INSERT INTO settings VALUES ($key, $value) ON CONFLICT DO NOTHING', {
        key: 'alerts_log_id',
        value: made,
      });
      const stored = await readValue(conn, `SELECT value FROM settings WHERE key = 'alerts_log_id'`);
      return typeof stored === 'string' ? stored : made;
    },
    { dataChange: false },
  );
}
