import { cellToBoundary } from 'h3-js';
import { h, type Markup } from '../html/markup.js';
import { sequentialColor, sequentialSteps } from './palette.js';

/** A hexagon to draw, coloured by `value`; `outline` draws it with a heavy border (a candidate's region). */
export interface MapCell {
  h3: string;
  value: number;
  outline?: boolean;
}

export type MapPointKind = 'incident' | 'candidate' | 'active_site' | 'planned_site';

export interface MapPoint {
  lat: number;
  lon: number;
  kind: MapPointKind;
  /** Short text drawn next to the marker (e.g. a rank), may be empty. */
  label: string;
  /** Hover text. */
  tip: string;
}

export interface HexMapOptions {
  title: string;
  /** What a cell's value counts, for the legend. */
  valueLabel: string;
  width?: number;
  maxHeight?: number;
}

const PAD = 14;
const LEGEND = 34;

/**
 * A static map of H3 cells and point markers as inline SVG. Equirectangular projection with
 * longitudes scaled by cos(mean latitude), so hexagons keep their shape at the map's latitude;
 * fine for a province, not for a continent.
 */
export function hexMap(cells: readonly MapCell[], points: readonly MapPoint[], options: HexMapOptions): Markup {
  const width = options.width ?? 560;
  const rings = cells.map((c) => cellToBoundary(c.h3));
  const project = projection(
    [...rings.flat(), ...points.map((p): [number, number] => [p.lat, p.lon])],
    width,
    options.maxHeight ?? 560,
  );
  const height = project.height + LEGEND;
  const max = Math.max(0, ...cells.map((c) => c.value));
  return h(
    'svg',
    { class: 'map', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': options.title },
    h('title', {}, options.title),
    h('rect', { x: 0, y: 0, width, height: project.height, fill: '#f7f7f7' }),
    cells.map((cell, i) =>
      h(
        'polygon',
        {
          points: rings[i]!.map(([lat, lon]) => project.point(lat, lon).join(',')).join(' '),
          fill: sequentialColor(cell.value, max),
          stroke: cell.outline ? '#54278f' : '#ffffff',
          'stroke-width': cell.outline ? 2 : 0.4,
          'data-h3': cell.h3,
          'data-value': cell.value,
        },
        h('title', {}, `${cell.h3}: ${cell.value} ${options.valueLabel}`),
      ),
    ),
    points.map((p) => marker(p, project.point(p.lat, p.lon))),
    legend(max, options.valueLabel, project.height + 8),
  );
}

interface Projection {
  height: number;
  point: (lat: number, lon: number) => [number, number];
}

function projection(coords: readonly [number, number][], width: number, maxHeight: number): Projection {
  if (coords.length === 0) return { height: 120, point: () => [width / 2, 60] };
  const lats = coords.map(([lat]) => lat);
  const lons = coords.map(([, lon]) => lon);
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * kx, 1e-6);
  const spanY = Math.max(north - south, 1e-6);
  const scale = Math.min((width - 2 * PAD) / spanX, (maxHeight - 2 * PAD) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const round = (v: number): number => Math.round(v * 10) / 10;
  return {
    height: Math.ceil(spanY * scale + 2 * PAD),
    point: (lat, lon) => [round(offsetX + (lon - west) * kx * scale), round(PAD + (north - lat) * scale)],
  };
}

function marker(p: MapPoint, [x, y]: [number, number]): Markup {
  const shape = (() => {
    switch (p.kind) {
      case 'incident':
        return h('circle', { cx: x, cy: y, r: 5, fill: '#e31a1c', 'fill-opacity': 0.75, stroke: '#67000d' });
      case 'candidate':
        return h('path', {
          d: `M${x},${y - 7}L${x + 6},${y + 4}L${x - 6},${y + 4}Z`,
          fill: '#6a51a3',
          stroke: '#ffffff',
        });
      case 'active_site':
        return h('rect', { x: x - 3.5, y: y - 3.5, width: 7, height: 7, fill: '#252525' });
      case 'planned_site':
        return h('rect', {
          x: x - 3.5,
          y: y - 3.5,
          width: 7,
          height: 7,
          fill: '#ffffff',
          stroke: '#252525',
          'stroke-width': 1.5,
        });
      default:
        return p.kind satisfies never;
    }
  })();
  return h(
    'g',
    { class: `marker marker-${p.kind}` },
    h('title', {}, p.tip),
    shape,
    p.label === '' ? null : h('text', { x: x + 7, y: y - 5, class: 'marker-label' }, p.label),
  );
}

function legend(max: number, valueLabel: string, y: number): Markup {
  const steps = sequentialSteps(max);
  return h(
    'g',
    { class: 'legend' },
    steps.map(([color, from], i) =>
      h(
        'g',
        {},
        h('rect', { x: i * 44, y, width: 44, height: 10, fill: color }),
        h('text', { x: i * 44, y: y + 22 }, `≥${from}`),
      ),
    ),
    h('text', { x: steps.length * 44 + 8, y: y + 9 }, valueLabel),
  );
}
