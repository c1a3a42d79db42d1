import type { ClusterComplaint } from '../../domain/incident.js';
import { DEFAULT_MIN_COUNT, DEFAULT_WINDOW_MS, type DetectOptions, type Detection } from './batch-detector.js';
import type { DetectedIncident } from './incident-merge.js';
import { StreamDetector, type IncidentEvent, type StreamEvent } from './stream-detector.js';

/**
 * The incidents of `detectClusters` found by one time-ordered sweep of the streaming detector:
 * the streaming detector run as a batch, so the two can be checked against each other on the
 * same input. The store runs `findIncidents`, which is faster again.
 * @param complaints any order; `t` in epoch ms, `h3` at one resolution, ids unique.
 */
export function sweepClusters(complaints: readonly ClusterComplaint[], options: DetectOptions = {}): Detection {
  const detector = new StreamDetector({ windowMs: options.windowMs ?? DEFAULT_WINDOW_MS, minCount: options.minCount ?? DEFAULT_MIN_COUNT });
  // The last event per id: its incident snapshot is read once at the end, because reading one
  // sorts the incident's members and a dense burst reports on every push.
  const last = new Map<string, IncidentEvent>();
  const take = (events: StreamEvent[]): void => {
    for (const event of events) {
      if (event.type === 'rejected') continue;
      if (event.type !== 'closed') for (const id of event.absorbed) last.delete(id);
      last.set(event.incident_id, event);
    }
  };
  for (const complaint of inTimeOrder(complaints)) take(detector.push(complaint));
  take(detector.flush());
  const incidents = [...last.values()].map((event): DetectedIncident => {
    const { cell_ids: _cells, status: _status, ...incident } = event.incident;
    return incident;
  });
  return { flagged: new Set(incidents.flatMap((i) => i.complaint_ids)), incidents };
}

/** The complaints by time then id; the store's are already in that order, which is checked, not re-sorted. */
function inTimeOrder(complaints: readonly ClusterComplaint[]): readonly ClusterComplaint[] {
  const before = (a: ClusterComplaint, b: ClusterComplaint): boolean => a.t < b.t || (a.t === b.t && a.complaint_id < b.complaint_id);
  for (let i = 1; i < complaints.length; i += 1) {
    if (before(complaints[i]!, complaints[i - 1]!)) return [...complaints].sort((a, b) => a.t - b.t || (a.complaint_id < b.complaint_id ? -1 : 1));
  }
  return complaints;
}
