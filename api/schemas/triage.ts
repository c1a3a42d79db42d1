import { z } from 'zod';
import { ROUTES } from '../../domain/triage.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { IsoTime, Month } from '../../domain/time-formats.js';

export const TRIAGE_FORMATS: readonly OutputFormat[] = ['json', 'csv', 'arrow'];

export const ComplaintParams = z.object({ id: z.string().min(1).max(200) });

/** `GET /v1/complaints` filters. */
export const ComplaintListQuery = z.object({
  route: z
    .enum([...ROUTES, 'untriaged'])
    .optional()
    .describe('a route, or untriaged (stored before triage existed)'),
  city: z.string().min(1).max(200).optional(),
  from: IsoTime.optional().describe('received at or after (ISO-8601)'),
  to: IsoTime.optional().describe('received before (ISO-8601)'),
  limit: z.coerce.number().int().min(1).max(100_000).default(1000).describe('at most this many, newest first'),
  format: formatQuery(TRIAGE_FORMATS),
});

export const RouteCountQuery = z.object({
  month: Month.optional().describe('one local month; all complaints without it'),
  city: z.string().min(1).max(200).optional(),
  format: formatQuery(TRIAGE_FORMATS),
});

export const AppraisalQuery = z.object({
  month: Month.optional().describe('local month; default the newest complaint’s'),
  format: formatQuery(TRIAGE_FORMATS),
});

/** `POST /v1/triage/recompute`: re-triage the complaints received in [from, to) (`cellpulse triage --recompute`). */
export const RecomputeBody = z.object({
  from: IsoTime.describe('first time, inclusive (ISO-8601; without an offset, local in the database’s zone)'),
  to: IsoTime.describe('end time, exclusive'),
});

export const RecomputeResult = RecomputeBody.extend({
  changed: z.number().int().describe('complaints whose route or reason changed'),
});
export type RecomputeResult = z.infer<typeof RecomputeResult>;
