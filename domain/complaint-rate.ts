import { z } from 'zod';

/** One group's rate; also the CSV/Arrow row (group fields not grouped by are null). */
export const RateRow = z.object({
  city: z.string().optional(),
  technology: z.string().optional(),
  route: z
    .string()
    .optional()
    .describe('triage route (SPEC §11) or "untriaged"; its rate: its complaints over all the group’s subscribers'),
  month: z.string().optional(),
  week: z.string().optional().describe('Monday of the ISO week, YYYY-MM-DD'),
  day: z.string().optional(),
  complaints: z.number().int(),
  subscribers: z.number().int().nullable(),
  rate_per_10k: z.number().nullable().describe('complaints / subscribers × 10,000; null without a subscriber count'),
  target_per_10k: z.number().nullable(),
  above_target: z.boolean().nullable(),
  previous_rate_per_10k: z.number().nullable().describe('the same group in the period before'),
  change_per_10k: z.number().nullable(),
  warning: z.string().nullable(),
});
export type RateRow = z.infer<typeof RateRow>;
