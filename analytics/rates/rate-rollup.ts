import { monthOfPeriod, shiftPeriod, type PeriodGrain } from './periods.js';

/** Complaints of one city and technology in one period (the finest grain of a rate), and route when grouped by it. */
export interface RateCell {
  city: string;
  technology: string;
  period: string;
  route?: string;
  complaints: number;
}

/** Subscribers of one city and technology in one month. */
export interface SubscriberCount {
  city: string;
  technology: string;
  month: string;
  subscribers: number;
}

/** The fields a rate can be grouped by; at most one of month, week, day (the period). */
export type RateField = 'city' | 'technology' | 'route' | PeriodGrain;

/** Σ of one group: complaints, subscribers (null when no cell had a count), cells lacking one. */
export interface RateSum {
  group: Partial<Record<RateField, string>>;
  complaints: number;
  subscribers: number | null;
  /** `city/technology/month` of cells with complaints but no subscriber count. */
  missing: string[];
}

export interface RollupPlan {
  by: readonly RateField[];
  grain: PeriodGrain;
  /** Periods reported, in order. */
  periods: readonly string[];
  /**
   * The periods just before, for the change column: one when the period is a group field, else as many as `periods`.
   */
  previous: readonly string[];
  /**
   * With `route` in `by`: every route a cell can have. Each (city, technology, period) then gets a cell per
   * route (zero when it has no complaints), so a route group's subscribers are all those of its city and
   * technology, exactly as without the route.
   */
  routes?: readonly string[];
}

export interface Rollup {
  current: Map<string, RateSum>;
  /** By the same key as `current`: the group's sums in the period before. */
  previous: Map<string, RateSum>;
}

/**
 * Sums complaints and subscribers into groups (Σcomplaints, Σsubscribers: totals are never an
 * average of rates). A period's subscribers are those of the month it starts in; a (city,
 * technology, period) with subscribers and no complaints counts with 0 complaints.
 */
export function rollUp(cells: readonly RateCell[], subscribers: readonly SubscriberCount[], plan: RollupPlan): Rollup {
  const byPeriodField = plan.by.includes(plan.grain);
  const reported = new Set(plan.periods);
  const counts = subscriberIndex(subscribers);
  const current = new Map<string, RateSum>();
  const previous = new Map<string, RateSum>();
  const place = (cell: RateCell): void => {
    const inCurrent = reported.has(cell.period);
    if (inCurrent) add(current, cell, plan.by, cell.period, counts);
    if (byPeriodField) {
      const next = shiftPeriod(cell.period, plan.grain, 1);
      if (reported.has(next)) add(previous, cell, plan.by, next, counts);
    } else if (!inCurrent) add(previous, cell, plan.by, cell.period, counts);
  };
  for (const cell of allCells(cells, subscribers, [...plan.previous, ...plan.periods], plan.routes)) place(cell);
  return { current, previous };
}

/** The key of a group: its field values in `by` order. */
export function groupKey(group: Partial<Record<RateField, string>>, by: readonly RateField[]): string {
  return by.map((f) => group[f] ?? '').join('\u0000');
}

function add(
  into: Map<string, RateSum>,
  cell: RateCell,
  by: readonly RateField[],
  period: string,
  counts: Map<string, number>,
): void {
  const group = groupOf(cell, by, period);
  const key = groupKey(group, by);
  let sum = into.get(key);
  if (!sum) {
    sum = { group, complaints: 0, subscribers: null, missing: [] };
    into.set(key, sum);
  }
  const month = monthOfPeriod(cell.period);
  const count = counts.get(cellKey(cell.city, cell.technology, month, undefined));
  sum.complaints += cell.complaints;
  if (count !== undefined) sum.subscribers = (sum.subscribers ?? 0) + count;
  else if (cell.complaints > 0) sum.missing.push(`${cell.city}/${cell.technology}/${month}`);
}

function groupOf(cell: RateCell, by: readonly RateField[], period: string): Partial<Record<RateField, string>> {
  const group: Partial<Record<RateField, string>> = {};
  for (const field of by) group[field] = fieldValue(cell, field, period);
  return group;
}

function fieldValue(cell: RateCell, field: RateField, period: string): string {
  switch (field) {
    case 'city':
      return cell.city;
    case 'technology':
      return cell.technology;
    case 'route':
      return cell.route ?? '';
    case 'month':
    case 'week':
    case 'day':
      return period;
    default:
      return field satisfies never;
  }
}

/** The complaint cells, plus a zero cell for every subscriber count (and route) of a period that has no complaints. */
function allCells(
  cells: readonly RateCell[],
  subscribers: readonly SubscriberCount[],
  periods: readonly string[],
  routes: readonly string[] | undefined,
): RateCell[] {
  const wanted = new Set(periods);
  const out = cells.filter((c) => wanted.has(c.period));
  const seen = new Set(out.map((c) => cellKey(c.city, c.technology, c.period, c.route)));
  const periodsByMonth = new Map<string, string[]>();
  for (const p of wanted) {
    const month = monthOfPeriod(p);
    periodsByMonth.set(month, [...(periodsByMonth.get(month) ?? []), p]);
  }
  for (const s of subscribers) {
    for (const period of periodsByMonth.get(s.month) ?? []) {
      for (const route of routes ?? [undefined]) {
        if (seen.has(cellKey(s.city, s.technology, period, route))) continue;
        const cell = { city: s.city, technology: s.technology, period, complaints: 0 };
        out.push(route === undefined ? cell : { ...cell, route });
      }
    }
  }
  return out;
}

function subscriberIndex(subscribers: readonly SubscriberCount[]): Map<string, number> {
  return new Map(subscribers.map((s) => [cellKey(s.city, s.technology, s.month, undefined), s.subscribers]));
}

function cellKey(city: string, technology: string, when: string, route: string | undefined): string {
  return `${city}\u0000${technology}\u0000${when}\u0000${route ?? ''}`;
}
