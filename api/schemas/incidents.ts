import { z } from 'zod';
import { Category } from '../../domain/enums.js';
import { ROOT_CAUSES } from '../../domain/incident.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { PeriodFilter } from './common.js';

export const INCIDENT_FORMATS: readonly OutputFormat[] = ['json', 'geojson', 'csv', 'arrow'];

/** The filters of `cellpulse clusters`: incidents whose span meets [from, to). */
export const IncidentQuery = PeriodFilter.extend({ format: formatQuery(INCIDENT_FORMATS) });

export const IncidentParams = z.object({ id: z.string().min(1).max(200) });

const Who = z.string().trim().min(1, 'by: say who (a name or a team)').max(200);
const Note = z.string().max(2000).optional();

/** `POST /v1/incidents/{id}/ack` (SPEC §10). */
export const AckBody = z.object({ by: Who, note: Note });

/** `POST /v1/incidents/{id}/resolve` (SPEC §10). */
export const ResolveBody = z.object({
  by: Who,
  root_cause: z.enum(ROOT_CAUSES, { error: `root_cause must be one of ${ROOT_CAUSES.join(', ')}` }),
  note: Note,
});

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
