import { areNeighborCells, gridDisk } from 'h3-js';
import type { ClusterComplaint } from '../../../domain/incident.js';

const MIN = 60_000;

/**
 * The rule of SPEC §3 written as plainly as possible: every connected set of 1–3 hexagons drawn
 * from the occupied ones and their neighbours, every window starting at a complaint, count ≥ 6.
 * Its numbers are written out rather than taken from rule.ts, so it stays an independent twin.
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
  const edges = [
    [0, 1],
    [0, 2],
    [1, 2],
  ].filter(([a, b]) => areNeighborCells(set[a!]!, set[b!]!)).length;
  return edges >= 2;
}
