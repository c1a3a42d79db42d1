import { z } from 'zod';
import { IncidentEventType } from './incident-event.js';

/** A row of `GET /v1/alerts/deliveries`. */
export const DeliveryRow = z.object({
  endpoint: z.string().describe('the webhook URL, without its query string'),
  seq: z.number().int().describe('the event number (SSE id)'),
  type: IncidentEventType,
  incident_id: z.string(),
  event_at: z.iso.datetime(),
  state: z.enum(['pending', 'dead']),
  attempts: z.number().int(),
  first_attempt_at: z.iso.datetime().nullable(),
  next_attempt_at: z.iso.datetime().nullable().describe('pending: when the next attempt is due'),
  last_error: z.string().nullable(),
});
export type DeliveryRow = z.infer<typeof DeliveryRow>;
