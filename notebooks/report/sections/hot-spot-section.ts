import type { CoverageTrend } from '../../../analytics/coverage/coverage-trends.js';
import { HOT_SPOT_CLASSES } from '../../../analytics/coverage/hot-spot-class.js';
import { formatCount } from '../format-number.js';
import { h, type Markup } from '../html/markup.js';
import type { ReportData } from '../report-data.js';
import { dataTable, num, reportSection, th } from './report-section.js';

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

function hotSpotTable(rows: readonly CoverageTrend[]): Markup {
  const header = [
    th('#'),
    th('Hexagon', 'H3'),
    th('Class', '类别'),
    th('Complaints', '投诉量', true),
    th('Hot weeks', '热点周数', true),
    th('Last week z', '末周 z', true),
    th('Trend z', '趋势 z', true),
    th('Trend p', '趋势 p', true),
  ];
  return dataTable(
    'hot-spot-table',
    header,
    rows.map((r, i) =>
      h(
        'tr',
        { 'data-h3': r.h3, 'data-class': r.class },
        num(String(i + 1)),
        h('td', { class: 'id' }, r.h3),
        h('td', {}, r.class),
        num(formatCount(r.complaints)),
        num(String(r.hot_weeks)),
        num(r.final_z.toFixed(2)),
        num(r.trend_z.toFixed(2)),
        num(r.trend_p.toFixed(3)),
      ),
    ),
  );
}
