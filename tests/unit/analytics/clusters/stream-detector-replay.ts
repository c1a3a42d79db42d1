import { expect } from 'vitest';
import { detectClusters, type DetectedIncident } from '../../../../analytics/clusters/batch-detector.js';
import { StreamDetector, type StreamEvent, type StreamOptions, type StreamedIncident } from '../../../../analytics/clusters/stream-detector.js';
import type { ClusterComplaint } from '../../../../domain/incident.js';

/** What a consumer of the events ends up with: incidents by id (absorbed ids dropped), and every event. */
export interface Replay {
  incidents: Map<string, StreamedIncident>;
  events: StreamEvent[];
  /** stateSize() after each push. */
  sizes: number[];
}

/** Folds events the way a consumer should: opened/updated/closed upsert, `absorbed` ids are dropped. */
export function applyEvents(incidents: Map<string, StreamedIncident>, events: readonly StreamEvent[]): void {
  for (const e of events) {
    if (e.type === 'rejected') continue;
    if (e.type !== 'closed') for (const id of e.absorbed) incidents.delete(id);
    expect(e.incident.incident_id).toBe(e.incident_id);
    incidents.set(e.incident_id, e.incident);
  }
}

/** Pushes `arrivals` one by one into a fresh detector, then flushes. */
export function replay(arrivals: readonly ClusterComplaint[], options: StreamOptions = {}): Replay {
  const detector = new StreamDetector(options);
  const out: Replay = { incidents: new Map(), events: [], sizes: [] };
  const take = (events: StreamEvent[]): void => {
    out.events.push(...events);
    applyEvents(out.incidents, events);
  };
  for (const c of arrivals) {
    take(detector.push(c));
    out.sizes.push(detector.stateSize());
  }
  take(detector.flush());
  return out;
}

/** The batch's incidents in the stream's shape after flush (every incident closed, cell_ids left to the store). */
export function batchIncidents(complaints: readonly ClusterComplaint[]): StreamedIncident[] {
  return sortById(detectClusters(complaints).incidents.map((i: DetectedIncident) => ({ ...i, cell_ids: [], status: 'closed' as const })));
}

export function sortById<T extends { incident_id: string }>(incidents: Iterable<T>): T[] {
  return [...incidents].sort((a, b) => (a.incident_id < b.incident_id ? -1 : 1));
}

/** Complaints in time order (then id), as a live feed delivers them. */
export function inTimeOrder(complaints: readonly ClusterComplaint[]): ClusterComplaint[] {
  return [...complaints].sort((a, b) => a.t - b.t || (a.complaint_id < b.complaint_id ? -1 : 1));
}
