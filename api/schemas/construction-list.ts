import { z } from 'zod';
import { LIST_ROUTES, type ListRoute } from '../../analytics/coverage/construction-list.js';
import { CANDIDATE_STATUSES } from '../../analytics/coverage/site-candidates.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';

export const CONSTRUCTION_FORMATS: readonly OutputFormat[] = ['json', 'csv', 'arrow'];

export const ConstructionListQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
    .describe('the local month'),
  format: formatQuery(CONSTRUCTION_FORMATS),
});

const routeCounts = Object.fromEntries(
  LIST_ROUTES.map((route) => [route, z.number().int().describe(`coverage complaints routed to ${route}`)]),
) as Record<ListRoute, z.ZodNumber>;

/** One region of the construction department's monthly list (flat: also the CSV and Arrow row). */
export const ConstructionListRow = z.object({
  candidate_id: z.string(),
  city: z.string().describe('the most frequent city of its complaints'),
  status: z.enum(CANDIDATE_STATUSES),
  status_reason: z.string().nullable(),
  technology: z.string(),
  complaints: z.number().int().describe('coverage complaints in the month'),
  ...routeCounts,
  hexes: z.string().describe('H3 cells joined with ;'),
  lat: z.number().describe('proposed point'),
  lon: z.number(),
  nearest_active_cell: z.string().nullable(),
  nearest_active_km: z.number().nullable(),
  nearest_planned_cell: z.string().nullable(),
  nearest_planned_km: z.number().nullable(),
});
