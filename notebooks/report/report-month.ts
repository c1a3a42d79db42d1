import { shiftPeriod } from '../../analytics/rates/periods.js';
import { CellpulseError } from '../../domain/errors.js';
import { MONTH_PATTERN } from '../../domain/time-formats.js';

/** A report month and the bounds every section queries with. */
export interface ReportMonth {
  /** `YYYY-MM`, local to the database's zone. */
  month: string;
  previous: string;
  /** First month of the trend charts (TREND_MONTHS months up to `month`). */
  trendFrom: string;
  /**
   * Local midnight of the 1st, written without an offset so the analytics read it in the
   * database's zone (a UTC bound would shift the month by the zone's offset).
   */
  from: string;
  /** Local midnight of the next month's 1st (exclusive). */
  to: string;
  previousFrom: string;
}

export const TREND_MONTHS = 6;

/** @throws CellpulseError invalid_parameter unless `month` is `YYYY-MM`. */
export function reportMonth(month: string): ReportMonth {
  if (!MONTH_PATTERN.test(month)) throw new CellpulseError('invalid_parameter', '--month must be YYYY-MM', month);
  const previous = shiftPeriod(month, 'month', -1);
  return {
    month,
    previous,
    trendFrom: shiftPeriod(month, 'month', 1 - TREND_MONTHS),
    from: localMidnight(month),
    to: localMidnight(shiftPeriod(month, 'month', 1)),
    previousFrom: localMidnight(previous),
  };
}

function localMidnight(month: string): string {
  return `${month}-01T00:00:00`;
}
