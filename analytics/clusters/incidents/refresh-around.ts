import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { gridDisk } from 'h3-js';
import type { Category } from '../../../domain/enums.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import type { DetectedIncident } from '../rule.js';
import { columnarClusters } from '../detector/columnar-detector.js';
import {
  changeOf,
  fingerprintOf,
  NO_INCIDENT_CHANGE,
  readStoredIncidents,
  type IncidentChange,
  type StoredIncident,
} from './incident-change.js';
import { carryHandlingOver, handledMembers } from '../../alerts/incident-handling.js';
import { deleteIncidents, insertIncidents, readInsertedIncidents } from './incident-writer.js';
import { readPrepared } from '../../../store/prepared-statements.js';
import type { RegionSource } from './recent-complaints.js';

const HOUR = 3_600_000;
/**
 * How far around a changed complaint, and around every incident met, detection looks. A group
 * holding a complaint spans hexagons within 2 of it and windows within an hour of it; a group
 * that touches an incident's group reaches one hexagon and one window further. So once the
 * region holds an incident with this margin, its detection there is whole.
 */
const RING = 3;
const MARGIN_MS = 2 * HOUR;

/** Where a changed complaint counts (or counted) for clusters; unlocated ones (h3 null) count nowhere. */
export interface ChangedPlace {
  complaint_id: string;
  category: Category;
  h3: string | null;
  /** received_at, epoch ms. */
  t: number;
}

interface RegionCell {
  category: Category;
  h3: string;
  lo: number;
  hi: number;
}

/** Per (category, hexagon) the time span to re-detect over: only ever grows. */
class Region {
  readonly cells = new Map<string, RegionCell>();

  /** Covers the ring around `hexes` over [lo, hi] widened by the margin; whether anything was added. */
  cover(category: Category, hexes: readonly string[], lo: number, hi: number): boolean {
    let grew = false;
    for (const h of new Set(hexes.flatMap((hex) => gridDisk(hex, RING)))) {
      const key = `${category}|${h}`;
      const cell = this.cells.get(key);
      if (cell && cell.lo <= lo - MARGIN_MS && cell.hi >= hi + MARGIN_MS) continue;
      const from = Math.min(cell?.lo ?? Infinity, lo - MARGIN_MS);
      this.cells.set(key, { category, h3: h, lo: from, hi: Math.max(cell?.hi ?? -Infinity, hi + MARGIN_MS) });
      grew = true;
    }
    return grew;
  }
}

/** What a local refresh changed, with the cluster memberships it touched (for the KPI aggregates and triage). */
export interface LocalRefresh {
  change: IncidentChange;
  /** Members of the stored incidents it deleted: only these can have left a cluster. */
  membersBefore: string[];
  /** Members of the incidents it wrote: only these can have joined one. */
  membersAfter: string[];
  /**
   * Members of every incident that holds a changed complaint after the refresh (written or left as it was),
   * each with its incident's id.
   */
  clustered: ReadonlyMap<string, string>;
}

const NOTHING: LocalRefresh = { change: NO_INCIDENT_CHANGE, membersBefore: [], membersAfter: [], clustered: new Map() };

/**
 * Re-detects the incidents that complaints changed at `written` (new versions) and `replaced`
 * (the stored versions they replaced) can touch, and replaces only those, on the caller's transaction.
 * Detection runs on the complaints of the same category around those places (±2 h, 3 rings).
 * The incidents to write are the detected ones holding a changed complaint; the stored ones to
 * replace hold a changed id; and each side adds those sharing a complaint with the other. The
 * region widens to hold all of them with the same margin until nothing is added, so a chain of
 * groups is never cut and the result equals detection over all data — without walking through
 * incidents that are merely near. Incidents whose fields did not change are left as they are.
 * When nothing replaced was stored and no detected incident holds a changed complaint, no stored
 * incident can hold one either: the stored incidents are not read at all (most live writes).
 * `recent`, when given, holds the located complaints as this transaction sees them: a region it holds
 * whole is read there instead of from the store.
 */
export async function refreshAround(
  conn: DuckDBConnection,
  written: readonly ChangedPlace[],
  replaced: readonly ChangedPlace[],
  recent?: RegionSource,
): Promise<LocalRefresh> {
  const places = [...written, ...replaced];
  const region = new Region();
  for (const p of places) if (p.h3 !== null) region.cover(p.category, [p.h3], p.t, p.t);
  if (region.cells.size === 0) return NOTHING;
  const changed = new Set(places.map((p) => p.complaint_id));
  const holds = (i: { complaint_ids: readonly string[] }): boolean => i.complaint_ids.some((id) => changed.has(id));
  for (let first = true; ; first = false) {
    const detected = columnarClusters(
      recent?.read([...region.cells.values()]) ?? (await loadRegion(conn, region)),
    ).incidents;
    if (first && replaced.length === 0 && !detected.some(holds)) return NOTHING;
    const { fresh, stale } = affected(detected, await storedIncidents(conn, region), changed);
    const coverFresh = (grew: boolean, i: DetectedIncident): boolean =>
      region.cover(i.category, i.hexes, Date.parse(i.start), i.last_t) || grew;
    const coverStale = (grew: boolean, i: StoredIncident): boolean =>
      region.cover(i.category as Category, i.hexes, i.start, i.end) || grew;
    if (fresh.reduce(coverFresh, false) || stale.reduce(coverStale, false)) continue;
    if (fresh.length === 0 && stale.length === 0) return NOTHING;
    return replace(conn, fresh, stale);
  }
}

/**
 * The detected incidents to write (`fresh`) and the stored ones they replace (`stale`): those
 * holding a changed complaint id, closed under sharing a complaint with the other side.
 */
function affected(
  detected: readonly DetectedIncident[],
  stored: readonly StoredIncident[],
  changed: ReadonlySet<string>,
): { fresh: DetectedIncident[]; stale: StoredIncident[] } {
  const ids = new Set(changed);
  let fresh: DetectedIncident[] = [];
  let stale: StoredIncident[] = [];
  for (;;) {
    const holds = (i: { complaint_ids: readonly string[] }): boolean => i.complaint_ids.some((id) => ids.has(id));
    const nextFresh = detected.filter(holds);
    const nextStale = stored.filter(holds);
    if (nextFresh.length === fresh.length && nextStale.length === stale.length) return { fresh, stale };
    [fresh, stale] = [nextFresh, nextStale];
    for (const i of [...fresh, ...stale]) for (const id of i.complaint_ids) ids.add(id);
  }
}

/** Deletes the stale incidents and writes the fresh ones, skipping those that did not change. */
async function replace(
  conn: DuckDBConnection,
  fresh: readonly DetectedIncident[],
  stale: readonly StoredIncident[],
): Promise<LocalRefresh> {
  const stored = new Map(stale.map((i) => [i.incident_id, i.fingerprint]));
  const same = fresh.filter((d) => stored.get(d.incident_id) === fingerprintOf(d));
  const unchanged = new Set(same.map((d) => d.incident_id));
  const replaced = stale.filter((i) => !unchanged.has(i.incident_id));
  const changedFresh = fresh.filter((d) => !unchanged.has(d.incident_id));
  const clustered = new Map(fresh.flatMap((i) => i.complaint_ids.map((id) => [id, i.incident_id] as const)));
  if (replaced.length === 0 && changedFresh.length === 0) return { ...NOTHING, clustered };
  const handled = await handledMembers(
    conn,
    replaced.map((i) => i.incident_id),
  );
  await deleteIncidents(
    conn,
    replaced.map((i) => i.incident_id),
  );
  await insertIncidents(conn, changedFresh);
  await carryHandlingOver(conn, handled);
  const written = await readInsertedIncidents(conn, changedFresh);
  return {
    change: changeOf(replaced, written, fresh),
    membersBefore: replaced.flatMap((i) => i.complaint_ids),
    membersAfter: changedFresh.flatMap((i) => i.complaint_ids),
    clustered,
  };
}

/**
 * Above this many hexagons the scan keeps every complaint of the stretch of time and the region
 * is applied here: a long list tested per row costs more than the rows it saves.
 */
const MAX_HEX_FILTER = 64;

/**
 * The located complaints of the region, a statement per stretch of time (zone maps skip the rest);
 * each row is kept when its (category, hexagon) cell's span holds it.
 */
async function loadRegion(conn: DuckDBConnection, region: Region): Promise<ClusterComplaint[]> {
  const complaints: ClusterComplaint[] = [];
  for (const cells of timeStretches([...region.cells.values()])) {
    const hexes = [...new Set(cells.map((c) => c.h3))];
    const byHex = hexes.length <= MAX_HEX_FILTER;
    // Prepared once per connection (two texts): every live write reads its region.
    const reader = await readPrepared(
      conn,
      `SELECT complaint_id, category, h3, epoch_ms(received_at) AS t, city, lat, lon FROM complaints
       WHERE received_at BETWEEN to_timestamp($lo) AND to_timestamp($hi) AND h3 IS NOT NULL
       ${byHex ? 'AND list_contains($hexes, h3)' : ''}`,
      {
        lo: Math.min(...cells.map((c) => c.lo)) / 1000,
        hi: Math.max(...cells.map((c) => c.hi)) / 1000,
        ...(byHex ? { hexes: listValue(hexes) } : {}),
      },
      byHex ? { hexes: LIST(VARCHAR) } : {},
    );
    const [ids = [], categories = [], hexColumn = [], times = [], cities = [], lats = [], lons = []] =
      reader.getColumnsJS();
    ids.forEach((id, i) => {
      const cell = region.cells.get(`${String(categories[i])}|${String(hexColumn[i])}`);
      const t = Number(times[i]);
      if (cell === undefined || t < cell.lo || t > cell.hi) return;
      complaints.push({
        complaint_id: String(id),
        category: cell.category,
        h3: cell.h3,
        t,
        city: String(cities[i]),
        lat: Number(lats[i]),
        lon: Number(lons[i]),
      });
    });
  }
  return complaints;
}

/** Cells grouped into stretches of overlapping time spans. */
function timeStretches(cells: RegionCell[]): RegionCell[][] {
  const stretches: RegionCell[][] = [];
  let reach = -Infinity;
  for (const cell of cells.sort((a, b) => a.lo - b.lo)) {
    if (cell.lo > reach) stretches.push([]);
    stretches.at(-1)!.push(cell);
    reach = Math.max(reach, cell.hi);
  }
  return stretches;
}

/** Stored incidents of the region's categories whose time overlaps the region's. */
async function storedIncidents(conn: DuckDBConnection, region: Region): Promise<StoredIncident[]> {
  const cells = [...region.cells.values()];
  return readStoredIncidents(
    conn,
    'category IN (SELECT unnest($categories)) AND end_at >= to_timestamp($lo) AND start_at <= to_timestamp($hi)',
    {
      categories: listValue([...new Set(cells.map((c) => c.category))]),
      lo: Math.min(...cells.map((c) => c.lo)) / 1000,
      hi: Math.max(...cells.map((c) => c.hi)) / 1000,
    },
  );
}
