import { BOOLEAN, BIGINT, DOUBLE, LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import {
  applyCounted,
  COUNTED_COLUMNS,
  countedOf,
  type CountedChange,
  type CountedRow,
} from '../analytics/aggregates/complaint-aggregates.js';
import { storedReason } from '../analytics/triage/route-reasons.js';
import type { Category } from '../domain/enums.js';
import type { DatabaseSettings } from '../store/settings.js';
import { keyList, listParams } from '../store/list-params.js';
import { readPrepared } from '../store/prepared-statements.js';
import { loadSql } from '../store/sql-files.js';
import { gcj02ToWgs84, type Crs } from './gcj02.js';
import { recordRun, type IngestSummary, type RowOutcome } from './ingest.js';
import { checkComplaintItems, type CheckedItem, type ValidComplaint } from './live-check.js';
import type { StoredIds } from './live-stored-ids.js';

/** A live batch of complaints (a request body). */
export interface LiveRequest {
  items: readonly unknown[];
  /** The source name kept with the run and its rejected rows. */
  name: string;
  crs?: Crs;
  actor?: string;
  /** false: complaints are stored unrouted (benchmarks compare the cost of triage). Default true. */
  triage?: boolean;
}

/** Where a complaint counts for clusters: its category, hexagon and received_at (epoch ms). */
export interface ComplaintPlace {
  complaint_id: string;
  category: Category;
  h3: string | null;
  t: number;
  /** received_at in epoch µs (exact). */
  us: bigint;
}

/** A complaint a live batch wrote: its place, and the city and point (WGS-84) detection reports. */
export interface WrittenPlace extends ComplaintPlace {
  city: string;
  lat: number | null;
  lon: number | null;
}

/** What a live batch wrote: its summary with every row's outcome, and the places it changed. */
export interface LiveWrite {
  summary: IngestSummary & { outcomes: RowOutcome[] };
  /** The complaints written (new and replaced), as stored now. */
  written: WrittenPlace[];
  /** The stored versions the batch replaced, as they were. */
  replaced: ComplaintPlace[];
  /** Rows appended to the aggregates' delta tables (folded later: analytics/aggregates/aggregate-deltas.ts). */
  aggregateRows: number;
}

/** A route and its reason for each located row, in order (the service's triage; ingest knows no rules). */
export type RouteRows = (
  conn: DuckDBConnection,
  rows: readonly LocatedRow[],
  replaced: readonly ComplaintPlace[],
) => Promise<readonly { route: string; route_reason: string }[]>;

/**
 * Writes a small batch of complaints on the caller's connection and transaction, without the
 * file machinery: rows are judged in process (the same rules and reasons as files), located
 * in process (GCJ-02, H3, else the cell's site), looked up by key through the index on
 * complaints.complaint_id (only the ids `held`, when given, may hold), and written by one statement
 * each (the later item of an id wins).
 */
export async function ingestLive(
  conn: DuckDBConnection,
  settings: DatabaseSettings,
  request: LiveRequest,
  route?: RouteRows,
  held?: StoredIds,
): Promise<LiveWrite> {
  const startedAt = new Date();
  const checked = await checkComplaintItems(conn, request.items, request.name);
  const winners = lastItemOfEachId(checked);
  // Ids the held filter has never seen are surely new: only the others are looked up.
  const maybe = [...winners.keys()].filter((id) => !held || held.mayHold(id));
  const storedBefore = new Set(await storedIds(conn, maybe));
  const outcomes = outcomesOf(checked, storedBefore);
  const counts = { kind: 'complaints' as const, source: request.name, ...countsOf(outcomes) };
  // The run's row first (its counts are known now): it draws the run id in the same statement.
  const record = { format: 'request', crs: request.crs, actor: request.actor };
  const runId = await recordRun(conn, counts, record, startedAt);
  const rows = await locate(conn, [...winners.values()], settings.h3Resolution, request.crs ?? 'wgs84');
  const members = await storedMembers(conn, [...storedBefore]);
  const stored = await deleteStored(conn, [...storedBefore]);
  // Routed once the rows they replace are gone, so weak-coverage counts see the batch as it will be stored.
  const routes = route && rows.length > 0 ? await route(conn, rows, [...stored.values()]) : undefined;
  const inserted = await insertRows(conn, rows, runId, routes);
  // The aggregates lose the replaced rows and gain the written ones, from the rows in hand: nothing is read back.
  const gone = [...stored.values()].map(
    (p): CountedChange => ({ row: p.counted, sign: -1, member: members.has(p.complaint_id) }),
  );
  const aggregateRows = await applyCounted(conn, [
    ...gone,
    ...inserted.map((r): CountedChange => ({ row: r, sign: 1, member: members.has(r.complaint_id) })),
  ]);
  await recordRejected(conn, runId, request.name, checked);
  const summary = { run_id: runId, ...counts, outcomes };
  const replaced = [...stored.values()].map(({ counted: _, ...p }) => p);
  return { summary, written: rows.map(placeOf), replaced, aggregateRows };
}

function lastItemOfEachId(checked: readonly CheckedItem[]): Map<string, ValidComplaint> {
  const winners = new Map<string, ValidComplaint>();
  for (const c of checked) {
    if (!c.row) continue;
    winners.delete(c.row.complaint_id); // re-inserted, so the map keeps the order of the winning lines
    winners.set(c.row.complaint_id, c.row);
  }
  return winners;
}

/** A stored complaint a batch replaces: where it counts for clusters and what it counted for in the aggregates. */
interface StoredRow extends ComplaintPlace {
  counted: CountedRow;
}

/**
 * The ids among `ids` that are stored. Only the ids are read: planning the counted columns costs
 * about a millisecond a statement even when no row matches (most batches carry new ids only).
 */
async function storedIds(conn: DuckDBConnection, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { sql, params } = keyList(ids);
  // Prepared once per batch size: every request runs it.
  const reader = await readPrepared(conn, `SELECT complaint_id FROM complaints WHERE complaint_id IN (${sql})`, params);
  return reader.getRowsJS().map((r) => String(r[0]));
}

/** Deletes the stored versions of `ids`; answers them as they were (one statement: the read is the delete's). */
async function deleteStored(conn: DuckDBConnection, ids: readonly string[]): Promise<Map<string, StoredRow>> {
  if (ids.length === 0) return new Map();
  const { sql, params } = keyList(ids);
  const rows = (
    await readPrepared(
      conn,
      `DELETE FROM complaints WHERE complaint_id IN (${sql})
       RETURNING complaint_id, epoch_ms(received_at) AS t, epoch_us(received_at) AS us, ${COUNTED_COLUMNS}`,
      params,
    )
  ).getRowObjectsJS();
  return new Map(
    rows.map((r) => {
      const counted = r as unknown as CountedRow;
      const id = String(r.complaint_id);
      const place = { complaint_id: id, category: counted.category as Category, h3: counted.h3, t: Number(r.t) };
      return [id, { ...place, us: BigInt(r.us as bigint), counted }];
    }),
  );
}

/**
 * The stored ids the batch replaces that cluster_members holds: the membership their aggregates were
 * counted with, and their new versions keep until the incidents are refreshed. A new id is in no
 * cluster, so a batch of new ids reads nothing.
 */
async function storedMembers(conn: DuckDBConnection, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { sql, params } = keyList(ids);
  const query = `SELECT complaint_id FROM cluster_members WHERE complaint_id IN (${sql})`;
  return new Set((await conn.runAndReadAll(query, params)).getRowsJS().map((r) => String(r[0])));
}

/** A winning row with its point (WGS-84) and hexagon: the given point, else its cell's site, else none. */
export interface LocatedRow extends ValidComplaint {
  lat: number | null;
  lon: number | null;
  h3: string | null;
  located_by: 'point' | 'cell' | null;
}

async function locate(
  conn: DuckDBConnection,
  rows: readonly ValidComplaint[],
  resolution: number,
  crs: Crs,
): Promise<LocatedRow[]> {
  const cells = [...new Set(rows.filter((r) => !r.point && r.cell_id !== null).map((r) => r.cell_id!))];
  const sites = await siteCells(conn, cells);
  return rows.map((r) => {
    if (r.point) {
      const [lat, lon] = crs === 'gcj02' ? gcj02ToWgs84(r.point.lat, r.point.lon) : [r.point.lat, r.point.lon];
      return { ...r, lat, lon, h3: latLngToCell(lat, lon, resolution), located_by: 'point' };
    }
    const site = r.cell_id === null ? undefined : sites.get(r.cell_id);
    if (site) return { ...r, ...site, located_by: 'cell' };
    return { ...r, lat: null, lon: null, h3: null, located_by: null };
  });
}

type SitePoint = { lat: number; lon: number; h3: string };

async function siteCells(conn: DuckDBConnection, cellIds: readonly string[]): Promise<Map<string, SitePoint>> {
  if (cellIds.length === 0) return new Map();
  const { sql, params } = keyList(cellIds);
  const query = `SELECT cell_id, lat, lon, h3 FROM cell_sites WHERE cell_id IN (${sql})`;
  const rows = (await conn.runAndReadAll(query, params)).getRowObjectsJS();
  return new Map(rows.map((r) => [String(r.cell_id), { lat: Number(r.lat), lon: Number(r.lon), h3: String(r.h3) }]));
}

/** Inserts the rows; returns what each counts for in the aggregates (its local day as DuckDB stored it). */
async function insertRows(
  conn: DuckDBConnection,
  rows: readonly LocatedRow[],
  runId: number,
  routes?: readonly { route: string; route_reason: string }[],
): Promise<(CountedRow & { complaint_id: string })[]> {
  if (rows.length === 0) return [];
  const all = listParams(rows, {
    ids: [(r) => r.complaint_id, VARCHAR],
    received: [(r) => r.received_us, BIGINT],
    cities: [(r) => r.city, VARCHAR],
    categories: [(r) => r.category, VARCHAR],
    technologies: [(r) => r.technology, VARCHAR],
    h3: [(r) => r.h3, VARCHAR],
    replied: [(r) => r.replied_us, BIGINT],
    resolved: [(r) => r.resolved_us, BIGINT],
    resolutions: [(r) => r.resolution, VARCHAR],
    satisfied: [(r) => r.satisfied, BOOLEAN],
    lats: [(r) => r.lat, DOUBLE],
    lons: [(r) => r.lon, DOUBLE],
    located_by: [(r) => r.located_by, VARCHAR],
    cell_ids: [(r) => r.cell_id, VARCHAR],
    routes: [(_, i) => routes?.[i]?.route ?? null, VARCHAR],
    route_reasons: [(_, i) => storedReason(routes?.[i]?.route ?? null, routes?.[i]?.route_reason ?? null), VARCHAR],
  });
  // Only the local day comes back: the rest of what a row counts for is worked out from the row in hand.
  const sql = `${loadSql(import.meta.url, 'insert-live-complaints')}
    RETURNING complaint_id, strftime(received_at, '%Y-%m-%d') AS day`;
  const reader = await readPrepared(conn, sql, { ...all.values, run: runId }, all.types);
  const days = new Map(reader.getRowsJS().map((r) => [String(r[0]), String(r[1])]));
  return rows.map((r) => ({ complaint_id: r.complaint_id, ...countedOf(r, days.get(r.complaint_id)!) }));
}

async function recordRejected(
  conn: DuckDBConnection,
  runId: number,
  source: string,
  checked: readonly CheckedItem[],
): Promise<void> {
  const bad = checked.filter((c) => c.problems !== undefined);
  if (bad.length === 0) return;
  await conn.run(
    `INSERT INTO rejected_rows
     SELECT $run, 'complaints', $source, unnest($lines), unnest($raws), unnest($reasons)`,
    {
      run: runId,
      source,
      lines: listValue(bad.map((c) => BigInt(c.item))),
      raws: listValue(bad.map((c) => c.raw)),
      reasons: listValue(bad.map((c) => `item ${c.item}: ${c.problems}`)),
    },
    { lines: LIST(BIGINT), raws: LIST(VARCHAR), reasons: LIST(VARCHAR) },
  );
}

/** Accepted: the first item of an id not stored before; every other valid item updates. */
function outcomesOf(checked: readonly CheckedItem[], stored: ReadonlySet<string>): RowOutcome[] {
  const seen = new Set<string>();
  return checked.map((c) => {
    if (!c.row) return { line: c.item, id: c.id, status: 'rejected', reason: `item ${c.item}: ${c.problems}` };
    const id = c.row.complaint_id;
    const status = seen.has(id) || stored.has(id) ? 'updated' : 'accepted';
    seen.add(id);
    return { line: c.item, id, status };
  });
}

function countsOf(outcomes: readonly RowOutcome[]): Pick<IngestSummary, 'total' | 'accepted' | 'updated' | 'rejected'> {
  const count = (s: RowOutcome['status']): number => outcomes.filter((o) => o.status === s).length;
  return {
    total: outcomes.length,
    accepted: count('accepted'),
    updated: count('updated'),
    rejected: count('rejected'),
  };
}

function placeOf(r: LocatedRow): WrittenPlace {
  const t = Number(r.received_us / 1000n);
  const point = { city: r.city, lat: r.lat, lon: r.lon };
  return { complaint_id: r.complaint_id, category: r.category, h3: r.h3, t, us: r.received_us, ...point };
}
