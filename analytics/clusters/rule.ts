import { gridDisk } from 'h3-js';
import type { ClusterComplaint, Incident } from '../../domain/incident.js';

/**
 * The major-cluster rule of SPEC §3, written once for every detector: complaints of one category,
 * in a connected set of at most three H3 hexagons (neighbours at grid distance 1), more than five
 * in a half-open 60-minute window. The production detector (detector/) and the reference
 * enumeration it is tested against (reference/) both take their numbers, types and order here.
 */

export interface DetectOptions {
  /** Window length in ms (SPEC §3: 60 minutes). */
  windowMs?: number;
  /** Complaints a group needs (SPEC §3: more than five). */
  minCount?: number;
}

export const DEFAULT_WINDOW_MS = 3_600_000;
export const DEFAULT_MIN_COUNT = 6;

/** An incident as the detectors find it; `cell_ids`, `status`, `handling`, `significance` need the database. */
export type DetectedIncident = Omit<Incident, 'cell_ids' | 'status' | 'handling' | 'significance'> & {
  /** received_at of its latest complaint, epoch ms. */
  last_t: number;
};

export interface Detection {
  /** complaint_ids of every complaint counted by at least one qualifying group. */
  flagged: Set<string>;
  incidents: DetectedIncident[];
}

/** The order of complaints wherever it matters (merging, centroid sums, incident ids): time, then id. */
export function byTimeThenId(a: ClusterComplaint, b: ClusterComplaint): number {
  return a.t - b.t || (a.complaint_id < b.complaint_id ? -1 : a.complaint_id > b.complaint_id ? 1 : 0);
}

/** The hexagons at grid distance exactly 1 (five around a pentagon, six elsewhere). */
export function ringOne(h: string): string[] {
  return gridDisk(h, 1).filter((n) => n !== h);
}
