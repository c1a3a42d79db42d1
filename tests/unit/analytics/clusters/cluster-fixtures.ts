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
  return minutes.map((m) => ({ complaint_id: `c${String(seq++).padStart(5, '0')}`, category, h3, t: T0 + m * MIN, city: 'Harbin', lat, lon }));
}

/** A straight line of hexagons starting at `start`, each a neighbour of the previous and farther away. */
export function line(start: string, length: number): string[] {
  const cells = [start];
  while (cells.length < length) {
    const last = cells[cells.length - 1]!;
    // The next cell touches the last one only, so the line never folds back on itself.
    const next = gridDisk(last, 1).find((n) => !cells.includes(n) && cells.slice(0, -1).every((c) => !areNeighborCells(c, n)));
    cells.push(next!);
  }
  return cells;
}

/**
 * The rule of SPEC §3 written as plainly as possible: every connected set of 1–3 hexagons drawn
 * from the occupied ones and their neighbours, every window starting at a complaint, count ≥ 6.
 */
export function naiveFlagged(complaints: readonly ClusterComplaint[], windowMs = 60 * MIN, minCount = 6): Set<string> {
  const flagged = new Set<string>();
  const hexes = [...new Set(complaints.flatMap((c) => gridDisk(c.h3, 1)))];
  const sets: string[][] = [];
  for (let i = 0; i < hexes.length; i += 1) {
    sets.push([hexes[i]!]);
    for (let j = i + 1; j < hexes.length; j += 1) {
      sets.push([hexes[i]!, hexes[j]!]);
      for (let k = j + 1; k < hexes.length; k += 1) sets.push([hexes[i]!, hexes[j]!, hexes[k]!]);
    }
  }
  for (const set of sets.filter(connected)) {
    for (const start of complaints) {
      const inWindow = complaints.filter(
        (c) => c.category === start.category && set.includes(c.h3) && c.t >= start.t && c.t < start.t + windowMs,
      );
      if (inWindow.length >= minCount) for (const c of inWindow) flagged.add(c.complaint_id);
    }
  }
  return flagged;
}

function connected(set: readonly string[]): boolean {
  if (set.length === 1) return true;
  if (set.length === 2) return areNeighborCells(set[0]!, set[1]!);
  const edges = [[0, 1], [0, 2], [1, 2]].filter(([a, b]) => areNeighborCells(set[a!]!, set[b!]!)).length;
  return edges >= 2;
}
