import type { Color, Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { getJson } from './api-client';
import type { CoverageTrend } from './api-types';
import { el } from './dom';
import { language } from './i18n';

export const TREND_LAYER_ID = 'coverage-trends';

// Lasting and growing hot spots dark red, fading ones amber, new ones pink, history grey.
const CLASS_COLORS: Record<CoverageTrend['class'], Color> = {
  intensifying: [153, 27, 27, 220],
  persistent: [220, 38, 38, 200],
  consecutive: [249, 115, 22, 200],
  new: [236, 72, 153, 200],
  diminishing: [234, 179, 8, 190],
  sporadic: [251, 146, 60, 160],
  oscillating: [168, 85, 247, 160],
  historical: [148, 163, 184, 170],
  none: [0, 0, 0, 0],
};

/**
 * The map's colouring switch: complaints (the default) or the emerging hot spot class of each
 * hexagon over the last 12 weeks. Adds its own control under the map; `onChange` redraws.
 */
export class TrendColouring {
  private byClass = false;
  private trends: CoverageTrend[] = [];
  private readonly select: HTMLSelectElement;

  constructor(
    host: HTMLElement,
    private readonly onChange: () => void,
  ) {
    const zh = language() === 'zh';
    this.select = el(
      'select',
      { id: 'map-colouring' },
      el('option', { value: 'complaints' }, zh ? '投诉量' : 'complaints'),
      el('option', { value: 'trend' }, zh ? '热点趋势类别' : 'hot spot trend class'),
    );
    this.select.addEventListener('change', () => void this.choose(this.select.value === 'trend'));
    host.append(el('label', { class: 'map-colouring' }, zh ? '着色 ' : 'colour by ', this.select));
  }

  /** The overlay to draw: the classes when chosen, else nothing. */
  layers(): Layer[] {
    if (!this.byClass) return [];
    return [
      new H3HexagonLayer<CoverageTrend>({
        id: TREND_LAYER_ID,
        data: this.trends.filter((t) => t.class !== 'none'),
        getHexagon: (t) => t.h3,
        getFillColor: (t) => CLASS_COLORS[t.class],
        stroked: false,
        extruded: false,
        pickable: true,
      }),
    ];
  }

  /** Reloads the classes when they are shown (new data). */
  async refresh(): Promise<void> {
    if (this.byClass) await this.choose(true);
  }

  private async choose(byClass: boolean): Promise<void> {
    this.byClass = byClass;
    if (byClass) this.trends = await getJson<CoverageTrend[]>('v1/coverage/trends', { weeks: 12 }).catch(() => []);
    this.onChange();
  }
}
