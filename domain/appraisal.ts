import { z } from 'zod';

/** One city's monthly appraisal (考核, SPEC §11): complaint rate out of 4, commitment compliance out of 5. */
export const AppraisalRow = z.object({
  city: z.string(),
  month: z.string().describe('local month, YYYY-MM'),
  complaints: z.number().int(),
  subscribers: z.number().int().nullable(),
  rate: z.number().nullable().describe('complaints per 10,000 subscribers; null without subscribers'),
  rate_target: z.number().nullable().describe('the technologies’ rate targets weighted by the city’s subscribers'),
  rate_points: z
    .number()
    .nullable()
    .describe('0–4: full at or below the target, 0 at twice the target; null without a rate'),
  compliance: z.number().nullable().describe('commitment compliance (SPEC §4), a fraction; null with no due complaint'),
  compliance_target: z.number(),
  compliance_points: z.number().nullable().describe('0–5: full at or above the target, 0 at 0.20 below it'),
  total: z.number().nullable().describe('rate_points + compliance_points, 0–9; null when either is null'),
  rank: z.number().int().nullable().describe('1 = best total in the province; ties share a rank; null without a total'),
  warning: z.string().nullable(),
});
export type AppraisalRow = z.infer<typeof AppraisalRow>;
