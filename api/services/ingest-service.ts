import type { Database } from '../../store/database.js';
import { ingest, type IngestRequest, type IngestSummary } from '../../ingest/ingest.js';
import { refreshIncidents } from '../../analytics/clusters/incident-store.js';
import { recordWriteEvents } from '../../analytics/alerts/event-log.js';
import { trackMembership } from '../../analytics/aggregates/complaint-aggregates.js';
import type { IncidentEvent, StoredEvent } from '../../domain/incident-event.js';
import type { Incident } from '../../domain/incident.js';

export type { IncidentEvent };

export type IngestOutcome = IngestSummary & { events: StoredEvent[] };

/**
 * Ingests a file or request body and, in the same transaction, re-detects the incidents the
 * written complaints can touch (keeping the aggregates in step) and stores their events (opened,
 * updated, closed) in the durable alert log; returns those events.
 */
export async function ingestFile(db: Database, request: Omit<IngestRequest, 'afterComplaints'>): Promise<IngestOutcome> {
  let events: StoredEvent[] = [];
  const summary = await ingest(db, {
    ...request,
    afterComplaints: async (conn, range) => {
      // Cluster membership sets the 2 h reply limit: the KPI aggregates follow it.
      const change = await trackMembership(conn, () => refreshIncidents(conn, range.from, range.to));
      events = await recordWriteEvents(conn, change);
    },
  });
  return { ...summary, events };
}

/** The incidents a write raised or grew (SPEC §8), each once in its latest state; closings left out. */
export function raisedOrUpdated(events: readonly IncidentEvent[]): Incident[] {
  const byId = new Map<string, Incident>();
  for (const { type, incident } of events) {
    if (type === 'incident.opened' || type === 'incident.updated') byId.set(incident.incident_id, incident);
  }
  return [...byId.values()];
}
