import { z } from 'zod';
import { Incident } from './incident.js';
import { INCIDENT_EVENT_TYPES } from './vocabulary.js';

export { INCIDENT_EVENT_TYPES };

/** Event types of the alert stream (SPEC §8, §10, §11); the list is in vocabulary.ts. */
export const IncidentEventType = z.enum(INCIDENT_EVENT_TYPES);
export type IncidentEventType = z.infer<typeof IncidentEventType>;

/** An incident event before it is stored: what happened and the incident as it stands after it. */
export interface IncidentEvent {
  type: IncidentEventType;
  incident: Incident;
}

/** An event as the durable log keeps it: `seq` is the SSE id and only grows, across restarts. */
export const StoredEvent = z.object({
  seq: z.number().int(),
  type: IncidentEventType,
  incident_id: z.string(),
  at: z.string().describe('when it was stored, ISO-8601'),
  // For signal.detected the log holds the signal here (domain/signal.ts): SSE and webhooks send it as data.
  incident: Incident,
});
export type StoredEvent = z.infer<typeof StoredEvent>;
