import { z } from 'zod';

/** A local month, `YYYY-MM`. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** An ISO-8601 date or date-time, with or without an offset (SPEC §1: without one it is local time). */
export const ISO_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;

/** Whether `text` is an ISO-8601 date or date-time of a real day and hour. */
export function isIsoTime(text: string): boolean {
  return ISO_TIME_PATTERN.test(text) && !Number.isNaN(Date.parse(text.replace(' ', 'T')));
}

export const Month = z.string().regex(MONTH_PATTERN, 'a month YYYY-MM');

/** An ISO-8601 date or date-time; without an offset it is local time in the database's zone (SPEC §1). */
export const IsoTime = z
  .string()
  .regex(ISO_TIME_PATTERN, 'not an ISO-8601 date or date-time (e.g. 2024-05-01T08:00:00+08:00)')
  .refine((text) => !Number.isNaN(Date.parse(text.replace(' ', 'T'))), 'not a real date');

/** An instant as the store answers it: UTC ISO-8601 (`2026-10-05T02:00:00.000Z`). */
export const IsoDateTime = z.iso.datetime();
