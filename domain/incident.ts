import { z } from 'zod';
import { Category } from './enums.js';
import { Significance } from './signal.js';

/** Root causes a resolution names (SPEC §10). */
export const ROOT_CAUSES = ['fault', 'coverage', 'capacity', 'interference', 'external', 'unknown'] as const;
export const RootCause = z.enum(ROOT_CAUSES);
export type RootCause = z.infer<typeof RootCause>;

/** Who picked an incident up and how it ended (SPEC §10); all null while `state` is new. */
export const IncidentHandling = z.object({
  state: z.enum(['new', 'acknowledged', 'resolved']),
  acknowledged_at: z.string().nullable().describe('ISO-8601'),
  acknowledged_by: z.string().nullable(),
  resolved_at: z.string().nullable().describe('ISO-8601'),
  resolved_by: z.string().nullable(),
  root_cause: RootCause.nullable(),
  note: z.string().nullable(),
});
export type IncidentHandling = z.infer<typeof IncidentHandling>;

/** What a user sees of a major complaint cluster (SPEC §3). Timestamps are ISO-8601 UTC. */
export const Incident = z.object({
  incident_id: z.string(),
  category: Category,
  city: z.string(),
  start: z.string().describe('received_at of the earliest complaint, ISO-8601'),
  end: z.string().describe('received_at of the latest complaint, ISO-8601'),
  hexes: z.array(z.string()).describe('H3 cells of its qualifying groups, sorted'),
  cell_ids: z.array(z.string()).describe('cells whose site lies inside or next to those hexes'),
  complaint_ids: z.array(z.string()),
  complaint_count: z.number().int(),
  peak_count: z.number().int().describe('largest count of any one of its qualifying groups'),
  centroid: z.object({ lat: z.number(), lon: z.number() }),
  status: z.enum(['open', 'closed']),
  handling: IncidentHandling,
  significance: Significance,
});
export type Incident = z.infer<typeof Incident>;

/** The minimum the cluster detectors need of a located complaint. */
export interface ClusterComplaint {
  complaint_id: string;
  category: z.infer<typeof Category>;
  /** H3 cell at the database resolution, 15-char hex. */
  h3: string;
  /** received_at as epoch milliseconds. */
  t: number;
  city: string;
  lat: number;
  lon: number;
}

/** An incident flattened for CSV and Arrow: lists joined with ';', the centroid split in two. */
export const IncidentRow = z.object({
  incident_id: z.string(),
  category: Category,
  city: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  complaint_count: z.number().int(),
  peak_count: z.number().int(),
  status: z.enum(['open', 'closed']),
  hexes: z.string(),
  cell_ids: z.string(),
  complaint_ids: z.string(),
  centroid_lat: z.number(),
  centroid_lon: z.number(),
  handling_state: z.enum(['new', 'acknowledged', 'resolved']),
  acknowledged_at: z.iso.datetime().nullable(),
  acknowledged_by: z.string().nullable(),
  resolved_at: z.iso.datetime().nullable(),
  resolved_by: z.string().nullable(),
  root_cause: z.string().nullable(),
  handling_note: z.string().nullable(),
  p_value: z.number().nullable().describe('significance: p-value of the best overlapping signal'),
  recurrence_interval_days: z.number().nullable(),
});
export type IncidentRow = z.infer<typeof IncidentRow>;
