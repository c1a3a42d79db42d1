import type { DuckDBConnection } from '@duckdb/node-api';
import { userInfo } from 'node:os';
import { addRows, applyComplaintRows } from '../analytics/aggregates/complaint-aggregates.js';
import type { InputKind } from '../domain/enums.js';
import type { Database, DataTopic, Params } from '../store/database.js';
import { loadSql, runScript } from '../store/sql-files.js';
import { checkRows, withInsertionOrder } from './check-rows.js';
import { readPrepared } from '../store/prepared-statements.js';
import type { Crs } from './gcj02.js';
import { KIND_PLANS, type KindPlan } from './kinds.js';
import { warmUpLocator, writeGeo } from './locate-points.js';
import { explainRefusal, prepareSource, type PreparedFile, type ReadableFile } from './prepare-source.js';
import {
  asRefusal,
  readSource,
  type PositionLabel,
  type RecordSource,
  type Source,
  type SourceTable,
} from './read-source.js';

export type IngestStage = 'read' | 'check' | 'locate' | 'write';

/** Progress of one ingest; `done`/`total` count rows within the stage when known. */
export type OnProgress = (stage: IngestStage, done?: number, total?: number) => void;

/**
 * The span of located complaints an ingest may have changed, for whoever keeps derived tables
 * (incidents) in step: complaints written or replaced, or complaints whose cell's site moved.
 */
export interface ComplaintChange {
  runId: number;
  /** Earliest and latest received_at (epoch ms) concerned; null when none. */
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
  /**
   * Routes incoming complaints as they are inserted (triage): given a query of them as probes, the query of
   * their routes (probe_id = line, route, route_reason), which the insert joins.
   */
  routeIncoming?: (incomingProbes: string) => IncomingRoutes;
  /**
   * Runs inside the ingest's transaction once the rows are written (the incident refresh and the
   * steps after it); for kinds that move no complaint the range is empty. The run's complaints are added
   * to the aggregates after it (see trackMembership).
   */
  afterComplaints?: (conn: DuckDBConnection, change: ComplaintChange) => Promise<void>;
}

/** A query of the incoming complaints' routes and its parameters. */
export interface IncomingRoutes {
  sql: string;
  params: Params;
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
  const startedAt = new Date();
  if (KIND_PLANS[request.kind].hasPoints) warmUpLocator();
  request.onProgress?.('read');
  // Transcoding and workbook reading happen before the transaction, so the writer waits for neither.
  const source = request.source;
  const touches = { touches: KIND_TOPICS[request.kind] };
  if (!('path' in source)) {
    return db.write((conn) => ingestInTransaction(conn, db, request, source, startedAt), touches);
  }
  const prepared: PreparedFile = await prepareSource(source).catch((error: unknown) => {
    throw asRefusal(error, source.path);
  });
  try {
    return await db.write((conn) => ingestInTransaction(conn, db, request, prepared.file, startedAt), touches);
  } catch (error) {
    throw await explainRefusal(error, prepared);
  } finally {
    await prepared.release();
  }
}

async function ingestInTransaction(
  conn: DuckDBConnection,
  db: Database,
  request: IngestRequest,
  readable: ReadableFile | RecordSource,
  startedAt: Date,
): Promise<IngestSummary> {
  const plan = KIND_PLANS[request.kind];
  const sourceName = 'path' in request.source ? request.source.path : request.source.name;
  const progress: OnProgress = request.onProgress ?? (() => undefined);
  const table = await readSource(conn, request.kind, readable);
  // Only a read that numbers rows by position must keep the file's order (the check of a CSV file asks for it); the
  // other checks and the insert carry their line or sort, and run faster without it (the insert, by half, in parallel).
  const { runId, counts, change } = await withInsertionOrder(conn, false, async () => {
    const checked = await checkAndLocate(conn, db, request, plan, table, sourceName, progress);
    progress('write');
    if (request.kind === 'complaints') await insertComplaints(conn, request, checked.runId);
    else await runScript(conn, loadSql(import.meta.url, plan.insert), { run: checked.runId });
    const aggregated = AGGREGATED_COMPLAINTS[request.kind];
    if (aggregated && !aggregated.staged) await applyComplaintRows(conn, 1, aggregated.after);
    return checked;
  });
  if (request.afterComplaints) await request.afterComplaints(conn, change ?? { runId, from: null, to: null });
  const staged = AGGREGATED_COMPLAINTS[request.kind];
  // The run's rows are the rows just written, counted as they are (no replaced row to subtract), once the incident
  // refresh has settled their cluster membership: none has to be moved to the 2 h reply limit after.
  if (staged?.staged) await withInsertionOrder(conn, false, () => addRows(conn, staged.after, { run: runId }));
  const summary: IngestSummary = { run_id: runId, kind: request.kind, source: sourceName, ...counts };
  const format = 'path' in request.source ? request.source.format : 'request';
  await recordRun(conn, summary, { format, crs: request.crs, actor: request.actor }, startedAt);
  if (request.withOutcomes) summary.outcomes = await outcomes(conn, plan, table.label);
  await dropStaging(conn);
  return summary;
}

/** What an ingest of each kind can change, for the caches keyed by topic (the incident refresh included). */
export const KIND_TOPICS: Record<InputKind, readonly DataTopic[]> = {
  complaints: ['complaints', 'incidents', 'newest', 'runs'],
  // New site positions relocate the complaints that named the cell.
  sites: ['sites', 'complaints', 'incidents', 'runs'],
  subscribers: ['subscribers', 'runs'],
  events: ['events', 'runs'],
};

/**
 * Checks every row, groups keys, records rejects and deletes replaced rows while the worker
 * threads locate the points; leaves `valid` and `geo` ready for the insert script.
 */
async function checkAndLocate(
  conn: DuckDBConnection,
  db: Database,
  request: IngestRequest,
  plan: KindPlan,
  table: SourceTable,
  sourceName: string,
  progress: OnProgress,
): Promise<{ runId: number; counts: Omit<Counts, 'existing'>; change: ComplaintChange | undefined }> {
  const locating = await checkRows(conn, {
    plan,
    table,
    resolution: db.settings.h3Resolution,
    crs: request.crs ?? 'wgs84',
    ...('path' in request.source ? { path: request.source.path } : {}),
    onCheck: () => progress('check'),
  });
  progress('locate', 0, locating?.total ?? 0);
  const runId = await nextRunId(conn);
  const { existing, ...counts } = await classify(conn, plan);
  if (counts.rejected > 0) await recordRejected(conn, runId, request.kind, sourceName, table);
  const change = request.afterComplaints ? await complaintRange(conn, request.kind, runId) : undefined;
  const aggregated = AGGREGATED_COMPLAINTS[request.kind];
  // New complaint ids replace nothing: no need to look for their old rows.
  if (aggregated && (request.kind !== 'complaints' || existing > 0)) {
    await applyComplaintRows(conn, -1, aggregated.before);
  }
  if (existing > 0) {
    await conn.run(
      `DELETE FROM ${plan.table} WHERE ${plan.tableKey} IN (SELECT row_key FROM valid_keys WHERE existed)`,
    );
  }
  if (locating) progress('locate', await writeGeo(conn, locating), locating.total);
  return { runId, counts, change };
}

/**
 * Inserts the staged complaints (the winning lines, located once) with the caller's routes for them, if any. The
 * staged rows are a CTE of the insert that the routes' probes read too: no million-row temp table is written.
 */
async function insertComplaints(conn: DuckDBConnection, request: IngestRequest, runId: number): Promise<void> {
  const routes = request.routeIncoming?.(loadSql(import.meta.url, 'incoming-probes'));
  const sql = loadSql(import.meta.url, 'insert-complaints')
    .replace('__materialized__', routes ? 'MATERIALIZED' : 'NOT MATERIALIZED')
    .replace('__staged__', () => loadSql(import.meta.url, 'stage-complaints'))
    // Without routes, no join: DuckDB would hash the million staged rows to probe them with none.
    .replace('__route_columns__', routes ? 'r.route, r.route_reason' : 'NULL, NULL')
    .replace('__routes__', () => (routes ? `LEFT JOIN (${routes.sql}) r ON r.probe_id = c.line` : ''));
  await conn.run(sql, { ...routes?.params, run: runId });
}

async function nextRunId(conn: DuckDBConnection): Promise<number> {
  const rows = (await conn.runAndReadAll(`SELECT nextval('ingest_run_seq')`)).getRowsJS();
  return Number(rows[0]?.[0]);
}

interface Counts {
  total: number;
  accepted: number;
  updated: number;
  rejected: number;
  /** Keys already stored (their rows are replaced). */
  existing: number;
}

/**
 * Groups the valid rows by key: the last line of a key wins (into `valid`); a key is new when no
 * stored row has it, and every other valid row counts as an update (of a stored row or an earlier line).
 * `valid_keys` keeps only the keys a write acts on: given more than once (their earlier lines are
 * superseded) or already stored (their rows are replaced). Every other valid row is a new key, given once.
 */
async function classify(conn: DuckDBConnection, plan: KindPlan): Promise<Counts> {
  // The stored table is probed with the file's keys (hashed, their range pushed into its scan), so a file of new
  // ids skips the row groups of older ones instead of hashing every stored key.
  await conn.run(`CREATE OR REPLACE TEMP TABLE valid_keys AS
    SELECT * FROM (
      WITH k AS (SELECT ${plan.key} AS row_key, min(line) AS first_line, max(line) AS last_line, count(*) AS copies
                 FROM checked WHERE problems IS NULL GROUP BY 1)
      SELECT row_key, first_line, last_line, copies,
        row_key IN (SELECT ${plan.tableKey} FROM ${plan.table} SEMI JOIN k ON ${plan.tableKey} = k.row_key) AS existed
      FROM k)
    WHERE copies > 1 OR existed`);
  // The few lines a later line of the same key replaces, so `valid` is an anti-join against a
  // small table instead of a join against every key.
  await conn.run(`CREATE OR REPLACE TEMP TABLE superseded AS
    SELECT c.line FROM checked c JOIN valid_keys k ON k.row_key = ${plan.key}
    WHERE c.problems IS NULL AND k.copies > 1 AND c.line <> k.last_line`);
  await conn.run(
    'CREATE OR REPLACE TEMP VIEW valid AS SELECT c.* FROM checked c ANTI JOIN superseded s ' +
      'ON s.line = c.line WHERE c.problems IS NULL',
  );
  const rows = (
    await conn.runAndReadAll(`SELECT count(*) AS total, count(*) FILTER (WHERE problems IS NULL) AS valid,
      (SELECT count(*) FROM valid_keys WHERE existed) AS existing,
      (SELECT coalesce(sum(copies - 1), 0) FROM valid_keys) AS repeats
    FROM checked`)
  ).getRowObjectsJS()[0]!;
  const [total, valid, existing] = [Number(rows.total), Number(rows.valid), Number(rows.existing)];
  const accepted = valid - Number(rows.repeats) - existing;
  return { total, accepted, updated: valid - accepted, rejected: total - valid, existing };
}

async function recordRejected(
  conn: DuckDBConnection,
  runId: number,
  kind: InputKind,
  source: string,
  table: SourceTable,
): Promise<void> {
  // The raw text (to_json of a whole row) is made for the rejected lines only: by the check, or now.
  const rows = table.rawRows
    ? `SELECT c.line, c.problems, r.raw FROM bad c JOIN (${table.rawRows('SELECT line FROM bad')}) r ON r.line = c.line`
    : 'SELECT line, problems, raw FROM bad';
  await conn.run(
    `INSERT INTO rejected_rows
     WITH bad AS MATERIALIZED (SELECT line, problems, raw FROM checked WHERE problems IS NOT NULL)
     SELECT $run, $kind, $source, line, raw, $label || ' ' || line || ': ' || problems FROM (${rows})
     ORDER BY line`,
    { run: runId, kind, source, label: table.label },
  );
}

const CHANGED_COMPLAINTS: Partial<Record<InputKind, string>> = {
  complaints: `SELECT received_at_v AS t FROM valid
    UNION ALL SELECT received_at FROM complaints WHERE complaint_id IN (SELECT row_key FROM valid_keys WHERE existed)`,
  sites: `SELECT received_at AS t FROM complaints
    WHERE located_by IS DISTINCT FROM 'point' AND cell_id IN (SELECT cell_id FROM valid)`,
};

const SITE_COMPLAINTS = `SELECT * FROM complaints
  WHERE located_by IS DISTINCT FROM 'point' AND cell_id IN (SELECT cell_id FROM valid)`;

/**
 * The complaint rows whose aggregate contribution a write changes (analytics/aggregates): before
 * the replaced rows are deleted or the sites' positions applied, and after the insert script
 * (`staged`: the rows the run wrote, which replaced nothing left in `complaints`).
 */
const AGGREGATED_COMPLAINTS: Partial<Record<InputKind, { before: string; after: string; staged: boolean }>> = {
  complaints: {
    before: 'SELECT * FROM complaints WHERE complaint_id IN (SELECT row_key FROM valid_keys WHERE existed)',
    after: 'SELECT * FROM complaints WHERE run_id = $run',
    staged: true,
  },
  sites: { before: SITE_COMPLAINTS, after: SITE_COMPLAINTS, staged: false },
};

async function complaintRange(
  conn: DuckDBConnection,
  kind: InputKind,
  runId: number,
): Promise<ComplaintChange | undefined> {
  const changed = CHANGED_COMPLAINTS[kind];
  if (changed === undefined) return undefined;
  const row = (
    await conn.runAndReadAll(`SELECT epoch_ms(min(t)) AS lo, epoch_ms(max(t)) AS hi FROM (${changed})`)
  ).getRowObjectsJS()[0];
  const asNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return { runId, from: asNumber(row?.lo), to: asNumber(row?.hi) };
}

/** What `ingest_runs` keeps of how a run was asked for. */
export interface RunRecord {
  format: string;
  crs?: Crs;
  actor?: string;
}

/** Writes the `ingest_runs` row of a run (file or request body); answers its run id. */
export async function recordRun(
  conn: DuckDBConnection,
  s: Omit<IngestSummary, 'run_id'> & { run_id?: number },
  run: RunRecord,
  startedAt: Date,
): Promise<number> {
  // Every live write records its run: prepared once per connection; without a run id it draws one (a statement less).
  const reader = await readPrepared(
    conn,
    `INSERT INTO ingest_runs VALUES (${s.run_id === undefined ? "nextval('ingest_run_seq')" : '$run'}, $kind, $source,
      $format, $crs, $actor, $started::TIMESTAMPTZ, now(), $total, $accepted, $updated, $rejected) RETURNING run_id`,
    {
      ...(s.run_id === undefined ? {} : { run: s.run_id }),
      kind: s.kind,
      source: s.source,
      format: run.format,
      crs: run.crs ?? 'wgs84',
      actor: run.actor ?? safeUser(),
      started: startedAt.toISOString(),
      total: s.total,
      accepted: s.accepted,
      updated: s.updated,
      rejected: s.rejected,
    },
  );
  return Number(reader.getRowsJS()[0]?.[0]);
}

async function outcomes(conn: DuckDBConnection, plan: KindPlan, label: PositionLabel): Promise<RowOutcome[]> {
  const rows = (
    await conn.runAndReadAll(`
    SELECT c.line, CAST(c.row_key AS VARCHAR) AS id,
      CASE WHEN k.row_key IS NULL OR (c.line = k.first_line AND NOT k.existed) THEN 'accepted' ELSE 'updated' END
        AS status, NULL AS reason
    FROM (SELECT line, ${plan.key} AS row_key FROM checked WHERE problems IS NULL) c
    LEFT JOIN valid_keys k ON k.row_key = c.row_key
    UNION ALL
    SELECT line, CAST(${plan.key} AS VARCHAR), 'rejected', problems FROM checked WHERE problems IS NOT NULL
    ORDER BY line`)
  ).getRowObjectsJS();
  return rows.map((r) => ({
    line: Number(r.line),
    id: r.id === null ? null : String(r.id),
    status: r.status as RowOutcome['status'],
    ...(r.reason === null ? {} : { reason: `${label} ${Number(r.line)}: ${String(r.reason)}` }),
  }));
}

async function dropStaging(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    'DROP VIEW IF EXISTS valid; DROP VIEW IF EXISTS src; DROP VIEW IF EXISTS geo; DROP VIEW IF EXISTS checked',
  );
  const tables = ['raw_in', 'csv_lines', 'checked_rows', 'valid_keys', 'superseded', 'geo_cells'];
  for (const table of tables) await conn.run(`DROP TABLE IF EXISTS ${table}`);
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
