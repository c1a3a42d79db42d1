import type { RateRow } from '../../../analytics/rates/complaint-rates.js';
import { TECHNOLOGIES, type Technology } from '../../../domain/enums.js';
import { formatChange, formatCount, formatRate } from '../format-number.js';
import { h, type Markup } from '../html/markup.js';
import type { ReportData } from '../report-data.js';
import { barChart } from '../svg/bar-chart.js';
import { lineChart, type Series } from '../svg/line-chart.js';
import { TECHNOLOGY_COLORS } from '../svg/palette.js';
import { type Column, columnTable, num, reportSection } from './report-section.js';

/**
 * Complaint rates per 10k subscribers: per technology vs target and last month, the trend, and the city × technology
 * table.
 */
export function ratesSection(data: ReportData): Markup {
  return reportSection(
    'rates',
    '投诉率（次/万用户）',
    'Complaint rates per 10,000 subscribers',
    h(
      'p',
      { class: 'note' },
      `Bars: ${data.month}; solid tick: ${data.previous_month}; dashed line: the ` +
        `technology's monthly target. Red bars are above target.`,
    ),
    h('h3', {}, 'By technology'),
    rateTable(data.technology_totals, 'technology-totals', ['technology']),
    h(
      'div',
      { class: 'charts' },
      presentTechnologies(data.rates).map((t) => technologyChart(data, t)),
      trendChart(data),
    ),
    h('h3', {}, 'By city'),
    rateTable(data.city_totals, 'city-totals', ['city']),
    h('h3', {}, 'By city and technology'),
    rateTable(data.rates, 'city-technology-rates', ['city', 'technology']),
  );
}

function presentTechnologies(rows: readonly RateRow[]): Technology[] {
  return TECHNOLOGIES.filter((t) => rows.some((r) => r.technology === t));
}

function technologyChart(data: ReportData, technology: Technology): Markup {
  const rows = data.rates.filter((r) => r.technology === technology);
  return barChart(
    rows.map((r) => ({
      label: r.city ?? '',
      value: r.rate_per_10k,
      previous: r.previous_rate_per_10k,
      target: r.target_per_10k,
    })),
    { title: `${technology}: complaints per 10k subscribers, ${data.month}`, format: (v) => formatRate(v), width: 520 },
  );
}

function trendChart(data: ReportData): Markup {
  const months = [...new Set([...data.trend, ...data.province_trend].map((r) => r.month ?? ''))].sort();
  const valueAt = (rows: readonly RateRow[], month: string): number | null =>
    rows.find((r) => r.month === month)?.rate_per_10k ?? null;
  const series: Series[] = presentTechnologies(data.trend).map((t) => ({
    name: t,
    color: TECHNOLOGY_COLORS[t],
    values: months.map((m) =>
      valueAt(
        data.trend.filter((r) => r.technology === t),
        m,
      ),
    ),
  }));
  series.push({ name: 'All', color: '#252525', values: months.map((m) => valueAt(data.province_trend, m)) });
  return lineChart(months, series, {
    title: 'Complaints per 10k subscribers by month',
    format: (v) => formatRate(v),
    width: 520,
  });
}

const KEY_COLUMNS: Record<'city' | 'technology', Column<RateRow>> = {
  city: { en: 'City', zh: '地市', cell: (r) => r.city ?? '' },
  technology: { en: 'Technology', zh: '制式', cell: (r) => r.technology ?? '' },
};

const RATE_COLUMNS: readonly Column<RateRow>[] = [
  { en: 'Complaints', zh: '投诉量', numeric: true, cell: (r) => formatCount(r.complaints) },
  { en: 'Subscribers', zh: '用户数', numeric: true, cell: (r) => formatCount(r.subscribers) },
  { en: 'Rate', zh: '投诉率', numeric: true, cell: (r) => formatRate(r.rate_per_10k) },
  { en: 'Target', zh: '目标', numeric: true, cell: (r) => formatRate(r.target_per_10k) },
  { en: 'Last month', zh: '上月', numeric: true, cell: (r) => formatRate(r.previous_rate_per_10k) },
  {
    en: 'Change',
    zh: '变化',
    numeric: true,
    cell: (r) => num(formatChange(r.change_per_10k), { class: changeClass(r.change_per_10k) }),
  },
  { en: 'Note', zh: '备注', cell: rateNote },
];

/** A rate table whose rows carry their numbers as data attributes (full precision, for machines). */
function rateTable(rows: readonly RateRow[], id: string, keys: readonly ('city' | 'technology')[]): Markup {
  return columnTable(id, [...keys.map((k) => KEY_COLUMNS[k]), ...RATE_COLUMNS], rows, (r) => ({
    class: r.above_target === true ? 'above' : null,
    'data-city': r.city ?? null,
    'data-technology': r.technology ?? null,
    'data-month': r.month ?? null,
    'data-complaints': r.complaints,
    'data-subscribers': r.subscribers,
    'data-rate': r.rate_per_10k,
    'data-target': r.target_per_10k,
    'data-previous': r.previous_rate_per_10k,
    'data-change': r.change_per_10k,
  }));
}

function rateNote(r: RateRow): Markup {
  return h(
    'td',
    { class: 'note' },
    r.above_target === true ? 'above target 超目标' : '',
    r.warning === null ? null : h('span', { class: 'warning' }, r.warning),
  );
}

function changeClass(change: number | null): string | null {
  if (change === null || change === 0) return 'num';
  return change > 0 ? 'num up' : 'num down';
}
