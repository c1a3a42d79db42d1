import { createHash } from 'node:crypto';
import { gridDisk } from 'h3-js';
import type { Category } from '../../domain/enums.js';
import type { ClusterComplaint, Incident } from '../../domain/incident.js';
import type { QualifyingRun } from './window-scan.js';

/** A run of qualifying groups over one hexagon set; `hexes` are those its windows count complaints in. */
export interface ClusterGroup extends QualifyingRun {
  category: Category;
  hexes: string[];
}

/** An incident as the detectors find it; `cell_ids`, `status`, `handling`, `significance` need the database. */
export type DetectedIncident = Omit<Incident, 'cell_ids' | 'status' | 'handling' | 'significance'> & {
  /** received_at of its latest complaint, epoch ms. */
  last_t: number;
};

/**
 * Merges groups of one category into incidents (SPEC §3): groups that share a complaint, or
 * whose windows overlap and whose hexagon sets share or neighbour a hexagon, are one incident.
 * A run's windows start between `firstStart` and `lastStart`; two runs have overlapping windows
 * when those start spans come closer than one window length.
 */
export function buildIncidents(groups: readonly ClusterGroup[], complaints: readonly ClusterComplaint[], windowMs: number): DetectedIncident[] {
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number): void => void (parent[find(a)] = find(b));
  unionSharedComplaints(groups, union);
  unionTouchingWindows(groups, windowMs, union);
  const components = new Map<number, number[]>();
  groups.forEach((_, i) => {
    const members = components.get(find(i));
    if (members) members.push(i);
    else components.set(find(i), [i]);
  });
  return [...components.values()].map((ids) => toIncident(ids.map((i) => groups[i]!), complaints));
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
function unionTouchingWindows(groups: readonly ClusterGroup[], windowMs: number, union: (a: number, b: number) => void): void {
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
  const disk = (h: string): string[] => disks.get(h) ?? (disks.set(h, gridDisk(h, 1)), disks.get(h)!);
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
  return describeIncident(groups[0]!.category, members, groups.reduce((peak, g) => Math.max(peak, g.peak), 0));
}

/**
 * The SPEC §3 summary of an incident from its complaints (any order, one category) and the
 * largest count of its groups; shared by the enumeration and the columnar detector so both agree
 * to the last bit (the centroid is summed in (t, complaint_id) order).
 */
export function describeIncident(category: Category, complaints: readonly ClusterComplaint[], peak: number): DetectedIncident {
  const members = [...complaints].sort((a, b) => a.t - b.t || (a.complaint_id < b.complaint_id ? -1 : 1));
  const first = members[0]!;
  const last = members[members.length - 1]!;
  return {
    incident_id: incidentId(category, first),
    category,
    city: mostFrequent(members.map((m) => m.city)),
    start: new Date(first.t).toISOString(),
    end: new Date(last.t).toISOString(),
    hexes: [...new Set(members.map((m) => m.h3))].sort(),
    complaint_ids: members.map((m) => m.complaint_id).sort(),
    complaint_count: members.length,
    peak_count: peak,
    centroid: { lat: mean(members.map((m) => m.lat)), lon: mean(members.map((m) => m.lon)) },
    last_t: last.t,
  };
}

/** Stable across re-runs on the same data: derived from the category and the earliest complaint. */
export function incidentId(category: Category, earliest: ClusterComplaint): string {
  const digest = createHash('sha1').update(`${category}|${earliest.t}|${earliest.complaint_id}`).digest('hex');
  return `inc_${digest.slice(0, 16)}`;
}

function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
