import type { ServiceKpiRow } from '../../../analytics/kpis/service-kpis.js';
import { formatCount, formatPercent, formatPoints } from '../format-number.js';
import { h, type Markup } from '../html/markup.js';
import type { ReportData } from '../report-data.js';
import { KPI_LABELS, SEED_REFERENCE, type ReferenceKpi } from '../summary.js';
import { barChart } from '../svg/bar-chart.js';
import { dataTable, num, reportSection, th } from './report-section.js';

const KPIS = Object.keys(SEED_REFERENCE) as ReferenceKpi[];

/**
 * Service-commitment KPIs per city against the seed's reference values and last month, with the
 * month's incidents and the share acknowledged within 2 h of their start (the priority limit).
 */
export function kpiSection(data: ReportData): Markup {
  const cities = data.kpis.filter((k) => k.city !== 'ALL');
  return reportSection(
    'kpis',
    '服务承诺指标',
    'Service-commitment KPIs',
    h(
      'p',
      { class: 'note' },
      `Reply limit 24 h (2 h for complaints in a major cluster), judged at the newest complaint. Dashed ` +
        `line: the seed province's figure. Solid tick on the province chart rows: ${data.previous_month}.`,
    ),
    h(
      'div',
      { class: 'charts' },
      KPIS.map((kpi) => kpiChart(kpi, cities, data)),
    ),
    kpiTable(data),
  );
}

function kpiChart(kpi: ReferenceKpi, cities: readonly ServiceKpiRow[], data: ReportData): Markup {
  const province = data.kpis.find((k) => k.city === 'ALL');
  const bars = [...cities, ...(province ? [province] : [])].map((k) => ({
    label: k.city === 'ALL' ? 'Province 全省' : k.city,
    value: k[kpi],
    previous: k.city === 'ALL' ? (data.previous_kpis?.[kpi] ?? null) : null,
    target: SEED_REFERENCE[kpi],
    higherIsBetter: true,
  }));
  const lowest = Math.min(SEED_REFERENCE[kpi], ...bars.map((b) => b.value ?? 1));
  // Zoom in on the top of the scale: differences of a point or two are what the appraisal is about.
  const min = Math.max(0, Math.floor((lowest - 0.02) * 20) / 20);
  return barChart(bars, {
    title: `${KPI_LABELS[kpi].en} ${KPI_LABELS[kpi].zh}`,
    format: (v) => formatPercent(v),
    min,
    max: 1,
    width: 520,
  });
}

function kpiTable(data: ReportData): Markup {
  const header = [
    th('City', '地市'),
    th('Complaints', '投诉量', true),
    th('Due', '应答', true),
    th('Pending', '未到期', true),
    KPIS.map((k) => th(KPI_LABELS[k].en, KPI_LABELS[k].zh, true)),
    th('Satisfaction', '满意率', true),
    th('Incidents', '重要投诉', true),
    th('Acknowledged ≤ 2 h', '2小时内受理', true),
  ];
  const reference = h(
    'tr',
    { class: 'reference' },
    h('td', {}, 'Seed reference 参考值'),
    num(''),
    num(''),
    num(''),
    KPIS.map((k) => num(formatPercent(SEED_REFERENCE[k]))),
    num(''),
    num(''),
    num(''),
  );
  const previous =
    data.previous_kpis === null
      ? null
      : h(
          'tr',
          { class: 'previous' },
          h('td', {}, `Province ${data.previous_month}`),
          num(formatCount(data.previous_kpis.complaints)),
          num(formatCount(data.previous_kpis.due)),
          num(formatCount(data.previous_kpis.pending)),
          KPIS.map((k) => num(formatPercent(data.previous_kpis![k]))),
          num(formatPercent(data.previous_kpis.satisfaction_rate)),
          num(formatCount(data.previous_kpis.incidents)),
          num(formatPercent(data.previous_kpis.acknowledged_2h_rate)),
        );
  return dataTable('kpi-table', header, data.kpis.map(kpiRow), previous, reference);
}

function kpiRow(k: ServiceKpiRow): Markup {
  return h(
    'tr',
    {
      class: k.city === 'ALL' ? 'total' : null,
      'data-city': k.city,
      'data-month': k.month,
      'data-complaints': k.complaints,
      'data-due': k.due,
      'data-on-time-rate': k.on_time_rate,
      'data-resolution-ratio': k.resolution_ratio,
      'data-commitment-compliance': k.commitment_compliance,
      'data-satisfaction-rate': k.satisfaction_rate,
      'data-incidents': k.incidents,
      'data-acknowledged-rate': k.acknowledged_2h_rate,
    },
    h('td', {}, k.city === 'ALL' ? 'Province 全省' : k.city),
    num(formatCount(k.complaints)),
    num(formatCount(k.due)),
    num(formatCount(k.pending)),
    KPIS.map((kpi) =>
      num(formatPercent(k[kpi]), {
        class: cellClass(k[kpi], SEED_REFERENCE[kpi]),
        title: k[kpi] === null ? null : `${formatPoints(k[kpi]! - SEED_REFERENCE[kpi])} vs reference`,
      }),
    ),
    num(formatPercent(k.satisfaction_rate)),
    num(formatCount(k.incidents)),
    num(formatPercent(k.acknowledged_2h_rate)),
  );
}

function cellClass(value: number | null, reference: number): string {
  if (value === null) return 'num';
  return value < reference ? 'num below' : 'num';
}
