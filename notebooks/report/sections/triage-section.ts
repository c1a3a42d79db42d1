import type { AppraisalRow } from '../../../domain/appraisal.js';
import { ROUTE_NAMES_ZH, ROUTES } from '../../../domain/vocabulary.js';
import { formatCount, formatPercent } from '../format-number.js';
import { h, type Markup } from '../html/markup.js';
import type { ReportData } from '../report-data.js';
import { type Column, columnTable, dataTable, num, reportSection, th } from './report-section.js';

const points = (value: number | null): string => (value === null ? '—' : value.toFixed(2));

/** The work-order flow of the month: complaints per city and route, and the cities' appraisal league (SPEC §11). */
export function triageSection(data: ReportData): Markup {
  const cities = [...new Set(data.triage.map((r) => r.city))];
  const count = (city: string, route: string): number =>
    data.triage.find((r) => r.city === city && r.route === route)?.complaints ?? 0;
  // Complaints stored before triage existed get a column of their own, only when there are some.
  const untriaged = data.triage.some((r) => r.route === 'untriaged');
  const routes: readonly string[] = untriaged ? [...ROUTES, 'untriaged'] : ROUTES;
  const routeHeader = [th('City', '地市'), routes.map((r) => th(r.replaceAll('_', ' '), ROUTE_NAMES_ZH[r], true))];
  const routeTable = dataTable(
    'triage-table',
    routeHeader,
    cities.map((city) =>
      h(
        'tr',
        { 'data-city': city },
        h('td', {}, city),
        routes.map((r) => num(formatCount(count(city, r)))),
      ),
    ),
  );
  return reportSection(
    'triage',
    '工单分拣与考核',
    'Triage and appraisal',
    h(
      'p',
      { class: 'note' },
      'Routes are set when a complaint is written (SPEC §11): maintenance, answered from the ' +
        'construction plan or the no-investment list, escalated or priority in a major cluster, ' +
        'construction in a known weak-coverage hexagon, else optimisation. Appraisal: complaint rate 4 ' +
        'points (full at the subscriber-weighted target, none at twice it), commitment compliance 5 ' +
        'points (full at the target, none 20 points below).',
    ),
    routeTable,
    columnTable('appraisal-table', APPRAISAL_COLUMNS, data.appraisal, (r) => ({
      'data-city': r.city,
      'data-total': r.total,
    })),
  );
}

const APPRAISAL_COLUMNS: readonly Column<AppraisalRow>[] = [
  { en: 'Rank', zh: '排名', numeric: true, cell: (r) => (r.rank === null ? '—' : String(r.rank)) },
  { en: 'City', zh: '地市', cell: (r) => r.city },
  { en: 'Rate /10k', zh: '投诉率', numeric: true, cell: (r) => points(r.rate) },
  { en: 'Target', zh: '目标', numeric: true, cell: (r) => points(r.rate_target) },
  { en: 'Rate points', zh: '投诉率得分', numeric: true, cell: (r) => points(r.rate_points) },
  { en: 'Compliance', zh: '达标率', numeric: true, cell: (r) => formatPercent(r.compliance) },
  { en: 'Compliance points', zh: '达标率得分', numeric: true, cell: (r) => points(r.compliance_points) },
  { en: 'Total', zh: '总分', numeric: true, cell: (r) => points(r.total) },
  { en: 'Note', zh: '说明', cell: (r) => h('td', { class: 'zh' }, r.warning ?? '') },
];
