/** The calendar periods a complaint rate can be grouped by; labels are local calendar dates. */
export const PERIOD_GRAINS = ['month', 'week', 'day'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

const DAY_MS = 86_400_000;
/** Mean days per month: scales a monthly target to a day or a week. */
export const DAYS_PER_MONTH = 365.2425 / 12;

/** Periods per month, to compare a rate of one grain with a monthly target. */
export function periodsPerMonth(grain: PeriodGrain): number {
  switch (grain) {
    case 'month':
      return 1;
    case 'week':
      return DAYS_PER_MONTH / 7;
    case 'day':
      return DAYS_PER_MONTH;
    default:
      return grain satisfies never;
  }
}

/**
 * The label of the period a local calendar day falls in: `YYYY-MM` for a month, the Monday
 * `YYYY-MM-DD` for an ISO week, the day itself for a day.
 */
export function periodOf(day: string, grain: PeriodGrain): string {
  if (grain === 'month') return day.slice(0, 7);
  if (grain === 'day') return day;
  const date = parseDay(day);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return formatDay(new Date(date.getTime() - sinceMonday * DAY_MS));
}

/** The month whose subscriber count applies to a period: the month of its first day. */
export function monthOfPeriod(period: string): string {
  return period.slice(0, 7);
}

/** The period `steps` periods after (negative: before) the given one. */
export function shiftPeriod(period: string, grain: PeriodGrain, steps: number): string {
  if (grain === 'month') {
    const [year, month] = period.split('-').map(Number) as [number, number];
    const index = year * 12 + (month - 1) + steps;
    return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  }
  const days = grain === 'week' ? 7 * steps : steps;
  return formatDay(new Date(parseDay(period).getTime() + days * DAY_MS));
}

/** Every period from `first` to `last`, both included, in order. */
export function periodRange(first: string, last: string, grain: PeriodGrain): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = shiftPeriod(p, grain, 1)) out.push(p);
  return out;
}

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
