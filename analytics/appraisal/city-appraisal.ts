import type { AppraisalRow } from '../../domain/appraisal.js';
import { CellpulseError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { serviceKpis, type ServiceKpiRow } from '../kpis/service-kpis.js';
import { complaintRates, type RateRow } from '../rates/complaint-rates.js';
import { readAppraisalTargets } from './appraisal-targets.js';
import { compliancePoints, ratePoints } from './appraisal-points.js';
import { MONTH_PATTERN } from '../../domain/time-formats.js';

/**
 * The cities' monthly appraisal (考核, SPEC §11): the complaint rate (SPEC §4) against the city's
 * subscriber-weighted target for 4 points, commitment compliance against its target for 5, the
 * total and the province rank. A city without subscribers (or without a due complaint) gets null
 * points, a null total and rank, and a warning — never a silent 0.
 * @param month local month YYYY-MM; default the newest complaint's.
 * @throws CellpulseError invalid_parameter for a month that is not YYYY-MM.
 */
export async function cityAppraisal(db: Database, month?: string): Promise<AppraisalRow[]> {
  if (month !== undefined && !MONTH_PATTERN.test(month)) {
    throw new CellpulseError('invalid_parameter', 'month is YYYY-MM, e.g. 2026-10', month);
  }
  const chosen = month ?? (await newestMonth(db));
  if (chosen === null) return [];
  const [rates, kpis, targets, rateTargets] = await Promise.all([
    complaintRates(db, { by: ['city'], from: chosen, to: chosen }),
    serviceKpis(db, { month: chosen }),
    readAppraisalTargets(db),
    weightedRateTargets(db, chosen),
  ]);
  const kpiByCity = new Map(kpis.map((k) => [k.city, k]));
  const rows = rates.map((r) => {
    const city = r.city ?? '';
    return score(r, kpiByCity.get(city), chosen, targets.compliance, rateTargets.get(city) ?? null);
  });
  return ranked(rows);
}

function score(
  rate: RateRow,
  kpi: ServiceKpiRow | undefined,
  month: string,
  complianceTarget: number,
  rateTarget: number | null,
): AppraisalRow {
  const compliance = kpi?.commitment_compliance ?? null;
  const rPoints = rate.rate_per_10k === null || rateTarget === null ? null : ratePoints(rate.rate_per_10k, rateTarget);
  const cPoints = compliance === null ? null : compliancePoints(compliance, complianceTarget);
  const warnings = [
    rate.rate_per_10k === null ? 'no subscriber count for the month: no rate points, no total, no rank' : rate.warning,
    compliance === null ? 'no complaint is due yet: no compliance points, no total, no rank' : null,
  ].filter((w) => w !== null);
  return {
    city: rate.city ?? '',
    month,
    complaints: rate.complaints,
    subscribers: rate.subscribers,
    rate: rate.rate_per_10k,
    rate_target: rateTarget,
    rate_points: rPoints,
    compliance,
    compliance_target: complianceTarget,
    compliance_points: cPoints,
    total: rPoints === null || cPoints === null ? null : rPoints + cPoints,
    rank: null,
    warning: warnings.length > 0 ? warnings.join('; ') : null,
  };
}

/** Best total first; ties share the better rank (1, 2, 2, 4); rows without a total last, unranked. */
function ranked(rows: AppraisalRow[]): AppraisalRow[] {
  const sorted = [...rows].sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.city.localeCompare(b.city));
  const better = (row: AppraisalRow): number => sorted.filter((o) => o.total !== null && o.total > row.total!).length;
  return sorted.map((row) => ({ ...row, rank: row.total === null ? null : 1 + better(row) }));
}

/** Σ subscribers × target / Σ subscribers over the technologies with a target, per city, for the month. */
async function weightedRateTargets(db: Database, month: string): Promise<Map<string, number>> {
  const rows = await db.all<{ city: string; target: number }>(
    `SELECT s.city, sum(s.subscribers * t.target_per_10k) / sum(s.subscribers) AS target
     FROM subscribers s JOIN rate_targets t USING (technology) WHERE s.month = $month GROUP BY s.city`,
    { month },
  );
  return new Map(rows.map((r) => [r.city, r.target]));
}

async function newestMonth(db: Database): Promise<string | null> {
  const [row] = await db.all<{ month: string | null }>(
    `SELECT strftime(max(received_at), '%Y-%m') AS month FROM complaints`,
  );
  return row?.month ?? null;
}
