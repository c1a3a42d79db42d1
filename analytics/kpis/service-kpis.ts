import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { loadSql } from '../../store/sql-files.js';
import { incidentKpis, NO_INCIDENTS, type IncidentKpis } from '../alerts/incident-kpis.js';
import { isIsoTime, MONTH_PATTERN } from '../../domain/time-formats.js';
import { KpiRow } from '../../domain/service-kpis.js';

export interface ServiceKpiQuery {
  /** One local month, `YYYY-MM`; not together with fromMonth / toMonth. */
  month?: string;
  /** First and last local month, `YYYY-MM`, both inclusive. */
  fromMonth?: string;
  toMonth?: string;
  city?: string;
  /** Adds one province row per month, city 'ALL': sums of the counts, rates recomputed from them. */
  totals?: boolean;
  /**
   * ISO-8601 instant at which "past its limit" is judged; without an offset, local time in the
   * database's zone. Default: the newest received_at in the complaints table (data time).
   */
  asOf?: string;
  /** Reply limit of an ordinary complaint, hours (default 24). */
  replyLimitHours?: number;
  /** Reply limit of a complaint in a major cluster (a row of `cluster_members`), hours (default 2). */
  clusterReplyLimitHours?: number;
}

/** Service-commitment KPIs of one city (or 'ALL') and local month (domain/service-kpis.ts). */
export type ServiceKpiRow = KpiRow;

export const DEFAULT_REPLY_LIMIT_HOURS = 24;
export const DEFAULT_CLUSTER_REPLY_LIMIT_HOURS = 2;

/**
 * Service-commitment KPIs (SPEC §4) per city and local month of received_at. The reply limit is
 * 24 h, or 2 h for a complaint in a major cluster. A complaint is *due* when it was replied or its
 * limit has passed at `asOf`; unreplied complaints still within their limit are *pending* and left
 * out of the on-time denominator.
 * - on_time_rate = on_time / due (replied exactly at the limit is on time; unreplied and due is late);
 * - resolution_ratio = resolved / limit_passed (resolved: resolved_at set and resolution not
 *   'unresolved'; a missing resolution with resolved_at set counts as resolved);
 * - commitment_compliance = compliant / due (on time AND resolved AND satisfied IS DISTINCT FROM false);
 * - satisfaction_rate = satisfied / surveyed;
 * - incidents (by city and month of their start) and the share acknowledged within 2 h of it (SPEC §10).
 * Replies and resolutions are taken as recorded, whatever their time relative to asOf.
 * Rows are sorted by month, then city, the 'ALL' row last.
 * @throws CellpulseError invalid_parameter for a month that is not `YYYY-MM`, month combined with
 *   a range, fromMonth after toMonth, an asOf that is not ISO-8601, or a limit that is not > 0.
 */
export async function serviceKpis(db: Database, query: ServiceKpiQuery = {}): Promise<ServiceKpiRow[]> {
  const params = sqlParams(query);
  const rows = await kpiRows(db, params);
  const incidents = await incidentKpis(db, query.city ?? null);
  const incidentsOf = (row: KpiCounts): IncidentKpis => incidents.get(`${row.city}|${row.month}`) ?? NO_INCIDENTS;
  return rows.map((row) => ({ ...toKpiRow(row), ...incidentsOf(row) }));
}

/** The counts per city and month: from the day aggregate with the default limits, else by a full scan. */
async function kpiRows(db: Database, params: Record<string, string | number | boolean | null>): Promise<KpiCounts[]> {
  if (!usesDefaultLimits(params)) return db.all<KpiCounts>(FULL_SCAN_SQL, params);
  const [cut] = await db.all<{ as_of_ms: number | null; cut_day: string }>(CUT_SQL, {
    as_of: params.as_of ?? null,
    reply_limit_ms: params.reply_limit_ms ?? null,
  });
  // No complaints (and no asOf): nothing to judge.
  if (cut?.as_of_ms === null || cut?.as_of_ms === undefined) return [];
  const { as_of: _judgedInCut, ...rest } = params;
  return db.all<KpiCounts>(FROM_DAYS_SQL, { ...rest, as_of_ms: cut.as_of_ms, cut_day: cut.cut_day });
}

/** The day aggregate (analytics/aggregates) holds on-time counts for the default limits only. */
const FROM_DAYS_SQL = loadSql(import.meta.url, 'service-kpis-from-days');
const FULL_SCAN_SQL = loadSql(import.meta.url, 'service-kpis');
const CUT_SQL = loadSql(import.meta.url, 'service-kpis-cut');

function usesDefaultLimits(params: Record<string, unknown>): boolean {
  return (
    params.reply_limit_ms === DEFAULT_REPLY_LIMIT_HOURS * 3_600_000 &&
    params.cluster_reply_limit_ms === DEFAULT_CLUSTER_REPLY_LIMIT_HOURS * 3_600_000
  );
}

function sqlParams(query: ServiceKpiQuery): Record<string, string | number | boolean | null> {
  const { fromMonth, toMonth } = monthRange(query);
  if (query.asOf !== undefined && !isIsoTime(query.asOf)) {
    throw new CellpulseError(
      'invalid_parameter',
      'asOf is not an ISO-8601 date or date-time (e.g. 2024-05-01T08:00:00+08:00)',
      query.asOf,
    );
  }
  return {
    as_of: query.asOf ?? null,
    reply_limit_ms: limitMs(query.replyLimitHours ?? DEFAULT_REPLY_LIMIT_HOURS, 'replyLimitHours'),
    cluster_reply_limit_ms: limitMs(
      query.clusterReplyLimitHours ?? DEFAULT_CLUSTER_REPLY_LIMIT_HOURS,
      'clusterReplyLimitHours',
    ),
    city: query.city ?? null,
    from_month: fromMonth,
    to_month: toMonth,
    totals: query.totals ?? false,
  };
}

function monthRange(query: ServiceKpiQuery): { fromMonth: string | null; toMonth: string | null } {
  for (const [name, value] of [
    ['month', query.month],
    ['fromMonth', query.fromMonth],
    ['toMonth', query.toMonth],
  ] as const) {
    if (value !== undefined && !MONTH_PATTERN.test(value))
      throw new CellpulseError('invalid_parameter', `${name} must be YYYY-MM`, value);
  }
  if (query.month !== undefined) {
    if (query.fromMonth !== undefined || query.toMonth !== undefined) {
      throw new CellpulseError(
        'invalid_parameter',
        'give either month or a fromMonth/toMonth range, not both',
        query.month,
      );
    }
    return { fromMonth: query.month, toMonth: query.month };
  }
  if (query.fromMonth !== undefined && query.toMonth !== undefined && query.fromMonth > query.toMonth) {
    throw new CellpulseError('invalid_parameter', 'fromMonth is after toMonth', `${query.fromMonth}..${query.toMonth}`);
  }
  return { fromMonth: query.fromMonth ?? null, toMonth: query.toMonth ?? null };
}

/** Hours to whole milliseconds: the SQL compares epoch milliseconds exactly. */
function limitMs(hours: number, name: string): number {
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 366) {
    throw new CellpulseError('invalid_parameter', `${name} must be a number of hours > 0 and at most a year`, hours);
  }
  return Math.round(hours * 3_600_000);
}

/** The columns the KPI queries give (decoded by the store), in the documented order. */
type KpiCounts = Omit<ServiceKpiRow, keyof IncidentKpis>;

/** The KPI row schema's columns without the incident ones, in the documented order. */
const COUNT_COLUMNS = Object.keys(KpiRow.shape).filter((key) => !(key in NO_INCIDENTS)) as (keyof KpiCounts)[];

/** Only the documented columns, in their order (the queries carry helper columns too). */
function toKpiRow(row: KpiCounts): KpiCounts {
  return Object.fromEntries(COUNT_COLUMNS.map((key) => [key, row[key]])) as KpiCounts;
}
