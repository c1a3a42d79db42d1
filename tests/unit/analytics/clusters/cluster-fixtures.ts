import { areNeighborCells, cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import type { Category } from '../../../../domain/enums.js';
import type { ClusterComplaint } from '../../../../domain/incident.js';

export const T0 = Date.parse('2026-10-05T02:00:00Z');
export const MIN = 60_000;
export const HARBIN = latLngToCell(45.75, 126.63, 8);

let seq = 0;

/** Complaints in one hexagon at the given minute offsets from T0. */
export function at(h3: string, minutes: readonly number[], category: Category = 'weak_coverage'): ClusterComplaint[] {
  const [lat, lon] = cellToLatLng(h3);
  return minutes.map((m) => ({
    complaint_id: `c${String(seq++).padStart(5, '0')}`,
    category,
    h3,
    t: T0 + m * MIN,
    city: 'Harbin',
    lat,
    lon,
  }));
}

/** A straight line of hexagons starting at `start`, each a neighbour of the previous and farther away. */
export function line(start: string, length: number): string[] {
  const cells = [start];
  while (cells.length < length) {
    const last = cells[cells.length - 1]!;
    // The next cell touches the last one only, so the line never folds back on itself.
    const next = gridDisk(last, 1).find(
      (n) => !cells.includes(n) && cells.slice(0, -1).every((c) => !areNeighborCells(c, n)),
    );
    cells.push(next!);
  }
  return cells;
}
