import { gridDisk } from 'h3-js';
import type { Category } from '../../../domain/enums.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import { describeIncident } from '../describe-incident.js';
import type { DetectedIncident } from '../rule.js';
import type { QualifyingRun } from './window-scan.js';

/** A run of qualifying groups over one hexagon set; `hexes` are those its windows count complaints in. */
export interface ClusterGroup extends QualifyingRun {
  category: Category;
  hexes: string[];
}

/**
 * Merges groups of one category into incidents (SPEC §3): groups that share a complaint, or
 * whose windows overlap and whose hexagon sets share or neighbour a hexagon, are one incident.
 * A run's windows start between `firstStart` and `lastStart`; two runs have overlapping windows
 * when those start spans come closer than one window length.
 */
export function buildIncidents(
  groups: readonly ClusterGroup[],
  complaints: readonly ClusterComplaint[],
  windowMs: number,
): DetectedIncident[] {
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => {
    if (parent[i] === i) return i;
    const root = find(parent[i]!);
    parent[i] = root;
    return root;
  };
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  unionSharedComplaints(groups, union);
  unionTouchingWindows(groups, windowMs, union);
  const components = new Map<number, number[]>();
  groups.forEach((_, i) => {
    const members = components.get(find(i));
    if (members) members.push(i);
    else components.set(find(i), [i]);
  });
  return [...components.values()].map((ids) =>
    toIncident(
      ids.map((i) => groups[i]!),
      complaints,
    ),
  );
}

function unionSharedComplaints(groups: readonly ClusterGroup[], union: (a: number, b: number) => void): void {
  const owner = new Map<number, number>();
  groups.forEach((g, gi) => {
    for (const m of g.members) {
      const other = owner.get(m);
      if (other === undefined) owner.set(m, gi);
      else union(gi, other);
    }
  });
}

/**
 * Unions groups of one category whose windows overlap and whose hexagons share or neighbour one.
 * Groups are indexed by (category, hexagon) in start order, so each group meets only the groups
 * in its own neighbourhood that start within its span + one window, not every group of the hour.
 */
function unionTouchingWindows(
  groups: readonly ClusterGroup[],
  windowMs: number,
  union: (a: number, b: number) => void,
): void {
  const order = groups.map((_, i) => i).sort((a, b) => groups[a]!.firstStart - groups[b]!.firstStart);
  const byCell = new Map<string, number[]>();
  for (const i of order) {
    for (const h of groups[i]!.hexes) {
      const key = `${groups[i]!.category}|${h}`;
      const list = byCell.get(key);
      if (list) list.push(i);
      else byCell.set(key, [i]);
    }
  }
  const disks = new Map<string, string[]>();
  const disk = (h: string): string[] => {
    let cells = disks.get(h);
    if (cells === undefined) {
      cells = gridDisk(h, 1);
      disks.set(h, cells);
    }
    return cells;
  };
  for (const i of order) {
    const a = groups[i]!;
    for (const h of new Set(a.hexes.flatMap(disk))) {
      const list = byCell.get(`${a.category}|${h}`) ?? [];
      // Pairs are met from the side that starts first (ties from both sides, which is harmless).
      for (let k = firstStartingFrom(list, groups, a.firstStart); k < list.length; k += 1) {
        if (groups[list[k]!]!.firstStart - a.lastStart >= windowMs) break;
        if (list[k] !== i) union(i, list[k]!);
      }
    }
  }
}

/** Index of the first group in `list` (ordered by firstStart) starting at or after `t`. */
function firstStartingFrom(list: readonly number[], groups: readonly ClusterGroup[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (groups[list[mid]!]!.firstStart >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function toIncident(groups: readonly ClusterGroup[], complaints: readonly ClusterComplaint[]): DetectedIncident {
  const members = [...new Set(groups.flatMap((g) => g.members))].map((i) => complaints[i]!);
  return describeIncident(
    groups[0]!.category,
    members,
    groups.reduce((peak, g) => Math.max(peak, g.peak), 0),
  );
}
