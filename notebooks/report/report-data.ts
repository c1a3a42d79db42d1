import { listIncidents } from '../../analytics/clusters/incidents/incident-reader.js';
import { coverageTrends, type CoverageTrend } from '../../analytics/coverage/coverage-trends.js';
import { siteCandidates, type SiteCandidate } from '../../analytics/coverage/site-candidates.js';
import { weakCoverage, type WeakCoverageHex } from '../../analytics/coverage/weak-coverage.js';
import { serviceKpis, type ServiceKpiRow } from '../../analytics/kpis/service-kpis.js';
import { cityAppraisal } from '../../analytics/appraisal/city-appraisal.js';
import { routeCounts } from '../../analytics/triage/route-counts.js';
import type { AppraisalRow } from '../../domain/appraisal.js';
import type { RouteCount } from '../../domain/triage.js';
import { complaintRates, type RateRow } from '../../analytics/rates/complaint-rates.js';
import type { Incident } from '../../domain/incident.js';
import type { Database } from '../../store/database.js';
import { reportMonth } from './report-month.js';

/** How many weak-coverage hexagons and site candidates the report lists. */
export const TOP_WEAK_HEXES = 15;
export const TOP_SITE_CANDIDATES = 10;
export const TOP_HOT_SPOTS = 15;

/** Every number of a monthly report, as the analytics layer gives it; embedded in the HTML as JSON. */
export interface ReportData {
  month: string;
  previous_month: string;
  time_zone: string;
  h3_resolution: number;
  /** By city, technology and month, for the report month (previous_* is the month before). */
  rates: RateRow[];
  city_totals: RateRow[];
  technology_totals: RateRow[];
  /** The province: one row, or none when the month has neither complaints nor subscribers. */
  province: RateRow | null;
  /** By technology and month over the trend months. */
  trend: RateRow[];
  province_trend: RateRow[];
  /** Per city, then the province row (city 'ALL'). */
  kpis: ServiceKpiRow[];
  previous_kpis: ServiceKpiRow | null;
  /** Incidents whose span meets the month, newest first. */
  incidents: Incident[];
  previous_incident_count: number;
  weak_coverage: WeakCoverageHex[];
  site_candidates: SiteCandidate[];
  site_candidate_count: number;
  site_candidate_statuses: Record<string, number>;
  /** Coverage complaints of every hexagon of the month (the hex map), h3 -> complaints. */
  coverage_cells: { h3: string; complaints: number }[];
  /** Complaints per city and triage route, and the cities' appraisal (SPEC §11). */
  triage: RouteCount[];
  appraisal: AppraisalRow[];
  /** Emerging hot spot hexagons over the 12 weeks to the month's end, by class (none left out). */
  hot_spots: CoverageTrend[];
  hot_spot_classes: Record<string, number>;
}

/**
 * Gathers the report's numbers for one local month from the analytics layer (no SQL here).
 * @throws CellpulseError invalid_parameter for a month that is not `YYYY-MM`.
 */
export async function collectReportData(db: Database, month: string): Promise<ReportData> {
  const m = reportMonth(month);
  const period = { from: m.from, to: m.to };
  const rates = (by: Parameters<typeof complaintRates>[1]['by'], from = m.month) =>
    complaintRates(db, { by, from, to: m.month });
  const [cityTech, cities, technologies, province, trend, provinceTrend] = await Promise.all([
    rates(['city', 'technology', 'month']),
    rates(['city', 'month']),
    rates(['technology', 'month']),
    rates(['month']),
    rates(['technology', 'month'], m.trendFrom),
    rates(['month'], m.trendFrom),
  ]);
  const [kpis, previousKpis, incidents, previousIncidents] = await Promise.all([
    serviceKpis(db, { month: m.month, totals: true }),
    serviceKpis(db, { month: m.previous, totals: true }),
    listIncidents(db, period),
    listIncidents(db, { from: m.previousFrom, to: m.from }),
  ]);
  const [coverage, candidates, trends] = await Promise.all([
    weakCoverage(db, period),
    siteCandidates(db, period),
    coverageTrends(db, { to: m.to }),
  ]);
  const [triage, appraisal] = await Promise.all([routeCounts(db, { month: m.month }), cityAppraisal(db, m.month)]);
  const hotSpots = trends.filter((t) => t.class !== 'none');
  return {
    month: m.month,
    previous_month: m.previous,
    time_zone: db.settings.timeZone,
    h3_resolution: db.settings.h3Resolution,
    rates: cityTech,
    city_totals: cities,
    technology_totals: technologies,
    province: province[0] ?? null,
    trend,
    province_trend: provinceTrend,
    kpis,
    previous_kpis: previousKpis.find((k) => k.city === 'ALL') ?? null,
    incidents,
    previous_incident_count: previousIncidents.length,
    triage,
    appraisal,
    weak_coverage: coverage.slice(0, TOP_WEAK_HEXES),
    site_candidates: candidates.slice(0, TOP_SITE_CANDIDATES),
    site_candidate_count: candidates.length,
    site_candidate_statuses: countBy(candidates.map((c) => c.status)),
    coverage_cells: coverage.map((c) => ({ h3: c.h3, complaints: c.complaints })),
    hot_spots: hotSpots.slice(0, TOP_HOT_SPOTS),
    hot_spot_classes: countBy(hotSpots.map((t) => t.class)),
  };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
