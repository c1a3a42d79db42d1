import type { CoverageTrend } from '../../../analytics/coverage/coverage-trends.js';
import { HOT_SPOT_CLASSES } from '../../../analytics/coverage/hot-spot-class.js';
import { formatCount } from '../format-number.js';
import { h, type Markup } from '../html/markup.js';
import type { ReportData } from '../report-data.js';
import { type Column, columnTable, num, reportSection, th } from './report-section.js';

/** Emerging hot spots of coverage complaints over the 12 weeks up to the month's end (SPEC §11). */
export function hotSpotSection(data: ReportData): Markup {
  return reportSection(
    'hot-spots',
    '弱覆盖热点趋势',
    'Emerging coverage hot spots',
    h(
      'p',
      { class: 'note' },
      'Getis-Ord Gi* of coverage complaints per hexagon and week (12 weeks to the end of the month), ' +
        "a Mann-Kendall trend of each hexagon's weekly z-scores, and ESRI's emerging hot spot classes. " +
        'Persistent and intensifying areas are the strongest case for a site.',
    ),
    classTable(data.hot_spot_classes),
    h('h3', {}, `Hot spot hexagons 热点栅格 (the first ${data.hot_spots.length})`),
    hotSpotTable(data.hot_spots),
  );
}

function classTable(counts: Record<string, number>): Markup {
  const classes = HOT_SPOT_CLASSES.filter((c) => c !== 'none');
  return h(
    'table',
    { id: 'hot-spot-class-table', class: 'data' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        classes.map((c) => th(c, undefined, true)),
      ),
    ),
    h(
      'tbody',
      {},
      h(
        'tr',
        {},
        classes.map((c) => num(formatCount(counts[c] ?? 0), { 'data-class': c })),
      ),
    ),
  );
}

const HOT_SPOT_COLUMNS: readonly Column<CoverageTrend>[] = [
  { en: '#', cell: (_, i) => num(String(i + 1)) },
  { en: 'Hexagon', zh: 'H3', cell: (r) => h('td', { class: 'id' }, r.h3) },
  { en: 'Class', zh: '类别', cell: (r) => r.class },
  { en: 'Complaints', zh: '投诉量', numeric: true, cell: (r) => formatCount(r.complaints) },
  { en: 'Hot weeks', zh: '热点周数', numeric: true, cell: (r) => String(r.hot_weeks) },
  { en: 'Last week z', zh: '末周 z', numeric: true, cell: (r) => r.final_z.toFixed(2) },
  { en: 'Trend z', zh: '趋势 z', numeric: true, cell: (r) => r.trend_z.toFixed(2) },
  { en: 'Trend p', zh: '趋势 p', numeric: true, cell: (r) => r.trend_p.toFixed(3) },
];

function hotSpotTable(rows: readonly CoverageTrend[]): Markup {
  return columnTable('hot-spot-table', HOT_SPOT_COLUMNS, rows, (r) => ({ 'data-h3': r.h3, 'data-class': r.class }));
}
