import type { HexagonRow } from './api-types';
import { el } from './dom';
import { formatNumber, t } from './i18n';
import { HEX_COLORS, hexColorIndex } from './map-layers';

/** One colour of the hexagon scale with the complaint counts and hexagons it stands for now. */
export interface LegendBin {
  color: string;
  min: number;
  max: number;
  hexagons: number;
}

/** The colours the drawn hexagons use, each with its range of complaint counts (the scale is logarithmic). */
export function legendBins(hexagons: readonly HexagonRow[]): LegendBin[] {
  const max = hexagons.reduce((m, h) => Math.max(m, h.complaints), 0);
  const bins = new Map<number, LegendBin>();
  for (const hex of hexagons) {
    const index = hexColorIndex(hex.complaints, max);
    const [r, g, b] = HEX_COLORS[index] as [number, number, number];
    const bin = bins.get(index) ?? { color: `rgb(${r}, ${g}, ${b})`, min: Infinity, max: 0, hexagons: 0 };
    bin.min = Math.min(bin.min, hex.complaints);
    bin.max = Math.max(bin.max, hex.complaints);
    bin.hexagons += 1;
    bins.set(index, bin);
  }
  return [...bins].sort((a, b) => a[0] - b[0]).map(([, bin]) => bin);
}

/** Draws the scale: a swatch per colour with "min–max complaints" and how many hexagons have it. */
export function renderHexLegend(node: HTMLElement, hexagons: readonly HexagonRow[]): void {
  const items = legendBins(hexagons).map((bin) => {
    const range = bin.min === bin.max ? formatNumber(bin.min) : `${formatNumber(bin.min)}–${formatNumber(bin.max)}`;
    return el(
      'span',
      {
        class: 'legend-bin',
        'data-min': String(bin.min),
        'data-max': String(bin.max),
        title: `${formatNumber(bin.hexagons)} ${t('map_hexagons')}`,
      },
      el('span', { class: 'swatch', style: `background: ${bin.color}` }),
      ` ${range}`,
    );
  });
  node.replaceChildren(el('span', { class: 'muted' }, `${t('complaints')} / hex:`), ...items);
}
