import type { Category, Technology } from '../../domain/enums.js';
import { CellpulseError } from '../../domain/errors.js';
import { ROUTES } from '../../domain/triage.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import { PERIOD_GRAINS, periodOf, periodRange, periodsPerMonth, shiftPeriod, type PeriodGrain } from './periods.js';
import {
  rollUp,
  type RateCell,
  type RateField,
  type RateSum,
  type RollupPlan,
  type SubscriberCount,
} from './rate-rollup.js';
import { readRateTargets, type RateTargets } from './rate-targets.js';
import { MONTH_PATTERN } from '../../domain/time-formats.js';
import type { RateRow } from '../../domain/complaint-rate.js';

export type { RateField } from './rate-rollup.js';
export const RATE_FIELDS: readonly RateField[] = ['city', 'technology', 'route', ...PERIOD_GRAINS];
/** A route group's route: the triage routes in the rules' order, then complaints stored before triage existed. */
const ROUTE_ORDER: readonly string[] = [...ROUTES, 'untriaged'];

/**
 * `city,technology,month` as group fields, for the CLI's `--by` and the API's `by`.
 * @throws CellpulseError invalid_parameter naming the unknown field and the allowed ones.
 */
export function parseRateFields(text: string, flag: string): RateField[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(RATE_FIELDS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new CellpulseError(
      'invalid_parameter',
      `${flag} takes fields of ${RATE_FIELDS.join(', ')}; not ${unknown.join(', ')}`,
      text,
    );
  }
  return names as RateField[];
}

export interface RateQuery {
  /** Group fields, in output order; none gives one total. At most one of month, week, day. */
  by: readonly RateField[];
  /**
   * First and last local month (`YYYY-MM`) or day (`YYYY-MM-DD`), inclusive, rounded out to whole periods; default:
   * the data's.
   */
  from?: string;
  to?: string;
  city?: string;
  technology?: Technology;
  /** Counts only this category's complaints (subscribers are all of the group's). */
  category?: Category;
  /** Monthly targets overriding the stored ones. */
  targets?: RateTargets;
}

/** One group's complaint rate (SPEC §4), with its target and its change against the period before. */
export type { RateRow } from '../../domain/complaint-rate.js';

const CELLS_SQL = loadSql(import.meta.url, 'complaint-cells');
const ROUTE_CELLS_SQL = loadSql(import.meta.url, 'complaint-route-cells');
const SUBSCRIBERS_SQL = `SELECT city, technology, month, subscribers FROM subscribers
  WHERE ($city IS NULL OR city = $city) AND ($technology IS NULL OR technology = $technology)`;

/**
 * Complaint rates per 10,000 subscribers grouped by any of city, technology and a period
 * (month, ISO week or day, in the database's zone). Totals are Σcomplaints / Σsubscribers ×
 * 10,000; a period's subscribers are those of the month it starts in. Groups with subscribers and
 * no complaints are listed with rate 0; groups with complaints and no subscribers get a null rate
 * and a warning. A route has no subscribers of its own: a group with `route` counts the complaints on
 * that route over all the subscribers of its other fields, so the routes' rates add up to the rate
 * without the route (its share of the rate); every route is listed, `untriaged` only when it occurs.
 * Route groups are read from `complaints` directly (routes change after the write), the others from
 * the aggregates.
 * @throws CellpulseError invalid_parameter for repeated fields, two period fields, or a bad date.
 */
export async function complaintRates(db: Database, query: RateQuery): Promise<RateRow[]> {
  const grain = periodGrain(query.by);
  const bounds = dayBounds(query.from, query.to);
  const byPeriod = query.by.includes(grain);
  const known =
    bounds.first !== undefined && bounds.last !== undefined
      ? periodRange(periodOf(bounds.first, grain), periodOf(bounds.last, grain), grain)
      : undefined;
  const lookback = byPeriod ? 1 : known?.length;
  const sqlFrom =
    bounds.first === undefined || lookback === undefined
      ? null
      : periodStartDay(shiftPeriod(periodOf(bounds.first, grain), grain, -lookback));
  const sqlEnd = bounds.last === undefined ? null : periodStartDay(shiftPeriod(periodOf(bounds.last, grain), grain, 1));
  const filter = { city: query.city ?? null, technology: query.technology ?? null };
  const byRoute = query.by.includes('route');
  const dayCells = await db.all<DayCell>(byRoute ? ROUTE_CELLS_SQL : CELLS_SQL, {
    ...filter,
    category: query.category ?? null,
    first_day: sqlFrom,
    end_day: sqlEnd,
  });
  const cells: RateCell[] = sumByPeriod(dayCells, grain);
  const subscribers = (
    await db.all<{ city: string; technology: string; month: string; subscribers: bigint }>(SUBSCRIBERS_SQL, filter)
  ).map((s): SubscriberCount => ({ ...s, subscribers: Number(s.subscribers) }));
  const periods = known ?? dataPeriods(dayCells, bounds, grain);
  if (periods.length === 0) return [];
  const previousPeriods = periodRange(
    shiftPeriod(periods[0]!, grain, -(byPeriod ? 1 : periods.length)),
    shiftPeriod(periods[0]!, grain, -1),
    grain,
  );
  const routes = byRoute ? { routes: routesOf(cells) } : {};
  const plan: RollupPlan = { by: query.by, grain, periods, previous: previousPeriods, ...routes };
  if (byRoute) plan.routes = routesOf(cells);
  const targets = { ...(await readRateTargets(db)), ...query.targets };
  const { current, previous } = rollUp(cells, subscribers, plan);
  return [...current.entries()]
    .sort(([, a], [, b]) => compareGroups(a.group, b.group, query.by))
    .map(([key, sum]) => rateRow(sum, previous.get(key), targetFor(sum, query, targets, byPeriod ? grain : 'month')));
}

type DayCell = { city: string; technology: string; day: string; route?: string; complaints: bigint };

/** Every triage route, and `untriaged` when some complaint has no route (stored before triage existed). */
function routesOf(cells: readonly RateCell[]): string[] {
  return cells.some((c) => c.route === 'untriaged') ? [...ROUTE_ORDER] : [...ROUTES];
}

/** Group order: field by field in `by` order, values as text (periods chronological), routes in the rules' order. */
function compareGroups(a: RateSum['group'], b: RateSum['group'], by: readonly RateField[]): number {
  for (const field of by) {
    const [x, y] =
      field === 'route'
        ? [ROUTE_ORDER.indexOf(a.route ?? ''), ROUTE_ORDER.indexOf(b.route ?? '')]
        : [a[field] ?? '', b[field] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function periodGrain(by: readonly RateField[]): PeriodGrain {
  if (new Set(by).size !== by.length)
    throw new CellpulseError('invalid_parameter', 'each group field may be named once', by.join(','));
  const periods = PERIOD_GRAINS.filter((g) => by.includes(g));
  if (periods.length > 1)
    throw new CellpulseError('invalid_parameter', 'group by at most one of month, week, day', by.join(','));
  return periods[0] ?? 'month';
}

/** `YYYY-MM` or `YYYY-MM-DD` bounds as inclusive local days. */
function dayBounds(from: string | undefined, to: string | undefined): { first?: string; last?: string } {
  const first = from === undefined ? undefined : parseDayBound(from, 'from', false);
  const last = to === undefined ? undefined : parseDayBound(to, 'to', true);
  if (first !== undefined && last !== undefined && first > last)
    throw new CellpulseError('invalid_parameter', `from (${from}) is after to (${to})`, from);
  return { ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }) };
}

function parseDayBound(value: string, name: string, end: boolean): string {
  const month = MONTH_PATTERN.exec(value);
  if (month)
    return end
      ? shiftPeriod(`${value}-01`, 'day', -1 + daysInMonth(Number(month[1]), Number(month[2])))
      : `${value}-01`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
  throw new CellpulseError('invalid_parameter', `${name} must be a month YYYY-MM or a day YYYY-MM-DD`, value);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function periodStartDay(period: string): string {
  return period.length === 7 ? `${period}-01` : period;
}

function sumByPeriod(dayCells: readonly DayCell[], grain: PeriodGrain): RateCell[] {
  const cells = new Map<string, RateCell>();
  for (const d of dayCells) {
    const period = periodOf(d.day, grain);
    const key = `${d.city}\u0000${d.technology}\u0000${period}\u0000${d.route ?? ''}`;
    const route = d.route === undefined ? {} : { route: d.route };
    const cell = cells.get(key) ?? { city: d.city, technology: d.technology, period, ...route, complaints: 0 };
    cell.complaints += Number(d.complaints);
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/** Periods from the first to the last day with complaints, within whichever bound was given. */
function dataPeriods(
  dayCells: readonly { day: string }[],
  bounds: { first?: string; last?: string },
  grain: PeriodGrain,
): string[] {
  const days = dayCells
    .map((d) => d.day)
    .filter(
      (d) => (bounds.first === undefined || d >= bounds.first) && (bounds.last === undefined || d <= bounds.last),
    );
  if (days.length === 0) return [];
  // ISO days order as strings (Math.min/max would not compare them).
  const ordered = days.toSorted();
  const first = bounds.first ?? ordered[0]!;
  const last = bounds.last ?? ordered[ordered.length - 1]!;
  return periodRange(periodOf(first, grain), periodOf(last, grain), grain);
}

function targetFor(sum: RateSum, query: RateQuery, targets: RateTargets, grain: PeriodGrain): number | null {
  // A target is for all of a group's complaints; a route's rate is only a share of that.
  if (query.by.includes('route')) return null;
  const technology = (sum.group.technology ?? query.technology) as Technology | undefined;
  const monthly = technology === undefined ? undefined : targets[technology];
  return monthly === undefined ? null : monthly / periodsPerMonth(grain);
}

function rateRow(sum: RateSum, before: RateSum | undefined, target: number | null): RateRow {
  const rate = ratePer10k(sum);
  const previous = before === undefined ? null : ratePer10k(before);
  return {
    ...sum.group,
    complaints: sum.complaints,
    subscribers: sum.subscribers,
    rate_per_10k: rate,
    target_per_10k: target,
    above_target: rate === null || target === null ? null : rate > target,
    previous_rate_per_10k: previous,
    change_per_10k: rate === null || previous === null ? null : rate - previous,
    warning: warningFor(sum),
  };
}

function ratePer10k(sum: RateSum): number | null {
  // × 10,000 first: 3 / 10,000 × 10,000 would give 2.9999999999999996.
  return sum.subscribers === null || sum.subscribers === 0 ? null : (sum.complaints * 10_000) / sum.subscribers;
}

function warningFor(sum: RateSum): string | null {
  if (sum.missing.length === 0) return null;
  const cells =
    sum.missing.length > 3
      ? `${sum.missing.slice(0, 3).join(', ')} and ${sum.missing.length - 3} more`
      : sum.missing.join(', ');
  if (sum.subscribers === null) return `no subscriber count for ${cells}: rate not computed`;
  return (
    `no subscriber count for ${cells}: their complaints are counted, their ` +
    `subscribers are not, so the rate is overstated`
  );
}
