import fc from 'fast-check';
import { ingestFile } from '../../../api/services/ingest-service.js';
import type { Database } from '../../../store/database.js';

/**
 * The reference data of the triage property tests (sites by cell, events by cell or area), written
 * through the file ingest as an operator loads it. Each test draws its own places and ranges (tuned
 * to reach its own routes); what they share is the clock and how the drawn values become records.
 */
export const T0 = Date.parse('2026-10-05T08:00:00+08:00');
export const MINUTE = 60_000;
export const CELLS = ['A', 'B', 'C'];

export interface Point {
  lat: number;
  lon: number;
}

/** A drawn site: the i-th gets cell CELLS[i]. */
export interface DrawnSite {
  point: Point;
  status: string;
}

/** A drawn event: on a cell or on an area, from `start` for `length` minutes (null: still in force). */
export interface DrawnEvent {
  kind: string;
  byCell: boolean;
  cell: string;
  point: Point;
  radius: number;
  start: number;
  length: number | null;
}

/** A point within `spread` degrees (on each axis) of one of `spots`. */
export function arbPointNear(spots: readonly Point[], spread: number): fc.Arbitrary<Point> {
  return fc
    .record({
      spot: fc.constantFrom(...spots),
      dLat: fc.double({ min: -spread, max: spread, noNaN: true }),
      dLon: fc.double({ min: -spread, max: spread, noNaN: true }),
    })
    .map(({ spot, dLat, dLon }) => ({ lat: spot.lat + dLat, lon: spot.lon + dLon }));
}

/** An event of any kind on one of CELLS or around `point`, with the test's own largest radius and minutes. */
export function arbEvent(
  point: fc.Arbitrary<Point>,
  most: { radius: number; start: number; length: number },
): fc.Arbitrary<DrawnEvent> {
  return fc.record({
    kind: fc.constantFrom('outage', 'maintenance', 'planned_construction', 'no_investment'),
    byCell: fc.boolean(),
    cell: fc.constantFrom(...CELLS),
    point,
    radius: fc.integer({ min: 100, max: most.radius }),
    start: fc.integer({ min: -60, max: most.start }),
    length: fc.option(fc.integer({ min: 1, max: most.length })),
  });
}

/** `minute` minutes after T0, as ISO-8601 UTC. */
export function iso(minute: number): string {
  return new Date(T0 + minute * MINUTE).toISOString();
}

/** Ingests the sites (all in Harbin, LTE) and, when there are any, the events. */
export async function ingestReferenceData(
  db: Database,
  sites: readonly DrawnSite[],
  events: readonly DrawnEvent[],
): Promise<void> {
  const siteRecords = sites.map((s, i) => {
    return { cell_id: CELLS[i], site_id: `S${i}`, city: 'Harbin', technology: 'LTE', ...s.point, status: s.status };
  });
  await ingestFile(db, { kind: 'sites', source: { name: 'sites', records: siteRecords } });
  if (events.length === 0) return;
  const eventRecords = events.map((e, i) => ({
    event_id: `E${i}`,
    kind: e.kind,
    starts_at: iso(e.start),
    ...(e.length === null ? {} : { ends_at: iso(e.start + e.length) }),
    ...(e.byCell ? { cell_id: e.cell } : { ...e.point, radius_m: e.radius }),
  }));
  await ingestFile(db, { kind: 'events', source: { name: 'events', records: eventRecords } });
}
