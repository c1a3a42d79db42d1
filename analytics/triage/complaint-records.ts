import { listValue } from '@duckdb/node-api';
import type { Route } from '../../domain/triage.js';
import { ComplaintRecord } from '../../domain/triage.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import { readReasonSql } from './route-reasons.js';

export interface ComplaintFilter {
  /** A route, or `untriaged` for complaints stored before triage existed (no route). */
  route?: Route | 'untriaged';
  city?: string;
  /** ISO-8601; complaints received in [from, to). */
  from?: string;
  to?: string;
  /** At most this many, newest first (default 1000). */
  limit?: number;
}

/** One stored complaint with its route, reason, incidents and hexagon; undefined when unknown. */
export async function getComplaint(db: Database, id: string): Promise<ComplaintRecord | undefined> {
  return (await readComplaints(db, { ids: [id], limit: 1 }))[0];
}

/** Stored complaints by route, city and time (`GET /v1/complaints`), newest first. */
export async function listComplaints(db: Database, filter: ComplaintFilter = {}): Promise<ComplaintRecord[]> {
  return readComplaints(db, filter);
}

async function readComplaints(db: Database, filter: ComplaintFilter & { ids?: string[] }): Promise<ComplaintRecord[]> {
  const reason = readReasonSql('c.route', 'c.route_reason');
  const sql = loadSql(import.meta.url, 'complaint-records').replace('__route_reason__', reason);
  const rows = await db.all(sql, {
    ids: filter.ids ? listValue(filter.ids) : null,
    route: filter.route ?? null,
    city: filter.city ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    limit: filter.limit ?? 1000,
  });
  // Decoded once where rows leave DuckDB: the zod schema is the shape.
  return rows.map((r) => ComplaintRecord.parse({ ...r, incident_ids: (r.incident_ids as string[] | null) ?? [] }));
}
