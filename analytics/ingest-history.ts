import type { InputKind } from '../domain/enums.js';
import type { IngestRun, RejectedRow } from '../domain/ingest-history.js';
import type { Database } from '../store/database.js';

export type { IngestRun, RejectedRow } from '../domain/ingest-history.js';

export interface HistoryFilter {
  kind?: InputKind;
  runId?: number;
  limit?: number;
  offset?: number;
}

/** Ingest runs, newest first (default: the last 1000). */
export async function listIngestRuns(db: Database, filter: HistoryFilter = {}): Promise<IngestRun[]> {
  return db.all<IngestRun>(
    `SELECT run_id, kind, source, format, crs, actor, started_at, finished_at, total_rows, accepted, updated, rejected
     FROM ingest_runs
     WHERE ($kind IS NULL OR kind = $kind) AND ($run IS NULL OR run_id = $run)
     ORDER BY run_id DESC LIMIT $limit OFFSET $offset`,
    params(filter),
  );
}

/** Rejected rows, newest run first and by line within a run (default: the first 1000). */
export async function listRejectedRows(db: Database, filter: HistoryFilter = {}): Promise<RejectedRow[]> {
  return db.all<RejectedRow>(
    `SELECT run_id, kind, source, line, raw, reason FROM rejected_rows
     WHERE ($kind IS NULL OR kind = $kind) AND ($run IS NULL OR run_id = $run)
     ORDER BY run_id DESC, line LIMIT $limit OFFSET $offset`,
    params(filter),
  );
}

/** Whether the database answers, with when it last took data: what a readiness probe needs. */
export async function ingestStatus(db: Database): Promise<{ runs: number; last_ingest_at: string | null }> {
  const [row] = await db.all<{ runs: number; last: string | null }>(
    'SELECT count(*) AS runs, max(finished_at) AS last FROM ingest_runs',
  );
  return { runs: row?.runs ?? 0, last_ingest_at: row?.last ?? null };
}

function params(filter: HistoryFilter): Record<string, string | number | null> {
  return {
    kind: filter.kind ?? null,
    run: filter.runId ?? null,
    limit: filter.limit ?? 1000,
    offset: filter.offset ?? 0,
  };
}
