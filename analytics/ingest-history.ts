import type { InputKind } from '../domain/enums.js';
import type { Database } from '../store/database.js';

/** One ingest as recorded in `ingest_runs`; times ISO-8601 UTC. */
export interface IngestRun {
  run_id: number;
  kind: InputKind;
  source: string;
  format: string;
  crs: string;
  actor: string;
  started_at: string;
  finished_at: string;
  total_rows: number;
  accepted: number;
  updated: number;
  rejected: number;
}

/** One row refused by an ingest, with its raw text and the reason (SPEC §1 "Bad input"). */
export interface RejectedRow {
  run_id: number;
  kind: InputKind;
  source: string;
  line: number;
  raw: string;
  reason: string;
}

export interface HistoryFilter {
  kind?: InputKind;
  runId?: number;
  limit?: number;
  offset?: number;
}

/** Ingest runs, newest first (default: the last 1000). */
export async function listIngestRuns(db: Database, filter: HistoryFilter = {}): Promise<IngestRun[]> {
  const rows = await db.all(
    `SELECT * FROM ingest_runs
     WHERE ($kind IS NULL OR kind = $kind) AND ($run IS NULL OR run_id = $run)
     ORDER BY run_id DESC LIMIT $limit OFFSET $offset`,
    params(filter),
  );
  return rows.map((r) => ({
    run_id: Number(r.run_id), kind: r.kind as InputKind, source: String(r.source), format: String(r.format),
    crs: String(r.crs), actor: String(r.actor), started_at: iso(r.started_at), finished_at: iso(r.finished_at),
    total_rows: Number(r.total_rows), accepted: Number(r.accepted), updated: Number(r.updated), rejected: Number(r.rejected),
  }));
}

/** Rejected rows, newest run first and by line within a run (default: the first 1000). */
export async function listRejectedRows(db: Database, filter: HistoryFilter = {}): Promise<RejectedRow[]> {
  const rows = await db.all(
    `SELECT * FROM rejected_rows
     WHERE ($kind IS NULL OR kind = $kind) AND ($run IS NULL OR run_id = $run)
     ORDER BY run_id DESC, line LIMIT $limit OFFSET $offset`,
    params(filter),
  );
  return rows.map((r) => ({
    run_id: Number(r.run_id), kind: r.kind as InputKind, source: String(r.source),
    line: Number(r.line), raw: String(r.raw), reason: String(r.reason),
  }));
}

/** Whether the database answers, with when it last took data: what a readiness probe needs. */
export async function ingestStatus(db: Database): Promise<{ runs: number; last_ingest_at: string | null }> {
  const [row] = await db.all('SELECT count(*) AS runs, max(finished_at) AS last FROM ingest_runs');
  return { runs: Number(row?.runs ?? 0), last_ingest_at: row?.last ? iso(row.last) : null };
}

function params(filter: HistoryFilter): Record<string, string | number | null> {
  return { kind: filter.kind ?? null, run: filter.runId ?? null, limit: filter.limit ?? 1000, offset: filter.offset ?? 0 };
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
