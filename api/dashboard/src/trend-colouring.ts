import type { Color, Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { getJson } from './api-client';
import type { CoverageTrend } from './api-types';
import { el } from './dom';
import { formatNumber, language } from './i18n';

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

// ESRI's Chinese names of the Emerging Hot Spot Analysis classes (ArcGIS 新兴时空热点分析).
const CLASS_ZH: Record<CoverageTrend['class'], string> = {
  intensifying: '加强的热点',
  persistent: '持续性热点',
  consecutive: '连续热点',
  new: '新增热点',
  diminishing: '减弱的热点',
  sporadic: '分散的热点',
  oscillating: '振荡热点',
  historical: '历史热点',
  none: '无模式',
};

/**
 * The map's colouring switch: complaints (the default) or the emerging hot spot class of each
 * hexagon over the last 12 weeks. Adds its own control under the map; `onChange` redraws.
 */
export class TrendColouring {
  private byClass = false;
  private trends: CoverageTrend[] = [];
  private readonly select: HTMLSelectElement;
  /** What each colour means while the classes are drawn: the classes present and their hexagons. */
  private readonly legend = el('span', { class: 'legend trend-legend' });

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
    host.append(el('label', { class: 'map-colouring' }, zh ? '着色 ' : 'colour by ', this.select), this.legend);
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
    this.drawLegend();
    this.onChange();
  }

  private drawLegend(): void {
    const counts = new Map<CoverageTrend['class'], number>();
    if (this.byClass) for (const t of this.trends) counts.set(t.class, (counts.get(t.class) ?? 0) + 1);
    counts.delete('none');
    const order = Object.keys(CLASS_COLORS);
    const items = [...counts]
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([name, n]) => {
        const [r, g, b, a] = Array.from(CLASS_COLORS[name]);
        return el(
          'span',
          { class: 'legend-bin', 'data-class': name, 'data-hexagons': String(n) },
          el('span', { class: 'swatch', style: `background: rgba(${r}, ${g}, ${b}, ${(a ?? 255) / 255})` }),
          ` ${language() === 'zh' ? CLASS_ZH[name] : name} ${formatNumber(n)}`,
        );
      });
    this.legend.replaceChildren(...items);
  }
}
