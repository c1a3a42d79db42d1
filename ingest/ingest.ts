import type { DuckDBConnection } from '@duckdb/node-api';
import { userInfo } from 'node:os';
import type { InputKind } from '../domain/enums.js';
import type { Database } from '../store/database.js';
import { loadSql } from '../store/sql-files.js';
import type { Crs } from './gcj02.js';
import { KIND_PLANS, type KindPlan } from './kinds.js';
import { locatePoints } from './locate-points.js';
import { readSource, type PositionLabel, type Source } from './read-source.js';

export type IngestStage = 'read' | 'check' | 'locate' | 'write';

/** Progress of one ingest; `done`/`total` count rows within the stage when known. */
export type OnProgress = (stage: IngestStage, done?: number, total?: number) => void;

/** What changed in the complaints table, for whoever keeps derived tables (incidents) in step. */
export interface ComplaintChange {
  runId: number;
  /** Earliest and latest received_at (epoch ms) among the written rows and the rows they replaced. */
  from: number | null;
  to: number | null;
}

export interface IngestRequest {
  kind: InputKind;
  source: Source;
  crs?: Crs;
  /** Who asked (a user name or an API key id), kept with the run. */
  actor?: string;
  /** Return the per-row outcome (for request bodies; costly on big files). */
  withOutcomes?: boolean;
  onProgress?: OnProgress;
  /** Runs inside the ingest's transaction after complaints are written (e.g. the incident refresh). */
  afterComplaints?: (conn: DuckDBConnection, change: ComplaintChange) => Promise<void>;
}

export interface RowOutcome {
  line: number;
  id: string | null;
  status: 'accepted' | 'updated' | 'rejected';
  reason?: string;
}

export interface IngestSummary {
  run_id: number;
  kind: InputKind;
  source: string;
  total: number;
  accepted: number;
  updated: number;
  rejected: number;
  outcomes?: RowOutcome[];
}

/**
 * Ingests one file or request body as one transaction: every row is checked (bad rows go to
 * `rejected_rows` with an actionable reason), points are converted to WGS-84 and bucketed into
 * H3, and rows are upserted by their key (the later file, or later line, wins).
 * @throws CellpulseError refused_file when the source is unreadable or lacks a required column;
 *   then nothing is written.
 */
export async function ingest(db: Database, request: IngestRequest): Promise<IngestSummary> {
  const plan = KIND_PLANS[request.kind];
  const sourceName = 'path' in request.source ? request.source.path : request.source.name;
  const progress: OnProgress = request.onProgress ?? (() => undefined);
  const startedAt = new Date();
  return db.write(async (conn) => {
    progress('read');
    const label = await readSource(conn, request.kind, request.source);
    progress('check');
    await conn.run(loadSql(import.meta.url, plan.check), plan.params);
    if (plan.hasPoints) {
      await locatePoints(conn, db.settings.h3Resolution, request.crs ?? 'wgs84', (d, t) => progress('locate', d, t));
    }
    progress('write');
    const runId = await nextRunId(conn);
    const counts = await classify(conn, plan);
    await recordRejected(conn, runId, request.kind, sourceName, label);
    const change = request.kind === 'complaints' ? await complaintRange(conn, runId) : undefined;
    await conn.run(loadSql(import.meta.url, plan.insert), { run: runId });
    if (change && request.afterComplaints) await request.afterComplaints(conn, change);
    const summary: IngestSummary = { run_id: runId, kind: request.kind, source: sourceName, ...counts };
    await recordRun(conn, summary, request, startedAt);
    if (request.withOutcomes) summary.outcomes = await outcomes(conn, plan, label);
    await dropStaging(conn);
    return summary;
  });
}

async function nextRunId(conn: DuckDBConnection): Promise<number> {
  const rows = (await conn.runAndReadAll(`SELECT nextval('ingest_run_seq')`)).getRowsJS();
  return Number(rows[0]?.[0]);
}

/** Marks each valid row as new or as an update (of a stored row or an earlier line), and counts. */
async function classify(conn: DuckDBConnection, plan: KindPlan): Promise<{ total: number; accepted: number; updated: number; rejected: number }> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE valid AS
    SELECT c.*, ${plan.key} AS row_key,
      row_number() OVER (PARTITION BY ${plan.key} ORDER BY line) AS nth,
      count(*) OVER (PARTITION BY ${plan.key}) AS copies,
      ${plan.key} IN (SELECT ${plan.tableKey} FROM ${plan.table}) AS existed
    FROM checked c WHERE problems IS NULL`);
  const rows = (await conn.runAndReadAll(`SELECT
      (SELECT count(*) FROM checked) AS total,
      (SELECT count(*) FROM valid WHERE nth = 1 AND NOT existed) AS accepted,
      (SELECT count(*) FROM valid) AS valid`)).getRowObjectsJS()[0]!;
  const total = Number(rows.total);
  const accepted = Number(rows.accepted);
  const valid = Number(rows.valid);
  return { total, accepted, updated: valid - accepted, rejected: total - valid };
}

async function recordRejected(conn: DuckDBConnection, runId: number, kind: InputKind, source: string, label: PositionLabel): Promise<void> {
  await conn.run(
    `INSERT INTO rejected_rows SELECT $run, $kind, $source, line, raw, $label || ' ' || line || ': ' || problems
     FROM checked WHERE problems IS NOT NULL ORDER BY line`,
    { run: runId, kind, source, label },
  );
}

async function complaintRange(conn: DuckDBConnection, runId: number): Promise<ComplaintChange> {
  const row = (await conn.runAndReadAll(`SELECT epoch_ms(min(t)) AS lo, epoch_ms(max(t)) AS hi FROM (
      SELECT received_at_v AS t FROM valid
      UNION ALL SELECT c.received_at FROM complaints c JOIN valid v ON v.complaint_id = c.complaint_id)`)).getRowObjectsJS()[0];
  const asNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return { runId, from: asNumber(row?.lo), to: asNumber(row?.hi) };
}

async function recordRun(conn: DuckDBConnection, s: IngestSummary, request: IngestRequest, startedAt: Date): Promise<void> {
  const format = 'path' in request.source ? request.source.format : 'request';
  await conn.run(
    `INSERT INTO ingest_runs VALUES ($run, $kind, $source, $format, $crs, $actor, $started::TIMESTAMPTZ, now(), $total, $accepted, $updated, $rejected)`,
    {
      run: s.run_id, kind: s.kind, source: s.source, format, crs: request.crs ?? 'wgs84',
      actor: request.actor ?? safeUser(), started: startedAt.toISOString(),
      total: s.total, accepted: s.accepted, updated: s.updated, rejected: s.rejected,
    },
  );
}

async function outcomes(conn: DuckDBConnection, plan: KindPlan, label: PositionLabel): Promise<RowOutcome[]> {
  const rows = (await conn.runAndReadAll(`
    SELECT line, CAST(row_key AS VARCHAR) AS id, CASE WHEN nth = 1 AND NOT existed THEN 'accepted' ELSE 'updated' END AS status, NULL AS reason FROM valid
    UNION ALL
    SELECT line, CAST(${plan.key} AS VARCHAR), 'rejected', problems FROM checked WHERE problems IS NOT NULL
    ORDER BY line`)).getRowObjectsJS();
  return rows.map((r) => ({
    line: Number(r.line),
    id: r.id === null ? null : String(r.id),
    status: r.status as RowOutcome['status'],
    ...(r.reason === null ? {} : { reason: `${label} ${Number(r.line)}: ${String(r.reason)}` }),
  }));
}

async function dropStaging(conn: DuckDBConnection): Promise<void> {
  for (const table of ['raw_in', 'src', 'checked', 'valid', 'geo']) await conn.run(`DROP TABLE IF EXISTS ${table}`);
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
