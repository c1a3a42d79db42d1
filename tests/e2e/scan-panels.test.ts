import { cellToLatLng } from 'h3-js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CoverageTrend } from '../../analytics/coverage/coverage-trends.js';
import type { Incident } from '../../domain/incident.js';
import type { Signal } from '../../domain/signal.js';
import { postJson } from '../integration/api/api-fixture.js';
import { ARTIFACTS, CHROMIUM, dashboardPerSuite, hasChromium } from './dashboard-fixture.js';
import { AT, BURST_HEX, hook, HOT_SPOT, settle, startPanels, VILLAGE, type PanelsFixture } from './panels-fixture.js';

interface ShownSignal {
  signal_id: string;
  hexes: string[];
  p_value: number;
  incident_ids: string[];
}

/** What the badge says for a significance, in Chinese: the p-value and "by chance once in N days". */
function badgeText(s: { p_value: number; recurrence_interval_days: number }): string {
  const days = s.recurrence_interval_days;
  return `p = ${s.p_value.toPrecision(2)} · 偶然约 ${days >= 10 ? days.toFixed(0) : days.toFixed(1)} 天一次`;
}

if (!hasChromium()) console.warn(`e2e scan panel tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!hasChromium())('the scan on the dashboard: significance, signals, hot spot classes', () => {
  let f: PanelsFixture;
  let page: Page;

  /** Flies the map to a hexagon and waits until it rests there, so picking reads that spot. */
  async function flyTo(h3: string): Promise<[number, number]> {
    const [lat, lon] = cellToLatLng(h3);
    type Hooks = { dashboard: { map: { flyTo: (x: number, y: number, z: number) => void } } };
    await page.evaluate(([a, b]) => (window.__cellpulse as Hooks).dashboard.map.flyTo(a!, b!, 13), [lat, lon]);
    await page.waitForFunction((want) => {
      const hooks = window.__cellpulse as { settled: () => boolean; viewState: () => { latitude: number } | null };
      return hooks.settled() && Math.abs((hooks.viewState()?.latitude ?? 0) - want) < 1e-6;
    }, lat);
    return [lat, lon];
  }

  /** The significance badge of an incident in the list. */
  const badge = (id: string) => page.locator(`li:has([data-incident="${id}"]) .significance`);

  dashboardPerSuite(startPanels, 240_000, (started) => {
    f = started;
    page = f.page;
  });

  it('shows each incident with the p-value and recurrence interval of its best signal', async () => {
    const incidents = await f.apiJson<Incident[]>('/v1/incidents');
    const burst = incidents.find((i) => i.category === 'call_drop' && i.hexes.includes(BURST_HEX));
    expect(burst?.significance).not.toBeNull();
    expect(burst!.significance!.p_value).toBeLessThanOrEqual(0.05);
    for (const incident of incidents) {
      const s = incident.significance;
      await settle(() => badge(incident.incident_id).getAttribute('data-p')).toBe(s === null ? '' : String(s.p_value));
      expect(await badge(incident.incident_id).textContent()).toBe(s === null ? '未分析' : badgeText(s));
    }
    expect(await badge(burst!.incident_id).getAttribute('class')).toContain('rare');
    await page.screenshot({ path: `${ARTIFACTS}scan-significance.png`, fullPage: true });
  });

  it('marks a new incident "not analysed yet" until an analysis covers it, then shows its significance', async () => {
    const burst = Array.from({ length: 6 }, (_, i) => ({
      complaint_id: `LATE-${i}`,
      received_at: new Date(AT + (5 + i * 8) * 60_000).toISOString(),
      city: 'Hangzhou',
      category: 'voice_quality',
      technology: 'LTE',
      lat: 30.2905,
      lon: 120.2005,
    }));
    const response = await postJson(`${f.api.url}/v1/complaints`, burst);
    expect(response.status).toBe(200);
    const { incidents } = (await response.json()) as { incidents: Incident[] };
    const id = incidents[0]!.incident_id;
    await settle(() => badge(id).textContent()).toBe('未分析');
    expect((await f.apiJson<Incident>(`/v1/incidents/${id}`)).significance).toBeNull();
    await f.scan();
    const analysed = (await f.apiJson<Incident>(`/v1/incidents/${id}`)).significance;
    expect(analysed).not.toBeNull();
    // the page notices the new data version on its own (no reload)
    await settle(() => badge(id).getAttribute('data-p'), 45_000).toBe(String(analysed!.p_value));
    expect(await badge(id).textContent()).toBe(badgeText(analysed!));
  });

  it('draws the significant signals, violet where no incident covers them', async () => {
    const signals = (await f.apiJson<Signal[]>('/v1/signals')).filter((s) => s.p_value <= 0.05);
    const village = signals.find((s) => s.hexes.includes(VILLAGE));
    expect(village).toBeDefined();
    expect(village!.incident_ids).toEqual([]);
    expect(signals.some((s) => s.incident_ids.length > 0)).toBe(true);
    const shown = () => hook<ShownSignal[]>(page, 'signals').then((rows) => rows.map((s) => s.signal_id).sort());
    await settle(shown).toEqual(signals.map((s) => s.signal_id).sort());
    expect(await hook(page, 'layerDataCount', 'signals')).toBe(signals.reduce((n, s) => n + s.hexes.length, 0));
    const [lat, lon] = await flyTo(VILLAGE);
    const picked = await hook<{ h3: string; signal: Signal } | null>(page, 'pickAt', lat, lon, 'signals');
    expect(picked?.signal.signal_id).toBe(village!.signal_id);
    const colours = await page.evaluate(() => {
      type Layers = { deck: { props: { layers: { id: string; props: Record<string, unknown> }[] } } };
      const layer = (window.__cellpulse as Layers).deck.props.layers.find((l) => l.id === 'signals')!;
      const fill = layer.props.getFillColor as (d: unknown) => number[];
      const data = layer.props.data as { signal: { incident_ids: string[] } }[];
      return data.map((d) => [d.signal.incident_ids.length > 0, fill(d).join()]);
    });
    const uncovered = new Set(colours.filter(([covered]) => !covered).map(([, c]) => c));
    const covered = new Set(colours.filter(([c]) => c).map(([, c]) => c));
    expect([...uncovered]).toEqual(['139,92,246,70']);
    expect(covered.size).toBe(1);
    expect(covered.has('139,92,246,70')).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}scan-signals.png` });
  });

  it('colours the map by emerging hot spot class on request, and back by complaints', async () => {
    const trends = await f.apiJson<CoverageTrend[]>('/v1/coverage/trends?weeks=12');
    const classed = trends.filter((t) => t.class !== 'none');
    const hot = trends.find((t) => t.h3 === HOT_SPOT);
    expect(['persistent', 'intensifying', 'diminishing', 'consecutive']).toContain(hot?.class);
    expect(await hook(page, 'layerDataCount', 'coverage-trends')).toBeNull();
    await page.locator('#map-colouring').selectOption('trend');
    await settle(() => hook(page, 'layerDataCount', 'coverage-trends')).toBe(classed.length);
    // the legend names each class drawn with its hexagons
    const perClass = new Map<string, number>();
    for (const t of classed) perClass.set(t.class, (perClass.get(t.class) ?? 0) + 1);
    const legend = await page
      .locator('.trend-legend .legend-bin')
      .evaluateAll((nodes) =>
        nodes.map((n) => [n.getAttribute('data-class'), Number(n.getAttribute('data-hexagons'))] as const),
      );
    expect(new Map(legend)).toEqual(perClass);
    const [lat, lon] = await flyTo(HOT_SPOT);
    const picked = await hook<CoverageTrend | null>(page, 'pickAt', lat, lon, 'coverage-trends');
    expect(picked?.h3).toBe(HOT_SPOT);
    expect(picked?.class).toBe(hot!.class);
    await page.screenshot({ path: `${ARTIFACTS}scan-trend-classes.png` });
    await page.locator('#map-colouring').selectOption('complaints');
    await settle(() => hook(page, 'layerDataCount', 'coverage-trends')).toBeNull();
    expect(await page.locator('.trend-legend .legend-bin').count()).toBe(0);
  });
});
