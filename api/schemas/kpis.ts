import { z } from 'zod';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';
import { IsoTime } from './common.js';

export const KPI_FORMATS: readonly OutputFormat[] = ['json', 'csv', 'arrow'];

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const LimitHours = z.coerce.number().positive().max(24 * 366);

/** The filters and settings of `cellpulse kpis`, spelled for a query string. */
export const KpiQuery = z.object({
  month: Month.optional().describe('one local month (not with from_month / to_month)'),
  from_month: Month.optional().describe('first local month, inclusive'),
  to_month: Month.optional().describe('last local month, inclusive'),
  city: z.string().min(1).optional(),
  totals: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe("adds a province row per month, city 'ALL'"),
  as_of: IsoTime.optional().describe('judge "past its limit" at this time (default: the newest complaint)'),
  reply_limit_h: LimitHours.default(24).describe('reply limit of a complaint, hours'),
  cluster_reply_limit_h: LimitHours.default(2).describe('reply limit of a complaint in a major cluster, hours'),
  format: formatQuery(KPI_FORMATS),
});

const Rate = z.number().nullable();

/** Service-commitment KPIs of one city (or 'ALL') and month; also the CSV/Arrow row. */
export const KpiRow = z.object({
  city: z.string().describe("city, or 'ALL' for the province total"),
  month: z.string().describe('local month of received_at, YYYY-MM'),
  complaints: z.number().int(),
  due: z.number().int().describe('replied, or unreplied past the limit at as_of'),
  pending: z.number().int().describe('unreplied, still within the limit at as_of'),
  on_time: z.number().int().describe('replied within the limit (≤)'),
  on_time_rate: Rate.describe('on_time / due; null when due is 0'),
  limit_passed: z.number().int().describe('received_at + limit ≤ as_of'),
  resolved: z.number().int().describe('of limit_passed: resolved_at set and resolution not unresolved'),
  resolution_ratio: Rate.describe('resolved / limit_passed'),
  compliant: z.number().int().describe('on time, resolved and not dissatisfied'),
  commitment_compliance: Rate.describe('compliant / due'),
  surveyed: z.number().int().describe('with a follow-up answer'),
  satisfied: z.number().int(),
  satisfaction_rate: Rate.describe('satisfied / surveyed'),
  incidents: z.number().int().describe('major complaint incidents that started in the month (by their city)'),
  acknowledged_2h: z.number().int().describe('of incidents: acknowledged within 2 h of their start'),
  acknowledged_2h_rate: Rate.describe('acknowledged_2h / incidents; null without incidents'),
});
