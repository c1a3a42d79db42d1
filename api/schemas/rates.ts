import { z } from 'zod';
import { Category, Technology } from '../../domain/enums.js';
import { parseRateFields, RATE_FIELDS } from '../../analytics/rates/complaint-rates.js';
import { formatQuery, type OutputFormat } from '../formats/negotiate.js';

export const RATE_FORMATS: readonly OutputFormat[] = ['json', 'csv', 'arrow'];

const PeriodBound = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, 'a month YYYY-MM or a day YYYY-MM-DD');

/** `?by=city,technology,month` as a list of group fields. */
const GroupFields = z
  .string()
  .transform((text, ctx) => {
    try {
      return parseRateFields(text, 'by');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  })
  .describe(
    `comma-separated group fields of ${RATE_FIELDS.join(', ')} (at most one period); empty for one total; ` +
      'route: complaints per triage route over the subscribers of the other fields',
  );

const Target = z.coerce.number().min(0).optional();

export const RateQuery = z.object({
  by: GroupFields.default(['city', 'technology', 'month']),
  from: PeriodBound.optional().describe('first local month or day, inclusive'),
  to: PeriodBound.optional().describe('last local month or day, inclusive'),
  city: z.string().min(1).optional(),
  technology: Technology.optional(),
  category: Category.optional().describe('count only this category'),
  target_gsm: Target.describe('monthly target per 10k overriding the stored GSM one'),
  target_wcdma: Target,
  target_lte: Target,
  target_nr: Target,
  format: formatQuery(RATE_FORMATS),
});
