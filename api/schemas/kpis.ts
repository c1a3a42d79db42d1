import { z } from 'zod';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { IsoTime, Month } from '../../domain/time-formats.js';

export const KPI_FORMATS: readonly OutputFormat[] = ['json', 'csv', 'arrow'];

const LimitHours = z.coerce
  .number()
  .positive()
  .max(24 * 366);

/** The filters and settings of `cellpulse kpis`, spelled for a query string. */
export const KpiQuery = z.object({
  month: Month.optional().describe('one local month (not with from_month / to_month)'),
  from_month: Month.optional().describe('first local month, inclusive'),
  to_month: Month.optional().describe('last local month, inclusive'),
  city: z.string().min(1).optional(),
  totals: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe("adds a province row per month, city 'ALL'"),
  as_of: IsoTime.optional().describe('judge "past its limit" at this time (default: the newest complaint)'),
  reply_limit_h: LimitHours.default(24).describe('reply limit of a complaint, hours'),
  cluster_reply_limit_h: LimitHours.default(2).describe('reply limit of a complaint in a major cluster, hours'),
  format: formatQuery(KPI_FORMATS),
});
