import { ALL_TIME, type TimeSpan } from '../../store/change-log.js';

const DAY_MS = 86_400_000;
/**
 * Widening on each side of a bound read from a query: dates and times without an offset are local
 * to the database's zone, parsed here in the process's (zones differ by at most 26 h). Too wide
 * only costs a recomputation; too narrow would serve a stale answer.
 */
const SLACK_MS = 2 * DAY_MS;

/** The received_at span an answer over [from, to) reads (ISO-8601 bounds; an absent side is unbounded). */
export function instantSpan(from: string | undefined, to: string | undefined): TimeSpan {
  return {
    from: from === undefined ? -Infinity : parse(from, -Infinity) - SLACK_MS,
    to: to === undefined ? Infinity : parse(to, Infinity) + SLACK_MS,
  };
}

/** The span of the local months (or days: `YYYY-MM-DD`) `first` to `last`, inclusive. */
export function periodSpan(first: string | undefined, last: string | undefined): TimeSpan {
  return {
    from: first === undefined ? -Infinity : periodStart(first) - SLACK_MS,
    to: last === undefined ? Infinity : periodEnd(last) + SLACK_MS,
  };
}

/**
 * What a rates answer reads: its periods and, for the change column, as many periods before (a
 * week or a month when grouped by period); the look-back is taken as twice the asked span plus a
 * month and a week, more than any grain needs.
 */
export function rateSpan(first: string | undefined, last: string | undefined): TimeSpan {
  const asked = periodSpan(first, last);
  if (!Number.isFinite(asked.from) || !Number.isFinite(asked.to)) return { ...ALL_TIME, to: asked.to };
  return { from: asked.from - 2 * (asked.to - asked.from) - 38 * DAY_MS, to: asked.to };
}

/** Until when an answer judged at the newest complaint can still change as that moves: `span.to` plus `hours`. */
export function judgedUntil(span: TimeSpan, hours: number): TimeSpan {
  return { from: -Infinity, to: span.to + hours * 3_600_000 };
}

/** The instant of an ISO-8601 text; `unknown` (an unbounded side) when it does not parse. */
function parse(text: string, unknown: number): number {
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? unknown : ms;
}

/** `YYYY-MM` or `YYYY-MM-DD` at 00:00 UTC of its first day. */
function periodStart(period: string): number {
  const [y, m, d] = period.split('-').map(Number) as [number, number, number | undefined];
  return Date.UTC(y, m - 1, d ?? 1);
}

/** The end of the period (its next one's start), 00:00 UTC. */
function periodEnd(period: string): number {
  const [y, m, d] = period.split('-').map(Number) as [number, number, number | undefined];
  return d === undefined ? Date.UTC(y, m, 1) : Date.UTC(y, m - 1, d + 1);
}
