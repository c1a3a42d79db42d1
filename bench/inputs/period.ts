/** The month the generated complaints cover, in the province's local time (UTC+08:00). */
export const PERIOD = {
  /** First local day and the number of days covered. */
  startLocal: '2025-09-01 00:00:00',
  days: 30,
  offset: '+08:00',
  /** Months that get subscriber counts (the period and one on either side). */
  months: ['2025-08', '2025-09', '2025-10'],
  /** The period as an ISO-8601 half-open range, for month filters. */
  from: '2025-09-01T00:00:00+08:00',
  to: '2025-10-01T00:00:00+08:00',
} as const;
