import { createHash } from 'node:crypto';
import { gridDisk } from 'h3-js';
import type { Category } from '../../domain/enums.js';
import type { ClusterComplaint, Incident } from '../../domain/incident.js';
import type { QualifyingRun } from './window-scan.js';

/** A run of qualifying groups over one hexagon set (its occupied hexagons). */
export interface ClusterGroup extends QualifyingRun {
  category: Category;
  hexes: string[];
}

/** An incident as the detectors find it; `cell_ids` and `status` need the database. */
export type DetectedIncident = Omit<Incident, 'cell_ids' | 'status'> & {
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
    const root = find(i);
    components.set(root, [...(components.get(root) ?? []), i]);
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

function unionTouchingWindows(groups: readonly ClusterGroup[], windowMs: number, union: (a: number, b: number) => void): void {
  const order = groups.map((_, i) => i).sort((a, b) => groups[a]!.firstStart - groups[b]!.firstStart);
  const reach = new Map<number, Set<string>>();
  const near = (i: number): Set<string> => {
    let set = reach.get(i);
    if (!set) reach.set(i, (set = new Set(groups[i]!.hexes.flatMap((h) => gridDisk(h, 1)))));
    return set;
  };
  for (let x = 0; x < order.length; x += 1) {
    const a = groups[order[x]!]!;
    for (let y = x + 1; y < order.length; y += 1) {
      const b = groups[order[y]!]!;
      if (b.firstStart - a.lastStart >= windowMs) break;
      if (b.category !== a.category) continue;
      if (b.hexes.some((h) => near(order[x]!).has(h))) union(order[x]!, order[y]!);
    }
  }
}

function toIncident(groups: readonly ClusterGroup[], complaints: readonly ClusterComplaint[]): DetectedIncident {
  const members = [...new Set(groups.flatMap((g) => g.members))].map((i) => complaints[i]!);
  members.sort((a, b) => a.t - b.t || (a.complaint_id < b.complaint_id ? -1 : 1));
  const first = members[0]!;
  const last = members[members.length - 1]!;
  return {
    incident_id: incidentId(groups[0]!.category, first),
    category: groups[0]!.category,
    city: mostFrequent(members.map((m) => m.city)),
    start: new Date(first.t).toISOString(),
    end: new Date(last.t).toISOString(),
    hexes: [...new Set(members.map((m) => m.h3))].sort(),
    complaint_ids: members.map((m) => m.complaint_id).sort(),
    complaint_count: members.length,
    peak_count: Math.max(...groups.map((g) => g.peak)),
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
