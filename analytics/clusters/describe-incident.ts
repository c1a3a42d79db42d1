import { createHash } from 'node:crypto';
import type { Category } from '../../domain/enums.js';
import type { ClusterComplaint } from '../../domain/incident.js';
import { byTimeThenId, type DetectedIncident } from './rule.js';

/**
 * The SPEC §3 summary of an incident from its complaints (any order, one category) and the
 * largest count of its groups; shared by the enumeration and the columnar detector so both agree
 * to the last bit (the centroid is summed in (t, complaint_id) order).
 */
export function describeIncident(
  category: Category,
  complaints: readonly ClusterComplaint[],
  peak: number,
): DetectedIncident {
  const members = [...complaints].sort(byTimeThenId);
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
