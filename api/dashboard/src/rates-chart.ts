import type { RateRow } from './api-types';
import { el, svg } from './dom';
import { TECHNOLOGIES } from '../../../domain/vocabulary';
import { formatNumber, t } from './i18n';

const WIDTH = 480;
const ROW = 30;
const BAR_X = 96;
const BAR_W = 176;
const VALUE_X = 280;
const SPARK_X = 370;
const SPARK_W = 104;

/**
 * The per-city complaint rate (complaints per 10k subscribers) for the period as bars, the
 * target as a tick across each bar (red bar: above target), the change on the previous period,
 * and each city's monthly trend as a sparkline. Plain SVG: a dozen cities need no chart library.
 */
export function renderRatesChart(body: HTMLElement, totals: RateRow[], monthly: RateRow[]): void {
  const rows = [...totals].sort((a, b) => (b.rate_per_10k ?? -1) - (a.rate_per_10k ?? -1));
  if (rows.length === 0) {
    body.replaceChildren(el('p', { class: 'status muted' }, t('list_empty')));
    return;
  }
  const max = Math.max(0.01, ...rows.flatMap((r) => [r.rate_per_10k ?? 0, r.target_per_10k ?? 0])) * 1.1;
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${rows.length * ROW + 22}`,
    class: 'rates-chart',
    role: 'img',
    'aria-label': t('rates'),
  });
  chart.append(svg('text', { x: SPARK_X, y: 12, class: 'axis-label' }, t('rates_trend')));
  rows.forEach((row, i) =>
    chart.append(
      rateRow(
        row,
        i * ROW + 22,
        max,
        monthly.filter((m) => m.city === row.city),
      ),
    ),
  );
  body.replaceChildren(chart, legend());
}

function rateRow(row: RateRow, y: number, max: number, trend: RateRow[]): SVGGElement {
  const group = svg('g', { class: 'rate-row', 'data-city': row.city ?? '' });
  const x = (value: number): number => BAR_X + (value / max) * BAR_W;
  group.append(svg('text', { x: 0, y: y + 16, class: 'city-label' }, row.city ?? '—'));
  group.append(svg('rect', { x: BAR_X, y: y + 4, width: BAR_W, height: 16, class: 'bar-track' }));
  if (row.rate_per_10k !== null) {
    const cls = row.above_target ? 'bar above' : 'bar';
    group.append(
      svg(
        'rect',
        { x: BAR_X, y: y + 4, width: Math.max(1, x(row.rate_per_10k) - BAR_X), height: 16, class: cls },
        svg('title', {}, `${row.complaints} ${t('complaints')} / ${formatNumber(row.subscribers ?? 0)}`),
      ),
    );
  }
  if (row.target_per_10k !== null) {
    const tx = x(row.target_per_10k);
    group.append(
      svg(
        'line',
        { x1: tx, x2: tx, y1: y + 1, y2: y + 23, class: 'target' },
        svg('title', {}, `${t('rates_target')} ${formatNumber(row.target_per_10k, 2)}`),
      ),
    );
  }
  group.append(valueText(row, y));
  group.append(sparkline(trend, y));
  return group;
}

function valueText(row: RateRow, y: number): SVGTextElement {
  if (row.rate_per_10k === null)
    return svg('text', { x: VALUE_X, y: y + 16, class: 'value muted' }, t('rates_no_subscribers'));
  const text = svg('text', { x: VALUE_X, y: y + 16, class: 'value' }, formatNumber(row.rate_per_10k, 2));
  // the API's warning (e.g. a technology without a subscriber count) marks the rate as overstated
  if (row.warning) text.append(svg('tspan', { dx: 2, class: 'warning' }, '⚠', svg('title', {}, row.warning)));
  if (row.change_per_10k !== null && row.change_per_10k !== undefined) {
    const up = row.change_per_10k > 0;
    const sign = up ? '▲' : row.change_per_10k < 0 ? '▼' : '＝';
    text.append(
      svg(
        'tspan',
        { dx: 6, class: up ? 'change up' : 'change down' },
        `${sign}${formatNumber(Math.abs(row.change_per_10k), 2)}`,
      ),
    );
  }
  return text;
}

function sparkline(trend: RateRow[], y: number): SVGGElement {
  const group = svg('g', { class: 'sparkline' });
  const points = trend
    .filter((m) => m.month !== undefined && m.rate_per_10k !== null)
    .sort((a, b) => (a.month! < b.month! ? -1 : 1));
  if (points.length === 0) return group;
  const values = points.flatMap((p) => [p.rate_per_10k!, p.target_per_10k ?? 0]);
  const top = Math.max(0.01, ...values);
  const px = (i: number): number => SPARK_X + (points.length === 1 ? SPARK_W / 2 : (i / (points.length - 1)) * SPARK_W);
  const py = (v: number): number => y + 22 - (v / top) * 18;
  const target = points[points.length - 1]!.target_per_10k;
  if (target !== null)
    group.append(
      svg('line', { x1: SPARK_X, x2: SPARK_X + SPARK_W, y1: py(target), y2: py(target), class: 'spark-target' }),
    );
  group.append(
    svg('polyline', { points: points.map((p, i) => `${px(i)},${py(p.rate_per_10k!)}`).join(' '), class: 'spark-line' }),
  );
  points.forEach((p, i) =>
    group.append(
      svg(
        'circle',
        { cx: px(i), cy: py(p.rate_per_10k!), r: 1.8, class: p.above_target ? 'spark-dot above' : 'spark-dot' },
        svg('title', {}, `${p.month}: ${formatNumber(p.rate_per_10k!, 2)}`),
      ),
    ),
  );
  return group;
}

/** One tab per technology; disabled while the filter bar fixes the technology. */
export function drawRateTabs(
  node: HTMLElement,
  chosen: string,
  fixed: boolean,
  onChoose: (technology: string) => void,
): void {
  const tabs = TECHNOLOGIES.map((technology) => {
    const tab = el(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: technology === chosen ? 'tab chosen' : 'tab',
        'aria-selected': String(technology === chosen),
        'data-technology': technology,
      },
      technology,
    );
    tab.disabled = fixed && technology !== chosen;
    tab.addEventListener('click', () => onChoose(technology));
    return tab;
  });
  node.replaceChildren(...tabs);
}

function legend(): HTMLElement {
  return el(
    'p',
    { class: 'legend' },
    el('span', { class: 'swatch bar-swatch' }),
    ` ${t('complaints')}/10k  `,
    el('span', { class: 'swatch above-swatch' }),
    ` > ${t('rates_target')}  `,
    el('span', { class: 'swatch target-swatch' }),
    ` ${t('rates_target')}`,
  );
}
