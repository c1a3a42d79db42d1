import { z } from 'zod';
import { Category } from './enums.js';

const SignalStatus = z.enum(['new', 'ongoing']);

/**
 * A space-time cluster found by the prospective scan (SPEC §11): a zone of 1 or 7 hexagons and
 * a window (start, end] ending at the analysis time. Timestamps are ISO-8601 UTC.
 */
export const Signal = z.object({
  signal_id: z.string().describe('stable: a hash of the category, hexagons and window'),
  category: Category,
  hexes: z.array(z.string()).describe('H3 cells of the zone (1 or 7), sorted'),
  start: z.string().describe('start of the window (exclusive), ISO-8601'),
  end: z.string().describe('end of the window (inclusive): the analysis time, ISO-8601'),
  observed: z.number().int().describe('complaints of the category in the zone and window'),
  expected: z.number().describe('N_zone × N_window / N under the permutation model'),
  llr: z.number().describe('log-likelihood ratio'),
  p_value: z.number().describe('Monte Carlo p-value against the most likely cluster of each replicate'),
  recurrence_interval_days: z
    .number()
    .describe('1 / (p × analyses per day): how often chance alone gives a cluster this strong'),
  status: SignalStatus.describe('ongoing: overlaps a signal of an earlier analysis'),
  incident_ids: z.array(z.string()).describe('incidents sharing a hexagon and overlapping the window'),
});
export type Signal = z.infer<typeof Signal>;

/** A signal as a CSV line or Arrow row (lists joined with ";"). */
export const SignalRow = z.object({
  signal_id: z.string(),
  category: Category,
  start: z.string(),
  end: z.string(),
  observed: z.number().int(),
  expected: z.number(),
  llr: z.number(),
  p_value: z.number(),
  recurrence_interval_days: z.number(),
  status: SignalStatus,
  hexes: z.string(),
  incident_ids: z.string(),
});
export type SignalRow = z.infer<typeof SignalRow>;

/** An incident's best overlapping signal; null until an analysis has covered it. */
export const Significance = z
  .object({ p_value: z.number(), recurrence_interval_days: z.number() })
  .nullable()
  .describe('p-value and recurrence interval of the best overlapping signal (null until analysed)');
export type Significance = z.infer<typeof Significance>;
