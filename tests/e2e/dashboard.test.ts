import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callDropBurst } from '../helpers/ingest-rows.js';
import { postJson, WRITE_KEY } from '../integration/api/api-fixture.js';
import {
  ARTIFACTS,
  CHROMIUM,
  dashboardPerSuite,
  hasChromium,
  hook,
  MONTHLY_COMPLAINTS,
  startDashboard,
  type DashboardFixture,
} from './dashboard-fixture.js';

interface HexagonState {
  loads: number;
  count: number;
  complaints: number;
  resolution: number | null;
  url: string | null;
}

interface HexagonRow {
  h3: string;
  complaints: number;
  lat: number;
  lon: number;
}

/** Polls like Playwright's web-first assertions (playwright-core has none): the page settles asynchronously. */
const settle = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const LOCATED_SEED = 5;
const ALL_MONTHS = Object.values(MONTHLY_COMPLAINTS).reduce((a, b) => a + b, 0);

if (!hasChromium()) console.warn(`e2e dashboard tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!hasChromium())('dashboard in headless Chromium', () => {
  let f: DashboardFixture;
  let page: Page;
  const offsite: string[] = [];

  /** Waits until the map shows hexagons fetched for `to` (exclusive end of the period). */
  async function waitForHexagons(to: string, after: number): Promise<HexagonState> {
    await page.waitForFunction(
      ([end, loads]) => {
        const state = (window.__cellpulse as { hexagons: () => HexagonState }).hexagons();
        return state.loads > (loads as number) && new URL(state.url!, location.href).searchParams.get('to') === end;
      },
      [to, after] as const,
    );
    return hook<HexagonState>(page, 'hexagons');
  }

  /** Waits until the map has flown to `zoom` and stopped there (SwiftShader frames are slow on a busy machine). */
  async function waitForZoom(zoom: number): Promise<{ latitude: number; longitude: number; zoom: number }> {
    await page.waitForFunction((z) => {
      const hooks = window.__cellpulse as { settled: () => boolean; viewState: () => { zoom: number } | null };
      return hooks.settled() && Math.abs((hooks.viewState()?.zoom ?? 0) - z) < 1e-3;
    }, zoom);
    return hook(page, 'viewState');
  }

  async function setPeriod(from: string, to: string): Promise<void> {
    await page.locator('#filter-from').fill(from);
    await page.locator('#filter-to').fill(to);
  }

  dashboardPerSuite(startDashboard, 180_000, (started) => {
    f = started;
    page = f.page;
    page.on('request', (request) => {
      if (!request.url().startsWith(f.api.url) && !request.url().startsWith('data:')) offsite.push(request.url());
    });
  });

  it('renders the hexagons of the data, the sites and the bundled outline, all from this server', async () => {
    const state = await hook<HexagonState>(page, 'hexagons');
    const expected = await f.apiJson<HexagonRow[]>(`/${state.url}`);
    expect(expected.length).toBeGreaterThan(5);
    expect(await hook(page, 'layerDataCount', 'hexagons')).toBe(expected.length);
    expect(state.complaints).toBe(ALL_MONTHS + LOCATED_SEED);
    expect(await hook(page, 'layerDataCount', 'sites')).toBe(4);
    // the country outlines come from the bundle (world-atlas), trimmed to the data's surroundings
    await page.waitForFunction(
      () => ((window.__cellpulse as { layerDataCount: (id: string) => number }).layerDataCount('outline') ?? 0) > 0,
    );
    expect(await hook<string[]>(page, 'outlineNames')).toContain('China');
    await page.waitForFunction(() => (window.__cellpulse as { frames: () => number }).frames() > 0);
    // the GPU drew the busiest hexagon where it belongs: picking reads the rendered frame back
    const top = expected[0]!;
    const picked = await hook<HexagonRow | null>(page, 'pickAt', top.lat, top.lon, 'hexagons');
    expect(picked?.h3).toBe(top.h3);
    await settle(() => page.locator('h1').textContent()).toBe('cellpulse 网络投诉看板');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-zh.png`, fullPage: true });
    expect(offsite).toEqual([]);
  });

  it('shows only the chosen period once the period filter changes', async () => {
    const before = await hook<HexagonState>(page, 'hexagons');
    await setPeriod('2024-04', '2024-04');
    const april = await waitForHexagons('2024-05-01', before.loads);
    expect(april.url).toContain('from=2024-04-01');
    const expected = await f.apiJson<HexagonRow[]>(`/${april.url}`);
    expect(await hook(page, 'layerDataCount', 'hexagons')).toBe(expected.length);
    // the seed's complaints are all in May: April shows exactly the map data's April
    expect(april.complaints).toBe(MONTHLY_COMPLAINTS['2024-04']);
    expect(april.count).toBeLessThan(before.count);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-april.png` });
  });

  it('fills every panel from its route for the period, and a list click zooms the map', async () => {
    await page.waitForFunction(() =>
      Object.values((window.__cellpulse as { panels: () => Record<string, string> }).panels()).every(
        (s) => s !== 'loading',
      ),
    );
    const panels = await hook<Record<string, string>>(page, 'panels');
    expect(Object.values(panels).filter((s) => s === 'error')).toEqual([]);
    if (panels.rates === 'ok') {
      // one technology at a time (targets are per technology): the one with most complaints, LTE here
      await settle(() => page.locator('#rates-tabs .chosen').textContent()).toBe('LTE');
      const rows = await f.apiJson<
        { city: string; rate_per_10k: number | null; target_per_10k: number | null; above_target: boolean | null }[]
      >('/v1/rates?by=city&technology=LTE&from=2024-04&to=2024-04');
      const byRate = [...rows].sort((a, b) => (b.rate_per_10k ?? -1) - (a.rate_per_10k ?? -1)).map((r) => r.city);
      await settle(() =>
        page.locator('.rate-row').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-city'))),
      ).toEqual(byRate);
      expect(await page.locator('.rate-row .target').count()).toBe(
        rows.filter((r) => r.target_per_10k !== null).length,
      );
      expect(await page.locator('.rate-row .bar.above').count()).toBe(
        rows.filter((r) => r.above_target === true).length,
      );
    }
    if (panels.kpis === 'ok') {
      const rows = await f.apiJson<{ complaints: number }[]>('/v1/kpis?from_month=2024-04&to_month=2024-04');
      await settle(() => page.locator('[data-kpi="kpi_complaints"] .tile-value').textContent()).toBe(
        String(rows.reduce((s, r) => s + r.complaints, 0)),
      );
    }
    if (panels.coverage === 'ok') {
      const [top] = await f.apiJson<HexagonRow[]>(
        '/v1/coverage?from=2024-04-01&to=2024-05-01&limit=15&min_complaints=2',
      );
      expect(top).toBeDefined();
      const first = page.locator('#coverage-body .zoom-link').first();
      await settle(() => first.getAttribute('data-h3')).toBe(top!.h3);
      await first.click();
      const view = await waitForZoom(13);
      expect(view.latitude).toBeCloseTo(top!.lat, 5);
      expect(view.longitude).toBeCloseTo(top!.lon, 5);
    }
  });

  it('shows a live burst as an open incident without reloading', async () => {
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    const before = await hook<HexagonState>(page, 'hexagons');
    await setPeriod('2024-04', '2024-06');
    await waitForHexagons('2024-07-01', before.loads);
    await page.waitForFunction(
      () => (window.__cellpulse as { alerts: () => { connected: boolean } }).alerts().connected,
    );
    const burst = callDropBurst('BURST', '2024-06-30', 'Hangzhou', (i) => ({
      lat: 30.2741 + i * 0.0002,
      lon: 120.1551,
    }));
    const response = await postJson(`${f.api.url}/v1/complaints`, burst);
    expect(response.status).toBe(200);
    const { incidents } = (await response.json()) as {
      incidents: { incident_id: string; centroid: { lat: number; lon: number } }[];
    };
    expect(incidents).toHaveLength(1);
    const { incident_id: id, centroid } = incidents[0]!;

    const item = page.locator(`[data-incident="${id}"]`);
    await settle(() => item.getAttribute('data-status')).toBe('open');
    const shown = await hook<{ incident_id: string; complaint_count: number }[]>(page, 'incidents');
    expect(shown.find((i) => i.incident_id === id)?.complaint_count).toBe(6);
    expect(await hook<number>(page, 'layerDataCount', 'incident-points')).toBeGreaterThanOrEqual(1);
    await item.click();
    await waitForZoom(13);
    const picked = await hook<{ incident_id: string } | null>(
      page,
      'pickAt',
      centroid.lat,
      centroid.lon,
      'incident-points',
    );
    expect(picked?.incident_id).toBe(id);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-incident.png` });
  });

  it('acknowledges and resolves an incident from the list, with the API key the page holds', async () => {
    const shown = await hook<{ incident_id: string; status: string }[]>(page, 'incidents');
    const id = shown.find((i) => i.status === 'open')!.incident_id;
    const actions = page.locator(`li:has([data-incident="${id}"]) .incident-actions`);
    await page.evaluate(() => {
      localStorage.removeItem('cellpulse.apiKey');
      localStorage.setItem('cellpulse.operator', 'e2e-noc');
    });
    await actions.locator('button.ack').click();
    await settle(() => actions.locator('.action-error').textContent()).toContain('API key');
    await page.evaluate((key) => localStorage.setItem('cellpulse.apiKey', key), WRITE_KEY);
    await actions.locator('button.ack').click();
    await settle(() => actions.getAttribute('data-handling')).toBe('acknowledged');
    const acked = await f.apiJson<{ handling: { state: string; acknowledged_by: string } }>(`/v1/incidents/${id}`);
    expect(acked.handling).toMatchObject({ state: 'acknowledged', acknowledged_by: 'e2e-noc' });
    await actions.locator('select.root-cause').selectOption('interference');
    await actions.locator('button.resolve').click();
    await settle(() => actions.getAttribute('data-handling')).toBe('resolved');
    expect(await actions.textContent()).toContain('干扰');
    const resolved = await f.apiJson<{ handling: { state: string; root_cause: string } }>(`/v1/incidents/${id}`);
    expect(resolved.handling).toMatchObject({ state: 'resolved', root_cause: 'interference' });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-incident-resolved.png` });
  });

  it('answers a front-desk look-up, in Chinese and then in English', async () => {
    await page.locator('#map canvas').click({ position: { x: 200, y: 200 }, delay: 50 });
    await settle(() => page.locator('#lookup-lat').inputValue()).not.toBe('');
    await page.locator('#lookup-lat').fill('30.2742');
    await page.locator('#lookup-lon').fill('120.1551');
    await page.locator('#lookup-at').fill('2024-06-30T10:40');
    const expected = await f.apiJson<{ answer: { zh: string; en: string; reason: string } }>(
      '/v1/lookup?lat=30.2742&lon=120.1551&at=2024-06-30T10:40',
    );
    await page.locator('#lookup-go').click();
    const reply = page.getByTestId('lookup-reply');
    await settle(() => reply.textContent()).toBe(expected.answer.zh);
    expect(await reply.getAttribute('data-reason')).toBe(expected.answer.reason);
    expect(expected.answer.reason).toBe('incident');

    await page.locator('#language-switch').click();
    await settle(() => page.locator('h1').textContent()).toBe('cellpulse network complaints');
    expect(await reply.textContent()).toBe(expected.answer.en);
    expect(await page.locator('#filter-category option[value="call_drop"]').textContent()).toBe('call drop');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-lookup-en.png`, fullPage: true });
  });
  it('shows routes per city with the appraisal league, and lists the complaints behind a count', async () => {
    const league = await f.apiJson<{ city: string; month: string; rank: number | null }[]>('/v1/appraisal');
    const counts = await f.apiJson<{ city: string; route: string; complaints: number }[]>(
      `/v1/triage?month=${league[0]!.month}`,
    );
    const body = page.getByTestId('triage-body');
    await settle(() => body.locator('.triage-league tbody tr').count()).toBe(league.length);
    const link = body.locator('.triage-routes a').first();
    const [city, route] = [await link.getAttribute('data-city'), await link.getAttribute('data-route')];
    const expected = counts.find((c) => c.city === city && c.route === route)!.complaints;
    expect(await link.textContent()).toBe(String(expected));
    await link.click();
    await settle(() => body.locator('.triage-list li').count()).toBe(Math.min(expected, 200));
    await page.screenshot({ path: `${ARTIFACTS}dashboard-triage.png`, fullPage: true });
  });
});
