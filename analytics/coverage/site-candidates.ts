import { createHash } from 'node:crypto';
import { cellToLatLng } from 'h3-js';
import {
  CANDIDATE_STATUSES,
  type CandidateStatus,
  type HotSpotClass,
  type SiteCandidate,
} from '../../domain/coverage.js';
import type { Technology } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import { loadAreaIndex, type AreaIndex } from './area-index.js';
import { coverageParams, wholeAtLeast, type CoverageFilter } from './coverage-filter.js';
import { coverageTrends } from './coverage-trends.js';
import { connectedRegions } from './hex-regions.js';
import { regionClass } from './hot-spot-class.js';
import { siteIndexOf, type NearestSite, type SiteIndex } from './site-index.js';
import { addMixes, dominantTechnology, technologyMix, type MixEntries, type TechnologyMix } from './technology-mix.js';

export { CANDIDATE_STATUSES, type CandidateStatus, type SiteCandidate } from '../../domain/coverage.js';

export interface SiteCandidateQuery extends CoverageFilter {
  /** A hexagon joins a region with at least this many coverage complaints (default 3). */
  minComplaints?: number;
  /**
   * A planned cell or planned_construction area this close to the proposed point (km) makes the region planned_site
   * (default 1).
   */
  plannedWithinKm?: number;
  /** ISO-8601 time at which network events must still be in force (default: `to`, else the newest complaint). */
  at?: string;
}

interface HexRow {
  h3: string;
  complaints: number;
  latSum: number;
  lonSum: number;
  technologies: TechnologyMix;
  complaintIds: string[];
}

interface Context {
  sites: SiteIndex;
  areas: AreaIndex;
  plannedKm: number;
}

/**
 * Site candidates for construction: hexagons with at least `minComplaints` coverage complaints
 * in [from, to) are joined into regions connected under H3 adjacency; each region gets the
 * complaint-weighted centroid as its proposed point, the nearest active and planned cells of
 * its technology, and a status. A region in a no_investment area (a no_investment cell in one
 * of its hexagons, or a no_investment event circle covering the point or a hexagon centre) is
 * no_investment; else a region with a planned cell of its technology inside it or within
 * `plannedWithinKm` of the point, or a planned_construction circle that reaches as close, is
 * planned_site. Ranked proposed first, then planned_site, then no_investment; within a status
 * persistent and intensifying hot spot regions first, then by complaints (those one new site
 * would avoid), descending. Distances in km.
 * @throws CellpulseError invalid_parameter when minComplaints is not a whole number >= 1 or
 *   plannedWithinKm is negative.
 */
export async function siteCandidates(db: Database, query: SiteCandidateQuery = {}): Promise<SiteCandidate[]> {
  const minComplaints = wholeAtLeast('minComplaints', query.minComplaints ?? 3, 1);
  const plannedKm = query.plannedWithinKm ?? 1;
  if (!(plannedKm >= 0))
    throw new CellpulseError('invalid_parameter', 'plannedWithinKm must be a distance in km, at least 0', plannedKm);
  const [hexRows, sites, areas, trends] = await Promise.all([
    candidateHexes(db, query, minComplaints),
    siteIndexOf(db),
    loadAreaIndex(db, ['no_investment', 'planned_construction'], query.at ?? query.to ?? null),
    coverageTrends(db, query.to === undefined ? {} : { to: query.to }),
  ]);
  const classes = new Map(trends.map((t) => [t.h3, t.class]));
  const byHex = new Map(hexRows.map((row) => [row.h3, row]));
  const context: Context = { sites, areas, plannedKm };
  return connectedRegions(byHex.keys())
    .map((hexes) =>
      withClasses(
        candidate(
          hexes.map((h) => byHex.get(h)!),
          query.technology,
          context,
        ),
        classes,
      ),
    )
    .sort(byRank);
}

async function candidateHexes(db: Database, filter: CoverageFilter, minComplaints: number): Promise<HexRow[]> {
  const rows = await db.all<{
    h3: string;
    complaints: number;
    lat_sum: number;
    lon_sum: number;
    technologies: MixEntries;
    complaint_ids: string[];
  }>(loadSql(import.meta.url, 'candidate-hexes'), coverageParams(filter, minComplaints));
  return rows.map((r) => ({
    h3: r.h3,
    complaints: r.complaints,
    latSum: r.lat_sum,
    lonSum: r.lon_sum,
    technologies: technologyMix(r.technologies),
    complaintIds: r.complaint_ids,
  }));
}

type Unclassed = Omit<SiteCandidate, 'hot_spot_classes' | 'hot_spot_class'>;

function withClasses(c: Unclassed, classes: Map<string, HotSpotClass>): SiteCandidate {
  const hotSpotClasses = Object.fromEntries(c.hexes.map((h) => [h, classes.get(h) ?? 'none']));
  return { ...c, hot_spot_classes: hotSpotClasses, hot_spot_class: regionClass(Object.values(hotSpotClasses)) };
}

function candidate(rows: readonly HexRow[], asked: Technology | undefined, context: Context): Unclassed {
  const hexes = rows.map((r) => r.h3);
  const complaints = rows.reduce((sum, r) => sum + r.complaints, 0);
  // A region spans a few km, so the plain mean of degrees is the centroid to well under a metre.
  const point = {
    lat: rows.reduce((s, r) => s + r.latSum, 0) / complaints,
    lon: rows.reduce((s, r) => s + r.lonSum, 0) / complaints,
  };
  const technologies = addMixes(rows.map((r) => r.technologies));
  const technology = asked ?? dominantTechnology(technologies);
  const nearestPlanned = context.sites.nearest(point.lat, point.lon, technology, 'planned');
  const { status, reason } = statusOf(hexes, point, technology, nearestPlanned, context);
  return {
    candidate_id: candidateId(hexes),
    status,
    status_reason: reason,
    technology,
    technologies,
    hexes,
    complaints,
    complaint_ids: rows.flatMap((r) => r.complaintIds).sort(),
    proposed_point: point,
    nearest_active: context.sites.nearest(point.lat, point.lon, technology, 'active'),
    nearest_planned: nearestPlanned,
  };
}

type Point = { lat: number; lon: number };

function statusOf(
  hexes: readonly string[],
  point: Point,
  technology: Technology,
  nearestPlanned: NearestSite | null,
  context: Context,
): { status: CandidateStatus; reason: string | null } {
  const noInvestment = noInvestmentReason(hexes, point, context);
  if (noInvestment !== null) return { status: 'no_investment', reason: noInvestment };
  const planned = plannedReason(hexes, point, technology, nearestPlanned, context);
  if (planned !== null) return { status: 'planned_site', reason: planned };
  return { status: 'proposed', reason: null };
}

function noInvestmentReason(hexes: readonly string[], point: Point, { sites, areas }: Context): string | null {
  for (const h3 of hexes) {
    const cell = sites.inHex(h3).find((s) => s.status === 'no_investment');
    if (cell !== undefined) return `no_investment cell ${cell.cell_id} in hexagon ${h3}`;
  }
  const area = coveringArea(hexes, point, areas, 'no_investment');
  return area === null ? null : `no_investment area ${area}`;
}

function plannedReason(
  hexes: readonly string[],
  point: Point,
  technology: Technology,
  nearestPlanned: NearestSite | null,
  context: Context,
): string | null {
  for (const h3 of hexes) {
    const cell = context.sites.inHex(h3).find((s) => s.status === 'planned' && s.technology === technology);
    if (cell !== undefined) return `planned cell ${cell.cell_id} in hexagon ${h3}`;
  }
  if (nearestPlanned !== null && nearestPlanned.distance_km <= context.plannedKm) {
    return `planned cell ${nearestPlanned.cell_id} ${nearestPlanned.distance_km.toFixed(2)} km from the proposed point`;
  }
  const near = context.areas.near(point.lat, point.lon, context.plannedKm, 'planned_construction')[0];
  const area = near?.event_id ?? coveringArea(hexes, point, context.areas, 'planned_construction');
  return area === null ? null : `planned_construction area ${area}`;
}

/** The first event of `kind` whose circle covers the point or a hexagon centre of the region. */
function coveringArea(
  hexes: readonly string[],
  point: Point,
  areas: AreaIndex,
  kind: 'no_investment' | 'planned_construction',
): string | null {
  const atPoint = areas.near(point.lat, point.lon, 0, kind)[0];
  if (atPoint !== undefined) return atPoint.event_id;
  for (const h3 of hexes) {
    const [lat, lon] = cellToLatLng(h3);
    const hit = areas.near(lat, lon, 0, kind)[0];
    if (hit !== undefined) return hit.event_id;
  }
  return null;
}

function candidateId(sortedHexes: readonly string[]): string {
  return `cand_${createHash('sha1').update(sortedHexes.join(',')).digest('hex').slice(0, 16)}`;
}

// Within a status, regions that are persistent or intensifying hot spots come first (SPEC §11).
function byRank(a: SiteCandidate, b: SiteCandidate): number {
  const status = CANDIDATE_STATUSES.indexOf(a.status) - CANDIDATE_STATUSES.indexOf(b.status);
  const lasting = Number(isLasting(b.hot_spot_class)) - Number(isLasting(a.hot_spot_class));
  return status || lasting || b.complaints - a.complaints || (a.candidate_id < b.candidate_id ? -1 : 1);
}

function isLasting(c: HotSpotClass): boolean {
  return c === 'persistent' || c === 'intensifying';
}
