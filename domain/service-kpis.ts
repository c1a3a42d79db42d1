import { z } from 'zod';

const Rate = z.number().nullable();

/**
 * Service-commitment KPIs (SPEC §4) of one city (or 'ALL') and local month, and the incident pick-up
 * figures (SPEC §10); rates are null when their denominator is 0. Also the CSV/Arrow row.
 */
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
export type KpiRow = z.infer<typeof KpiRow>;
