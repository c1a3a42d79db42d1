import { z } from 'zod';
import { Category } from '../../domain/enums.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { PeriodFilter } from './common.js';

export const INCIDENT_FORMATS: readonly OutputFormat[] = ['json', 'geojson', 'csv', 'arrow'];

/** The filters of `cellpulse clusters`: incidents whose span meets [from, to). */
export const IncidentQuery = PeriodFilter.extend({ format: formatQuery(INCIDENT_FORMATS) });

export const IncidentParams = z.object({ id: z.string().min(1).max(200) });

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
});
