import type { Database } from '../../store/database.js';
import { ingest, type IngestRequest, type IngestSummary } from '../../ingest/ingest.js';
import { refreshIncidents, type IncidentChange } from '../../analytics/clusters/incident-store.js';
import type { Incident } from '../../domain/incident.js';

/** An incident event as the alert stream sends it. */
export interface IncidentEvent {
  type: 'incident.opened' | 'incident.updated' | 'incident.closed';
  incident: Incident;
}

export type IngestOutcome = IngestSummary & { events: IncidentEvent[] };

/**
 * Ingests a file or request body and, in the same transaction, re-detects the incidents the
 * written complaints can touch; returns the incidents this ingest opened or grew.
 */
export async function ingestFile(db: Database, request: Omit<IngestRequest, 'afterComplaints'>): Promise<IngestOutcome> {
  let change: IncidentChange = { opened: [], updated: [] };
  const summary = await ingest(db, {
    ...request,
    afterComplaints: async (conn, range) => {
      change = await refreshIncidents(conn, range.from, range.to);
    },
  });
  return { ...summary, events: toEvents(change) };
}

function toEvents(change: IncidentChange): IncidentEvent[] {
  return [
    ...change.opened.map((incident) => ({ type: 'incident.opened' as const, incident })),
    ...change.updated.map((incident) => ({ type: 'incident.updated' as const, incident })),
  ];
}
