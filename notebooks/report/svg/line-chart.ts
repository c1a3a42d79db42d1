import { h, type Markup } from '../html/markup.js';
import { chartFrame, type ChartOptions } from './chart-frame.js';
import { niceTicks } from './nice-ticks.js';

/** One line: a value per x label, null where there is none (the line breaks there). */
export interface Series {
  name: string;
  color: string;
  values: readonly (number | null)[];
}

export interface LineChartOptions extends ChartOptions {
  height?: number;
}

const LEFT = 48;
const RIGHT = 110;
const TOP = 30;
const BOTTOM = 26;

/** A line chart over evenly spaced x labels (months), as inline SVG with a legend on the right. */
export function lineChart(labels: readonly string[], series: readonly Series[], options: LineChartOptions): Markup {
  const width = options.width ?? 560;
  const height = options.height ?? 220;
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const ticks = niceTicks(Math.max(0, ...values));
  const max = ticks[ticks.length - 1]!;
  const x = (i: number): number => LEFT + (labels.length <= 1 ? 0.5 : i / (labels.length - 1)) * (width - LEFT - RIGHT);
  const y = (v: number): number => height - BOTTOM - ((height - TOP - BOTTOM) * v) / max;
  const grid = ticks.map((t) => ({
    line: { x1: LEFT, x2: width - RIGHT, y1: y(t), y2: y(t) },
    label: { x: LEFT - 6, y: y(t) + 4, 'text-anchor': 'end' as const },
    text: options.format(t),
  }));
  return chartFrame(
    options.title,
    width,
    height,
    grid,
    labels.map((label, i) => h('text', { x: x(i), y: height - 8, 'text-anchor': 'middle', class: 'tick' }, label)),
    series.map((s, k) => seriesMarkup(s, labels, x, y, options.format, { x: width - RIGHT + 12, y: TOP + k * 18 })),
  );
}

function seriesMarkup(
  s: Series,
  labels: readonly string[],
  x: (i: number) => number,
  y: (v: number) => number,
  format: (v: number) => string,
  legend: { x: number; y: number },
): Markup {
  let path = '';
  s.values.forEach((v, i) => {
    if (v === null) return;
    path += `${i === 0 || s.values[i - 1] === null ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  return h(
    'g',
    { class: 'series' },
    path === '' ? null : h('path', { d: path, fill: 'none', stroke: s.color, 'stroke-width': 2 }),
    s.values.map((v, i) =>
      v === null
        ? null
        : h(
            'circle',
            { cx: x(i), cy: y(v), r: 3, fill: s.color },
            h('title', {}, `${s.name} ${labels[i]}: ${format(v)}`),
          ),
    ),
    h('rect', { x: legend.x, y: legend.y - 9, width: 12, height: 3, fill: s.color }),
    h('text', { x: legend.x + 16, y: legend.y - 4 }, s.name),
  );
}
