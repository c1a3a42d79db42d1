import { h, type Child, type Markup } from '../html/markup.js';

/** What every report chart is told: its title (also its accessible name), how to write a value, its width. */
export interface ChartOptions {
  title: string;
  format: (value: number) => string;
  width?: number;
}

/** A grid line across the plot and its value written beside it. */
export interface GridTick {
  line: { x1: number; x2: number; y1: number; y2: number };
  label: { x: number; y: number; 'text-anchor': 'middle' | 'end' };
  text: string;
}

/**
 * The frame the report's charts share: inline SVG (no script, no external reference) named for screen readers, its
 * title at the top left, then the light grid with its values, then the chart's own marks.
 */
export function chartFrame(
  title: string,
  width: number,
  height: number,
  grid: readonly GridTick[],
  ...marks: Child[]
): Markup {
  const frame = { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title };
  return h(
    'svg',
    frame,
    h('title', {}, title),
    h('text', { x: 0, y: 14, class: 'chart-title' }, title),
    grid.map((t) => h('g', { class: 'tick' }, h('line', { ...t.line, stroke: '#e0e0e0' }), h('text', t.label, t.text))),
    ...marks,
  );
}
