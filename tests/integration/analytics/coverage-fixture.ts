import { cellToLatLng, getHexagonEdgeLengthAvg, gridDisk, latLngToCell } from 'h3-js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import type { Database } from '../../../store/database.js';

/** City centre of the generated area (Shanghai, away from the API fixture's Hangzhou seed). */
export const CENTRE = { lat: 31.23, lon: 121.47 };
export const RES = 8;
/** No active site lies within this distance of a hole centre. */
export const HOLE_RADIUS_KM = 3;
const GRID_HALF_KM = 15;

type Offset = { east: number; north: number };

/**
 * Holes in the active grid, as km offsets from the centre: A has the densest complaints, B lies in
 * a no_investment event circle, C has a planned LTE site, D has two separate complaint spots,
 * E has a no_investment cell in its complaint hexagon.
 */
export const HOLES: Record<'A' | 'B' | 'C' | 'D' | 'E', Offset> = {
  A: { east: -8, north: -8 },
  B: { east: 8, north: 8 },
  C: { east: 8, north: -8 },
  D: { east: -8, north: 8 },
  E: { east: 0, north: 0 },
};

export function offsetPoint(o: Offset, from = CENTRE): { lat: number; lon: number } {
  return {
    lat: from.lat + o.north / 110.574,
    lon: from.lon + o.east / (111.32 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

export function holePoint(name: keyof typeof HOLES): { lat: number; lon: number } {
  return offsetPoint(HOLES[name]);
}

/** Centre of the hexagon holding a point (at RES). */
export function hexCentreOf(p: { lat: number; lon: number }): { h3: string; lat: number; lon: number } {
  const h3 = latLngToCell(p.lat, p.lon, RES);
  const [lat, lon] = cellToLatLng(h3);
  return { h3, lat, lon };
}

/** Plain haversine in km, written independently of the code under test. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

export interface SiteRecord {
  cell_id: string;
  site_id: string;
  city: string;
  technology: string;
  lat: number;
  lon: number;
  status: string;
}

/**
 * An LTE grid every km and an NR grid every 3 km, both with no site within HOLE_RADIUS_KM of a hole; plus the special
 * cells.
 */
export function areaSites(): SiteRecord[] {
  const sites: SiteRecord[] = [];
  const holes = Object.values(HOLES).map((o) => offsetPoint(o));
  for (let east = -GRID_HALF_KM; east <= GRID_HALF_KM; east += 1) {
    for (let north = -GRID_HALF_KM; north <= GRID_HALF_KM; north += 1) {
      const p = offsetPoint({ east, north });
      if (holes.some((h) => haversineKm(h.lat, h.lon, p.lat, p.lon) <= HOLE_RADIUS_KM + 0.05)) continue;
      const site = `S${east}_${north}`;
      sites.push({ cell_id: `${site}-L`, site_id: site, city: 'Shanghai', technology: 'LTE', ...p, status: 'active' });
      if (east % 3 === 0 && north % 3 === 0)
        sites.push({ cell_id: `${site}-N`, site_id: site, city: 'Shanghai', technology: 'NR', ...p, status: 'active' });
    }
  }
  // A faulty cell in hole A must not count as coverage; a planned one in hole C makes it planned_site.
  sites.push({
    cell_id: 'FAULT-A',
    site_id: 'FA',
    city: 'Shanghai',
    technology: 'LTE',
    ...holePoint('A'),
    status: 'fault',
  });
  sites.push({
    cell_id: 'PLAN-C',
    site_id: 'PC',
    city: 'Shanghai',
    technology: 'LTE',
    ...offsetPoint({ east: 0.3, north: 0 }, holePoint('C')),
    status: 'planned',
  });
  sites.push({
    cell_id: 'NOINV-E',
    site_id: 'NE',
    city: 'Shanghai',
    technology: 'LTE',
    ...hexCentreOf(holePoint('E')),
    status: 'no_investment',
  });
  return sites.map(({ lat, lon, ...rest }) => ({ ...rest, lat, lon }));
}

/** Across one hexagon of the area's resolution, km. */
export const HEX_ACROSS_KM = 2 * getHexagonEdgeLengthAvg(RES, 'km');

/** The brute-force twin of the site index: the minimum haversine distance over every matching cell of the area. */
export function bruteNearestKm(lat: number, lon: number, technology: string, status = 'active'): number {
  const distances = areaSites()
    .filter((s) => s.technology === technology && s.status === status)
    .map((s) => haversineKm(lat, lon, s.lat, s.lon));
  return Math.min(...distances);
}

/** A no_investment circle of 1.5 km around a hole's centre. */
function noInvestmentCircle(eventId: string, hole: keyof typeof HOLES, startsAt: string) {
  const { lat, lon } = holePoint(hole);
  return { event_id: eventId, lat, lon, radius_m: 1500, kind: 'no_investment', starts_at: startsAt };
}

/** The no_investment circle over hole B, and one over hole A that has ended. */
export const AREA_EVENTS = [
  { ...noInvestmentCircle('NOINV-B', 'B', '2024-01-01T00:00:00+08:00'), note: 'no investment value' },
  { ...noInvestmentCircle('ENDED', 'A', '2023-01-01T00:00:00+08:00'), ends_at: '2023-06-01T00:00:00+08:00' },
];

/** The site-candidate statuses of the area in rank order: holes A, D, D proposed, C planned, B and E not. */
export const RANKED_STATUSES = ['proposed', 'proposed', 'proposed', 'planned_site', 'no_investment', 'no_investment'];

function complaint(id: string, at: string, category: string, technology: string, p: { lat: number; lon: number }) {
  return { complaint_id: id, received_at: at, city: 'Shanghai', category, technology, lat: p.lat, lon: p.lon };
}
/** A complaint of the area, as ingested. */
export type ComplaintRecord = ReturnType<typeof complaint>;

/** A point about `metres` from `p` in a direction picked by `i` (stays inside a res-8 hexagon for metres < 300). */
function jitter(p: { lat: number; lon: number }, i: number, metres = 80): { lat: number; lon: number } {
  const angle = (i * 137.5 * Math.PI) / 180;
  return offsetPoint({ east: (Math.cos(angle) * metres) / 1000, north: (Math.sin(angle) * metres) / 1000 }, p);
}

/**
 * Days (local, +08:00) and counts of hole A's LTE complaints: 5 on May 1 (one at 07:00, still April 30 in UTC, one at
 * 23:30), 4 on May 2 (one at 00:30), 3 on May 3.
 */
const HOLE_A_TIMES = [
  '2024-05-01T07:00:00+08:00',
  '2024-05-01T10:00:00+08:00',
  '2024-05-01T13:00:00+08:00',
  '2024-05-01T17:00:00+08:00',
  '2024-05-01T23:30:00+08:00',
  '2024-05-02T00:30:00+08:00',
  '2024-05-02T09:00:00+08:00',
  '2024-05-02T12:00:00+08:00',
  '2024-05-02T18:00:00+08:00',
  '2024-05-03T09:00:00+08:00',
  '2024-05-03T12:00:00+08:00',
  '2024-05-03T15:00:00+08:00',
];

/** The complaints of the area; see HOLES. Every hole spot gets complaints a few hours apart, so no incident forms. */
export function areaComplaints(): ComplaintRecord[] {
  const a = hexCentreOf(holePoint('A'));
  const out: ComplaintRecord[] = HOLE_A_TIMES.map((at, i) =>
    complaint(`A-${i}`, at, i % 3 === 0 ? 'no_signal' : 'weak_coverage', 'LTE', jitter(a, i)),
  );
  out.push(complaint('A-NR-1', '2024-05-04T09:00:00+08:00', 'no_service', 'NR', jitter(a, 20)));
  out.push(complaint('A-NR-2', '2024-05-04T15:00:00+08:00', 'weak_coverage', 'NR', jitter(a, 21)));
  // A neighbour of A's hexagon with 3 complaints: region A has two hexagons.
  const [nextLat, nextLon] = cellToLatLng(holeANeighbour());
  const next = { lat: nextLat, lon: nextLon };
  out.push(
    ...series(
      'A2',
      3,
      'weak_coverage',
      (i) => mayDay(i + 1, '11:00'),
      (i) => jitter(next, i),
    ),
  );
  spot(out, 'B', hexCentreOf(holePoint('B')), 4);
  spot(out, 'C', hexCentreOf(holePoint('C')), 5);
  spot(out, 'D1', hexCentreOf(offsetPoint({ east: -1.6, north: 0 }, holePoint('D'))), 4);
  spot(out, 'D2', hexCentreOf(offsetPoint({ east: 1.6, north: 0 }, holePoint('D'))), 3);
  spot(out, 'E', hexCentreOf(holePoint('E')), 3);
  // Many non-coverage complaints in one covered spot: they must not rank.
  const covered = offsetPoint({ east: 10, north: 0 });
  const coveredAt = (i: number): string => mayDay((i % 5) + 1, `${String(8 + (i % 10)).padStart(2, '0')}:15`);
  out.push(...series('X', 20, 'call_drop', coveredAt, (i) => jitter(covered, i)));
  // Single coverage complaints next to active sites, far from the holes.
  const nearSite = (i: number): Point => offsetPoint({ east: 12, north: -12 + 4 * i });
  out.push(...series('BG', 6, 'weak_coverage', (i) => mayDay(i + 1, '20:00'), nearSite));
  return out;
}

type Point = { lat: number; lon: number };

/** `2024-05-0{day}T{hh:mm}:00+08:00`: the area's complaints fall in the first days of May 2024, Shanghai time. */
function mayDay(day: number, hhmm: string): string {
  return `2024-05-0${day}T${hhmm}:00+08:00`;
}

/** Complaints `{prefix}-0` … `{prefix}-{count - 1}` of one category on LTE, at the time and place given for each. */
function series(
  prefix: string,
  count: number,
  category: string,
  at: (i: number) => string,
  where: (i: number) => Point,
): ComplaintRecord[] {
  return Array.from({ length: count }, (_, i) => complaint(`${prefix}-${i}`, at(i), category, 'LTE', where(i)));
}

/** The hexagon next to hole A's complaint hexagon that gets 3 complaints of its own. */
export function holeANeighbour(): string {
  const a = hexCentreOf(holePoint('A')).h3;
  return gridDisk(a, 1)
    .filter((h) => h !== a)
    .sort()[0]!;
}

function spot(out: ComplaintRecord[], prefix: string, at: Point, count: number): void {
  out.push(
    ...series(
      prefix,
      count,
      'weak_coverage',
      (i) => mayDay(i + 1, '14:00'),
      (i) => jitter(at, i),
    ),
  );
}

/** Ingests the sites, events and complaints of the area. */
export async function ingestArea(db: Database): Promise<void> {
  await ingestFile(db, { kind: 'sites', source: { records: areaSites(), name: 'area-sites' } });
  await ingestFile(db, { kind: 'events', source: { records: AREA_EVENTS, name: 'area-events' } });
  await ingestFile(db, { kind: 'complaints', source: { records: areaComplaints(), name: 'area-complaints' } });
}
