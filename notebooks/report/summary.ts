import type { ServiceKpiRow } from '../../analytics/kpis/service-kpis.js';
import type { RateRow } from '../../analytics/rates/complaint-rates.js';
import { formatChange, formatCount, formatPercent, formatPoints, formatRate } from './format-number.js';
import { formatLocalTime } from './local-time.js';
import type { ReportData } from './report-data.js';

/** The seed province's published service-commitment figures (SPEC §4), the report's yardstick. */
export const SEED_REFERENCE = { on_time_rate: 0.9229, resolution_ratio: 0.952, commitment_compliance: 0.9345 } as const;
export type ReferenceKpi = keyof typeof SEED_REFERENCE;

export const KPI_LABELS: Record<ReferenceKpi, { en: string; zh: string }> = {
  on_time_rate: { en: 'on-time reply rate', zh: '工单回复及时率' },
  resolution_ratio: { en: 'resolution ratio', zh: '问题解决比例' },
  commitment_compliance: { en: 'commitment compliance', zh: '服务承诺达标率' },
};

export type SummaryTopic = 'rates' | 'targets' | 'kpis' | 'incidents' | 'coverage' | 'data';

/** One sentence of "what changed", with the section it comes from. */
export interface SummaryLine {
  topic: SummaryTopic;
  text: string;
}

const LISTED = 3;

/** The generated "what changed this month" text: a few plain sentences built from the numbers. */
export function summariseReport(data: ReportData): SummaryLine[] {
  return [
    provinceLine(data),
    ...movers(data),
    targetLine(data),
    ...kpiLines(data),
    incidentLine(data),
    coverageLine(data),
    ...missingSubscriberLines(data),
  ];
}

function provinceLine({ province, month, previous_month }: ReportData): SummaryLine {
  if (province === null)
    return { topic: 'rates', text: `No complaints and no subscriber counts were recorded for ${month}.` };
  const rate =
    province.rate_per_10k === null
      ? 'no rate (no subscriber count)'
      : `${formatRate(province.rate_per_10k)} per 10k subscribers`;
  const before =
    province.previous_rate_per_10k === null
      ? `no rate for ${previous_month}`
      : `${formatRate(province.previous_rate_per_10k)} in ${previous_month}, ${formatChange(province.change_per_10k)}`;
  return {
    topic: 'rates',
    text: `In ${month} the province received ${formatCount(province.complaints)} complaints: ${rate} (${before}).`,
  };
}

function movers({ rates, previous_month }: ReportData): SummaryLine[] {
  const changed = rates.filter(
    (r): r is RateRow & { change_per_10k: number } => r.change_per_10k !== null && r.change_per_10k !== 0,
  );
  const rises = changed
    .filter((r) => r.change_per_10k > 0)
    .sort((a, b) => b.change_per_10k - a.change_per_10k)
    .slice(0, LISTED);
  const falls = changed
    .filter((r) => r.change_per_10k < 0)
    .sort((a, b) => a.change_per_10k - b.change_per_10k)
    .slice(0, LISTED);
  const list = (rows: readonly RateRow[]): string =>
    rows
      .map(
        (r) =>
          `${r.city} ${r.technology} ${formatChange(r.change_per_10k)} ` +
          `(${formatRate(r.previous_rate_per_10k)} → ${formatRate(r.rate_per_10k)})`,
      )
      .join('; ');
  return [
    {
      topic: 'rates',
      text:
        rises.length === 0
          ? `No city and technology rate rose against ${previous_month}.`
          : `Largest rises against ${previous_month}: ${list(rises)}.`,
    },
    {
      topic: 'rates',
      text:
        falls.length === 0
          ? `No city and technology rate fell against ${previous_month}.`
          : `Largest falls against ${previous_month}: ${list(falls)}.`,
    },
  ];
}

function targetLine({ rates }: ReportData): SummaryLine {
  const judged = rates.filter((r) => r.above_target !== null);
  const above = judged
    .filter((r) => r.above_target === true)
    .sort(
      (a, b) =>
        b.rate_per_10k! / b.target_per_10k! - a.rate_per_10k! / a.target_per_10k! || (a.city! < b.city! ? -1 : 1),
    );
  if (above.length === 0)
    return {
      topic: 'targets',
      text: `All ${judged.length} city and technology groups with a rate are within their target.`,
    };
  const named = above
    .slice(0, 5)
    .map((r) => `${r.city} ${r.technology} ${formatRate(r.rate_per_10k)} vs ${formatRate(r.target_per_10k)}`);
  const more = above.length > named.length ? ` and ${above.length - named.length} more` : '';
  return {
    topic: 'targets',
    text:
      `${above.length} of ${judged.length} city and technology groups ` +
      `are above target: ${named.join('; ')}${more}.`,
  };
}

function kpiLines({ kpis, previous_kpis, previous_month }: ReportData): SummaryLine[] {
  const province = kpis.find((k) => k.city === 'ALL');
  if (province === undefined)
    return [{ topic: 'kpis', text: 'No complaints, so no service-commitment KPIs, this month.' }];
  return (Object.keys(SEED_REFERENCE) as ReferenceKpi[]).map((kpi) => ({
    topic: 'kpis' as const,
    text: kpiSentence(kpi, province, previous_kpis, previous_month),
  }));
}

function kpiSentence(
  kpi: ReferenceKpi,
  now: ServiceKpiRow,
  before: ServiceKpiRow | null,
  previousMonth: string,
): string {
  const value = now[kpi];
  const label = KPI_LABELS[kpi].en;
  if (value === null) return `The ${label} cannot be computed yet (no complaint is due).`;
  const reference = SEED_REFERENCE[kpi];
  const side = value >= reference ? 'at or above' : 'below';
  const previous = before?.[kpi] ?? null;
  const trend =
    previous === null ? '' : `; ${formatPercent(previous)} in ${previousMonth} (${formatPoints(value - previous)})`;
  return (
    `The ${label} is ${formatPercent(value)}, ${side} the seed's ` +
    `${formatPercent(reference)} (${formatPoints(value - reference)})${trend}.`
  );
}

function incidentLine({ incidents, previous_incident_count, previous_month, time_zone }: ReportData): SummaryLine {
  const count =
    `${incidents.length} major complaint incident${incidents.length === 1 ? '' : 's'} ` +
    `(${previous_incident_count} in ${previous_month})`;
  const largest = [...incidents].sort(
    (a, b) => b.complaint_count - a.complaint_count || (a.start < b.start ? -1 : 1),
  )[0];
  if (largest === undefined) return { topic: 'incidents', text: `${count}.` };
  const where =
    `${largest.category} in ${largest.city}, ${largest.complaint_count} ` +
    `complaints from ${formatLocalTime(largest.start, time_zone)}`;
  return { topic: 'incidents', text: `${count}; the largest: ${where}.` };
}

function coverageLine({ weak_coverage, site_candidate_count, site_candidate_statuses }: ReportData): SummaryLine {
  const top = weak_coverage[0];
  if (top === undefined) return { topic: 'coverage', text: 'No coverage complaints this month.' };
  const statuses = Object.entries(site_candidate_statuses)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const candidates =
    site_candidate_count === 0
      ? 'no site candidate'
      : `${site_candidate_count} site candidate${site_candidate_count === 1 ? '' : 's'} (${statuses})`;
  return {
    topic: 'coverage',
    text:
      `Weakest coverage: hexagon ${top.h3} with ${top.complaints} coverage ` +
      `complaints on ${top.distinct_days} days; ${candidates}.`,
  };
}

function missingSubscriberLines({ rates }: ReportData): SummaryLine[] {
  const missing = rates.filter((r) => r.rate_per_10k === null).map((r) => `${r.city} ${r.technology}`);
  if (missing.length === 0) return [];
  return [
    { topic: 'data', text: `No subscriber count for ${missing.join(', ')}: complaints counted, rate not computed.` },
  ];
}
