/**
 * Every bench set has the same density — about a million complaints a month in the province —
 * and grows by the days it covers (100k ≈ 3 days, 1M ≈ a month, 10M ≈ 10 months), as an
 * operator's history grows. Denser sets would measure a storm, not scale: the share of
 * complaints in major clusters (and so the work per complaint) rises with density.
 */
export const COMPLAINTS_PER_DAY = 1_000_000 / 30;

/** Days a set of `size` complaints covers, from PERIOD.startLocal. */
export function spanDays(size: number): number {
  return Math.max(1, Math.ceil(size / COMPLAINTS_PER_DAY));
}

/** The first month the generated complaints cover, in the province's local time (UTC+08:00). */
export const PERIOD = {
  startLocal: '2025-09-01 00:00:00',
  offset: '+08:00',
  /** Months that get subscriber counts: every month a 10M set covers, and one on either side. */
  months: [
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
    '2026-04',
    '2026-05',
    '2026-06',
    '2026-07',
  ],
  /** The first month as an ISO-8601 half-open range, for "a month" queries. */
  from: '2025-09-01T00:00:00+08:00',
  to: '2025-10-01T00:00:00+08:00',
} as const;
