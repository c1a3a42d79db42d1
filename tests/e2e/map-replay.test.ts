import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  CHROMIUM,
  dashboardPerSuite,
  hasChromium,
  hook,
  startDashboard,
  type DashboardFixture,
} from './dashboard-fixture.js';

interface HexagonState {
  loads: number;
  url: string | null;
}
interface HexagonCount {
  h3: string;
  complaints: number;
}

const byH3 = (rows: HexagonCount[]): HexagonCount[] =>
  rows.map(({ h3, complaints }) => ({ h3, complaints })).sort((a, b) => a.h3.localeCompare(b.h3));

if (!hasChromium()) console.warn(`e2e map tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!hasChromium())('the map a manager reads: city labels, legend, replay', () => {
  let f: DashboardFixture;
  let page: Page;

  /** Waits for the map to show hexagons fetched for the window [from, to), returns what it drew and the request. */
  async function waitForWindow(from: string, to: string): Promise<{ drawn: HexagonCount[]; url: string }> {
    await page.waitForFunction(
      ([a, b]) => {
        const state = (window.__cellpulse as { hexagons: () => HexagonState }).hexagons();
        const params = new URL(state.url!, location.href).searchParams;
        return params.get('from') === a && params.get('to') === b;
      },
      [from, to] as const,
    );
    const state = await hook<HexagonState>(page, 'hexagons');
    return { drawn: await hook<HexagonCount[]>(page, 'hexagonData'), url: state.url! };
  }

  dashboardPerSuite(startDashboard, 180_000, (started) => {
    f = started;
    page = f.page;
  });

  it('labels every city of the inventory and gives the colour scale its counts', async () => {
    expect((await hook<string[]>(page, 'cityLabels')).sort()).toEqual(['Hangzhou', 'Ningbo']);
    expect(await hook(page, 'layerDataCount', 'city-labels')).toBe(2);
    const drawn = await hook<HexagonCount[]>(page, 'hexagonData');
    const bins = await page
      .locator('#map-legend .legend-bin')
      .evaluateAll((nodes) =>
        nodes.map((n) => [Number(n.getAttribute('data-min')), Number(n.getAttribute('data-max'))]),
      );
    expect(bins.length).toBeGreaterThan(1);
    const counts = drawn.map((h) => h.complaints);
    expect(bins[0]![0]).toBe(Math.min(...counts));
    expect(bins[bins.length - 1]![1]).toBe(Math.max(...counts));
  });

  it('replays one hour: the map draws exactly the API rows and incidents of that hour', async () => {
    await page.locator('#filter-from').fill('2024-05');
    await page.locator('#filter-to').fill('2024-05');
    await page.locator('#time-step').selectOption('hour');
    // position 1 is the period's first hour; 10 is 09:00-10:00 local, when the seed's complaints arrive
    for (const [position, from, to] of [
      [1, '2024-05-01T00:00', '2024-05-01T01:00'],
      [10, '2024-05-01T09:00', '2024-05-01T10:00'],
    ] as const) {
      await page.locator('#time-slider').fill(String(position));
      const { drawn, url } = await waitForWindow(from, to);
      const expected = await f.apiJson<HexagonCount[]>(`/${url}`);
      expect(byH3(drawn)).toEqual(byH3(expected));
      const incidents = await f.apiJson<{ incident_id: string }[]>(`/v1/incidents?from=${from}&to=${to}`);
      await expect
        .poll(async () => (await hook<{ mapIncidents: string[] }>(page, 'time')).mapIncidents.sort(), {
          timeout: 20_000,
        })
        .toEqual(incidents.map((i) => i.incident_id).sort());
    }
    const first = await waitForWindow('2024-05-01T09:00', '2024-05-01T10:00');
    await page.locator('#time-slider').fill('1');
    const other = await waitForWindow('2024-05-01T00:00', '2024-05-01T01:00');
    expect(byH3(other.drawn)).not.toEqual(byH3(first.drawn));
    await page.screenshot({ path: `${ARTIFACTS}dashboard-replay.png` });
  });

  it('plays through the days of the period and goes back to the whole period', async () => {
    await page.locator('#time-step').selectOption('day');
    await page.locator('#time-play').click();
    await page.waitForFunction(
      () => Number((document.querySelector('#time-slider') as HTMLInputElement).value) >= 2,
      undefined,
      { timeout: 20_000 },
    );
    await page.locator('#time-play').click();
    const day = Number(await page.locator('#time-slider').inputValue());
    const date = (d: number): string => `2024-05-${String(d).padStart(2, '0')}T00:00`;
    await waitForWindow(date(day), date(day + 1));
    await page.locator('#time-slider').fill('0');
    await waitForWindow('2024-05-01', '2024-06-01');
  });
});
