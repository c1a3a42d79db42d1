import { z } from 'zod';
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
