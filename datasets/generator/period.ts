import { CellpulseError } from '../../domain/errors.js';

/** The province keeps China Standard Time: UTC+8 all year, no daylight saving since 1991. */
export const LOCAL_OFFSET_MS = 8 * 3_600_000;
export const HOUR_MS = 3_600_000;

/** A generation period: whole local days from `from` (local midnight) for a number of calendar months. */
export interface Period {
  fromMs: number;
  toMs: number;
  /** Every local month 'YYYY-MM' the period touches, in order. */
  months: string[];
}

/**
 * Local-time share of complaints by hour of day (00..23): quiet at night, busy mornings and
 * evenings. Relative weights, not normalised.
 */
export const HOURLY_PROFILE: readonly number[] = [
  0.3, 0.18, 0.12, 0.1, 0.1, 0.15, 0.35, 0.65, 1.0, 1.3, 1.4, 1.35, 1.2, 1.2, 1.25, 1.25, 1.2, 1.2, 1.3, 1.45, 1.5, 1.3,
  0.9, 0.55,
];

/**
 * The period starting at local midnight of `from` (YYYY-MM-DD) and lasting `months` calendar months.
 * @throws CellpulseError invalid_parameter for a malformed date or a month count outside 1..600.
 */
export function buildPeriod(from: string, months: number): Period {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  if (!match) throw new CellpulseError('invalid_parameter', '--from must be a date YYYY-MM-DD', from);
  if (!Number.isInteger(months) || months < 1 || months > 600)
    throw new CellpulseError('invalid_parameter', '--months must be an integer from 1 to 600', months);
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const fromMs = Date.UTC(y, m, d) - LOCAL_OFFSET_MS;
  const toMs = Date.UTC(y, m + months, d) - LOCAL_OFFSET_MS;
  if (new Date(fromMs + LOCAL_OFFSET_MS).toISOString().slice(0, 10) !== from) {
    throw new CellpulseError('invalid_parameter', '--from is not a calendar date', from);
  }
  const list: string[] = [];
  for (let t = fromMs; t < toMs; t += 24 * HOUR_MS) {
    const month = localMonth(t);
    if (list[list.length - 1] !== month) list.push(month);
  }
  return { fromMs, toMs, months: list };
}

/** The local month 'YYYY-MM' of an instant. */
export function localMonth(ms: number): string {
  return new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 7);
}

/** The local hour of day (0..23) of an instant. */
export function localHour(ms: number): number {
  return new Date(ms + LOCAL_OFFSET_MS).getUTCHours();
}

/** ISO-8601 with the explicit +08:00 offset, to the second: '2026-10-01T09:15:00+08:00'. */
export function formatLocal(ms: number): string {
  return `${new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
