import { z } from 'zod';
import { ROUTES } from './vocabulary.js';

export { ROUTES };

/** Where a complaint work order goes (SPEC §11); the list, in the order the rules are tried, is in vocabulary.ts. */
export const Route = z.enum(ROUTES);
export type Route = z.infer<typeof Route>;

/** Routes a work order never leaves once it has them (the seed forbids sending work orders back). */
export const STICKY_ROUTES: readonly Route[] = ['priority', 'escalate'];

/** A complaint as stored, with its route and the incidents it belongs to. */
export const ComplaintRecord = z.object({
  complaint_id: z.string(),
  received_at: z.string().describe('UTC ISO-8601'),
  city: z.string(),
  category: z.string(),
  technology: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  located_by: z.enum(['point', 'cell']).nullable(),
  h3: z.string().nullable().describe('the hexagon at the database resolution'),
  cell_id: z.string().nullable(),
  replied_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  resolution: z.string().nullable(),
  satisfied: z.boolean().nullable(),
  route: Route.nullable().describe('null only for complaints stored before triage existed'),
  route_reason: z.string().nullable(),
  incident_ids: z.array(z.string()).describe('incidents that count this complaint'),
});
export type ComplaintRecord = z.infer<typeof ComplaintRecord>;

/** Complaints per city and route (`cellpulse triage`). */
export const RouteCount = z.object({
  city: z.string(),
  route: z.string().describe('a route, or "untriaged" for complaints stored before triage existed'),
  complaints: z.number().int(),
  share: z.number().describe('of the city’s complaints in the period, a fraction in [0, 1]'),
});
export type RouteCount = z.infer<typeof RouteCount>;

/** A complaint as a flat CSV/Arrow row: no work-order progress, incident ids joined with `;`. */
export const ComplaintRow = ComplaintRecord.omit({
  located_by: true,
  replied_at: true,
  resolved_at: true,
  resolution: true,
  satisfied: true,
}).extend({ incident_ids: z.string() });
export type ComplaintRow = z.infer<typeof ComplaintRow>;
