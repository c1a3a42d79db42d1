import { z } from 'zod';
import { NearestSite } from './coverage.js';
import { Category, EventKind } from './enums.js';
import { Incident } from './incident.js';
import { Route } from './triage.js';

/** A network event near the caller's point. */
export const NearbyEvent = z.object({
  event_id: z.string(),
  kind: EventKind,
  cell_id: z.string().nullable(),
  starts_at: z.string(),
  ends_at: z.string().nullable(),
  note: z.string().nullable(),
  distance_km: z.number().describe('from the point to the event centre (its own point, else its cell’s site)'),
  covers_point: z.boolean().describe('the point lies inside the event’s circle'),
});
export type NearbyEvent = z.infer<typeof NearbyEvent>;

export const ANSWER_REASONS = [
  'outage',
  'maintenance',
  'incident',
  'planned_construction',
  'no_investment',
  'weak_coverage',
  'none',
] as const;

/** What the front-desk agent is told (SPEC §6). */
export const Lookup = z.object({
  point: z.object({ lat: z.number(), lon: z.number(), h3: z.string(), located_by: z.enum(['point', 'cell']) }),
  at: z.string().describe('the call time, UTC ISO-8601'),
  radius_km: z.number(),
  category: Category.nullable().describe('the complaint category asked about; null reads as a coverage complaint'),
  route: Route.describe('where a complaint here, now, of this category would be routed (SPEC §11 triage)'),
  route_reason: z.string(),
  events: z.array(NearbyEvent).describe('outages and maintenance in force within the radius, nearest first'),
  incidents: z
    .array(Incident)
    .describe('incidents with a complaint in the hour before the call, with a hexagon within the radius'),
  weak_coverage: z
    .object({ h3: z.string(), complaints: z.number().int(), distinct_days: z.number().int(), days: z.number().int() })
    .nullable()
    .describe('the point’s hexagon when it had enough coverage complaints in the look-back days'),
  planned_construction: z.array(NearbyEvent).describe('planned-construction areas covering the point'),
  planned_sites: z.array(NearestSite).describe('planned cells within the radius'),
  no_investment: z.boolean().describe('the point lies in a no-investment area'),
  nearest_active_site: NearestSite.nullable(),
  answer: z
    .object({ reason: z.enum(ANSWER_REASONS), zh: z.string(), en: z.string() })
    .describe('suggested answer for the agent, following the route (the events listed above are context)'),
});
export type Lookup = z.infer<typeof Lookup>;
