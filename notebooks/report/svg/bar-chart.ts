import { h, type Markup } from '../html/markup.js';
import { chartFrame, type ChartOptions } from './chart-frame.js';
import { niceTicks } from './nice-ticks.js';
import { ABOVE_TARGET, NEUTRAL, WITHIN_TARGET } from './palette.js';

/** One horizontal bar: this month's value, with last month's as a tick and the target as a dashed line. */
export interface Bar {
  label: string;
  value: number | null;
  previous?: number | null;
  target?: number | null;
  /** Larger is better (KPIs): colours a bar below its target as bad instead of above it. */
  higherIsBetter?: boolean;
}

export interface BarChartOptions extends ChartOptions {
  /** Axis start (KPI charts zoom in on the top of the scale); default 0. */
  min?: number;
  /** Axis end when the scale has one (1 for a share); default: the next round number above the data. */
  max?: number;
}

const ROW = 22;
const VALUE = 64;
const TOP = 34;
const BOTTOM = 10;

/** A horizontal bar chart as inline SVG (no script, no external reference). */
export function barChart(bars: readonly Bar[], options: BarChartOptions): Markup {
  const width = options.width ?? 560;
  const min = options.min ?? 0;
  const values = bars
    .flatMap((b) => [b.value, b.previous, b.target])
    .filter((v): v is number => v !== null && v !== undefined);
  const ticks = axisTicks(min, Math.max(0, ...values), options.max);
  const max = ticks[ticks.length - 1]!;
  const label = labelWidth(bars);
  const plot = width - label - VALUE;
  const x = (v: number): number => label + (plot * (Math.max(min, Math.min(max, v)) - min)) / (max - min);
  const height = TOP + bars.length * ROW + BOTTOM;
  const grid = ticks.map((t) => ({
    line: { x1: x(t), x2: x(t), y1: TOP - 6, y2: height - BOTTOM },
    label: { x: x(t), y: TOP - 9, 'text-anchor': 'middle' as const },
    text: options.format(t),
  }));
  const rows = bars.map((bar, i) => barRow(bar, TOP + i * ROW, x, label, options.format));
  return chartFrame(options.title, width, height, grid, rows);
}

function barRow(bar: Bar, y: number, x: (v: number) => number, label: number, format: (v: number) => string): Markup {
  const mid = y + ROW / 2;
  const bad =
    bar.value !== null &&
    bar.target !== null &&
    bar.target !== undefined &&
    (bar.higherIsBetter ? bar.value < bar.target : bar.value > bar.target);
  const color = bar.value === null ? NEUTRAL : bad ? ABOVE_TARGET : WITHIN_TARGET;
  const tip = [
    `${bar.label}: ${bar.value === null ? 'no value' : format(bar.value)}`,
    bar.previous == null ? '' : `last month ${format(bar.previous)}`,
    bar.target == null ? '' : `target ${format(bar.target)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return h(
    'g',
    { class: 'bar' },
    h('title', {}, tip),
    h('text', { x: label - 6, y: mid + 4, 'text-anchor': 'end' }, bar.label),
    bar.value === null
      ? null
      : h('rect', { x: label, y: y + 4, width: Math.max(0.5, x(bar.value) - label), height: ROW - 8, fill: color }),
    bar.previous == null
      ? null
      : h('line', {
          x1: x(bar.previous),
          x2: x(bar.previous),
          y1: y + 2,
          y2: y + ROW - 2,
          stroke: '#252525',
          'stroke-width': 2,
        }),
    bar.target == null
      ? null
      : h('line', {
          x1: x(bar.target),
          x2: x(bar.target),
          y1: y,
          y2: y + ROW,
          stroke: '#252525',
          'stroke-dasharray': '3 2',
        }),
    h('text', { x: x(bar.value ?? 0) + 4, y: mid + 4 }, bar.value === null ? '—' : format(bar.value)),
  );
}

function axisTicks(min: number, top: number, max: number | undefined): number[] {
  const ticks = niceTicks(Math.max(top, min) - min).map((t) => Number((t + min).toPrecision(12)));
  if (max === undefined || ticks[ticks.length - 1]! <= max) return ticks;
  return [...ticks.filter((t) => t < max), max];
}

/** Room for the longest label at about 6.5 px a character (11 px sans-serif; CJK counts double). */
function labelWidth(bars: readonly Bar[]): number {
  const chars = Math.max(
    0,
    ...bars.map((b) => [...b.label].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)),
  );
  return Math.min(220, Math.max(48, 12 + chars * 6.5));
}
