import { listValue, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { COVERAGE_CATEGORIES } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Params } from '../../store/database.js';
import { keyList, listParams } from '../../store/list-params.js';
import { loadSql, quoteLiteral, runScript } from '../../store/sql-files.js';
import { routeParams, routeSql } from './route-probes.js';
import { clusterReasonSql, notStickySql, readReasonSql, storedReasonSql } from './route-reasons.js';
import { TRIAGE_RULES } from './triage-rules.js';

/** The complaints a write stored or moved: a SQL condition on `complaints c` and its parameters. */
export interface WrittenComplaints {
  where: string;
  params?: Params;
  /**
   * Routed in this transaction by every rule but the cluster's (a file's complaints, as they were inserted), with the
   * reference data the triage sees now: only that rule can still move them.
   */
  routedNow?: boolean;
}

/**
 * The rows of `triage_targets` (with their rowid as row_id). `bulk`: the targets are tested by a mark join (it
 * hashes them, never `complaints`, whose transaction-local rows DuckDB does not count).
 */
function targetRows(bulk: boolean): string {
  const target = bulk
    ? 'coalesce(c.complaint_id IN (SELECT complaint_id FROM triage_targets), false)'
    : 'c.complaint_id IN (SELECT complaint_id FROM triage_targets)';
  return `SELECT c.rowid AS row_id, c.* FROM complaints c WHERE ${target}`;
}

/** Whether the complaint `c` is about coverage (SPEC §11). */
const IS_COVERAGE = `c.category IN (${COVERAGE_CATEGORIES.map(quoteLiteral).join(', ')})`;

/** The rows of `triage_rows`, which a write that names its few targets reads through the index. */
const ROWS_READ = 'SELECT * FROM triage_rows';

/**
 * Stored complaints, as probes of the rules: they are in a major cluster when an incident counts them
 * (cluster_members, SPEC §3). `bulk`: the few in a cluster are joined to their incident after the mark
 * join, and a probe is named by its rowid.
 */
function storedProbes(bulk: boolean, rows: string): string {
  const id = bulk ? 'c.row_id' : 'c.complaint_id';
  return `SELECT ${id} AS probe_id, c.received_at AS t, c.lat, c.lon, c.h3, c.cell_id, c.category,
    false AS counts, m.incident_id AS cluster_id, ${IS_COVERAGE} AS cluster_coverage
  FROM (
    SELECT * FROM (${rows}) c
      -- A route never moves back from these: routing them again would change nothing.
      WHERE ${notStickySql('c.route')}
  ) c LEFT JOIN cluster_members m USING (complaint_id)`;
}

/** A write of more complaints than this is routed with plans that hash the small side (see storedProbes). */
const BULK_WRITE = 10_000;

/**
 * As a file's complaints are inserted: the query of the incoming rows' routes (probe_id, route, route_reason) over
 * a probes query of them, which the insert joins, so a million routes are never written to a temp table first.
 * Their cluster membership is not known yet: `triageWritten` applies that rule once the incidents are refreshed.
 */
export function routeIncoming(incomingProbes: string): { sql: string; params: Params } {
  const reason = storedReasonSql('route', 'route_reason');
  return {
    sql: `SELECT probe_id, route, ${reason} AS route_reason FROM (${routeSql(incomingProbes)})`,
    params: routeParams(),
  };
}

/**
 * The write path's triage step, inside the write transaction after the incident refresh: routes the
 * written complaints that have no route yet and re-routes every member of an incident that has a written
 * member (so it moves to priority/escalate). Never moves a route back from priority/escalate.
 * @returns how many complaints changed route.
 */
export async function triageWritten(conn: DuckDBConnection, written: WrittenComplaints): Promise<number> {
  const where = `(${written.where})`;
  const params = written.params ?? {};
  const count = await conn.runAndReadAll(`SELECT count(*) FROM complaints c WHERE ${where}`, params);
  const bulk = Number(count.getRowsJS()[0]?.[0] ?? 0) > BULK_WRITE;
  const routedNow = written.routedNow ?? false;
  const clustered = routedNow ? await routeClusteredNow(conn, where, params) : 0;
  const script = loadSql(import.meta.url, bulk ? 'covered-targets-bulk' : 'covered-targets');
  await runScript(conn, script.replaceAll('__written__', where), { ...params, routed_now: routedNow });
  return clustered + (await applyRoutes(conn, bulk));
}

/**
 * The written complaints routed now that are in a cluster: those whose route comes after the cluster rule
 * (construction, optimisation) take the cluster's, with the rules' own reason; the others keep theirs (an event,
 * no point, a plan or a no-investment area decided them, and decides them still). So the rules query routes
 * only the other members of their incidents, not the tens of thousands a dense file puts in clusters.
 */
async function routeClusteredNow(conn: DuckDBConnection, where: string, params: Params): Promise<number> {
  const reader = await conn.runAndReadAll(
    `UPDATE complaints AS c
     SET route = CASE WHEN ${IS_COVERAGE} THEN 'escalate' ELSE 'priority' END,
       route_reason = ${clusterReasonSql('m.incident_id', IS_COVERAGE)}
     FROM cluster_members m
     WHERE m.complaint_id = c.complaint_id AND ${where} AND c.route IN ('construction', 'optimisation')`,
    params,
  );
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

/**
 * Re-triages every complaint received in [from, to) with today's events, sites and incidents
 * (`cellpulse triage --recompute`): idempotent, and never moves a route back from priority/escalate.
 * @returns how many complaints changed route.
 */
export async function retriage(conn: DuckDBConnection, from: string, to: string): Promise<number> {
  await conn
    .run(
      `CREATE OR REPLACE TEMP TABLE triage_targets AS SELECT complaint_id FROM complaints
       WHERE received_at >= $from::TIMESTAMPTZ AND received_at < $to::TIMESTAMPTZ`,
      { from, to },
    )
    .catch(() => {
      const message = 'from and to are ISO-8601 times (e.g. 2026-10-01T00:00:00+08:00)';
      throw new CellpulseError('invalid_parameter', message, `${from} ${to}`);
    });
  return applyRoutes(conn, false);
}

/**
 * `triageWritten` for a write that knows its targets: the live path, whose complaints are routed before
 * the insert, re-routes only the members of the incidents they are in (named by the incident refresh).
 * @returns how many complaints changed route.
 */
export async function triageComplaints(conn: DuckDBConnection, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  // A plain filter on complaint_id probes the index (a semi-join would hash every stored id: ~40 ms at 10M).
  const { sql, params } = keyList(ids);
  const read = `SELECT rowid AS row_id, * FROM complaints WHERE complaint_id IN (${sql})`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE triage_rows AS ${read}`, params);
  await routeTargets(conn, false, ROWS_READ);
  const changed = await writeRoutes(conn, false);
  for (const table of ['triage_rows', 'triage_result']) await conn.run(`DROP TABLE IF EXISTS ${table}`);
  return changed;
}

/** Routes `triage_targets` with every rule and writes the routes that change (sticky ones stay). */
async function applyRoutes(conn: DuckDBConnection, bulk: boolean): Promise<number> {
  // Most writes route everything before the insert and join no cluster: nothing is left to route.
  const targets = Number((await conn.runAndReadAll('SELECT count(*) FROM triage_targets')).getRowsJS()[0]?.[0] ?? 0);
  if (targets > 0) await routeTargets(conn, bulk, targetRows(bulk));
  const changed = targets === 0 ? 0 : await writeRoutes(conn, bulk);
  for (const table of ['triage_targets', 'triage_result']) {
    await conn.run(`DROP TABLE IF EXISTS ${table}`);
  }
  return changed;
}

/** Routes the target rows (`rows`, a SELECT as `targetRows` gives them) into `triage_result`. */
async function routeTargets(conn: DuckDBConnection, bulk: boolean, rows: string): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE triage_result AS
     SELECT probe_id, route, route_reason FROM (${routeSql(storedProbes(bulk, rows))})`,
    routeParams(bulk ? undefined : await targetsSpan(conn, rows)),
  );
}

/**
 * The span of the weak-coverage windows of the targets the rule asks (located coverage complaints in
 * no cluster), two days wider than weakDays for changes of UTC offset; an empty span when it asks none,
 * as after a live write whose complaints joined an incident: its few targets then count no stored
 * complaint, rather than scanning a history. `rows`: the targets' rows (`targetRows`, or the index-read `triage_rows`).
 */
async function targetsSpan(conn: DuckDBConnection, rows: string): Promise<{ from: string; to: string }> {
  const reader = await conn.runAndReadAll(
    `SELECT CAST(min(received_at) - to_days(CAST($days AS INTEGER)) AS VARCHAR) AS lo,
       CAST(max(received_at) AS VARCHAR) AS hi
     FROM (${rows}) c WHERE c.h3 IS NOT NULL AND c.category IN (SELECT unnest($coverage))
       AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.complaint_id = c.complaint_id)`,
    { days: TRIAGE_RULES.weakDays + 2, coverage: listValue([...COVERAGE_CATEGORIES]) },
  );
  const [lo, hi] = reader.getRowsJS()[0] ?? [];
  return typeof lo === 'string' && typeof hi === 'string' ? { from: lo, to: hi } : NO_SPAN;
}

const NO_SPAN = { from: 'infinity', to: '-infinity' };

/**
 * Writes the routes of `routes` (a table or a parenthesised SELECT of probe_id, route, route_reason; by default
 * `triage_result`, its probes named as `storedProbes(bulk)` names them) that change a stored route; a route never
 * moves back from priority/escalate. @returns how many complaints changed route.
 */
async function writeRoutes(
  conn: DuckDBConnection,
  bulk: boolean,
  routes = 'triage_result',
  params?: Params,
  types?: Record<string, DuckDBType>,
): Promise<number> {
  const key = bulk ? 'complaints.rowid' : 'complaints.complaint_id';
  const reader = await conn.runAndReadAll(
    `UPDATE complaints SET route = r.route, route_reason = ${storedReasonSql('r.route', 'r.route_reason')}
    FROM ${routes} r
    WHERE ${key} = r.probe_id AND ${notStickySql('complaints.route')}
      AND (complaints.route IS DISTINCT FROM r.route
        OR ${readReasonSql('complaints.route', 'complaints.route_reason')} IS DISTINCT FROM r.route_reason)`,
    params,
    types,
  );
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

/**
 * Stores routes decided outside the rules query (the live path's cluster members, decided in memory) by the
 * same UPDATE as the rules' routes: only changes are written, and never over priority/escalate.
 * @returns how many complaints changed route.
 */
export async function storeRoutes(
  conn: DuckDBConnection,
  routes: readonly { id: string; route: string; route_reason: string }[],
): Promise<number> {
  if (routes.length === 0) return 0;
  const listed = listParams(routes, {
    ids: [(r) => r.id, VARCHAR],
    routes: [(r) => r.route, VARCHAR],
    reasons: [(r) => r.route_reason, VARCHAR],
  });
  const source = '(SELECT unnest($ids) AS probe_id, unnest($routes) AS route, unnest($reasons) AS route_reason)';
  return writeRoutes(conn, false, source, listed.values, listed.types);
}
