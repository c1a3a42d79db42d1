import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AppraisalRow } from '../../domain/appraisal.js';
import { ROUTES, type ComplaintRecord, type RouteCount } from '../../domain/triage.js';
import { ARTIFACTS, CHROMIUM, dashboardPerSuite, hasChromium } from './dashboard-fixture.js';
import { settle, startPanels, type PanelsFixture } from './panels-fixture.js';

const number = (n: number): string => n.toLocaleString('zh-CN');
const fixed = (value: number | null, digits: number): string => (value === null ? '—' : value.toFixed(digits));

/** The month after YYYY-MM, for a [from, to) filter. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

if (!hasChromium()) console.warn(`e2e triage panel tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!hasChromium())('the triage panel: routes per city, the complaints behind a count, the league', () => {
  let f: PanelsFixture;
  let page: Page;
  let league: AppraisalRow[];
  let month: string;

  /** The text of every cell of a table's body, row by row. */
  const cells = (selector: string): Promise<string[][]> =>
    page
      .locator(`${selector} tbody tr`)
      .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')));

  dashboardPerSuite(startPanels, 240_000, async (started) => {
    f = started;
    page = f.page;
    league = await f.apiJson<AppraisalRow[]>('/v1/appraisal');
    month = league[0]!.month;
    // A complaint stored before triage existed (its route is null) counts as "untriaged".
    const legacy = `UPDATE complaints SET route = NULL, route_reason = NULL WHERE complaint_id = 'MAP-2024-06-3'`;
    await f.api.db.write((conn) => conn.run(legacy));
  });

  it('counts every route of every city of the newest month as GET /v1/triage does', async () => {
    const counts = await f.apiJson<RouteCount[]>(`/v1/triage?month=${month}`);
    expect(counts.length).toBeGreaterThan(2);
    const cities = [...new Set(counts.map((c) => c.city))];
    const others = counts.map((c) => c.route).filter((r) => !(ROUTES as readonly string[]).includes(r));
    const routes = [...ROUTES, ...new Set(others)];
    expect(routes).toContain('untriaged');
    const expected = cities.map((city) => [
      city,
      ...routes.map((route) => {
        const n = counts.find((c) => c.city === city && c.route === route)?.complaints ?? 0;
        return n === 0 ? '' : number(n);
      }),
    ]);
    await settle(() => cells('.triage-routes')).toEqual(expected);
    // every count the API gives has its cell (none dropped for a route the table lacks)
    const shown = expected.flatMap((row) => row.slice(1)).filter((c) => c !== '').length;
    expect(shown).toBe(counts.filter((c) => c.complaints > 0).length);
    expect(await page.locator('.triage-routes thead th').first().textContent()).toContain(month);
    expect(await page.locator('.triage-routes thead th').count()).toBe(routes.length + 1);
  });

  it('lists the complaints behind a count when it is clicked, the largest count included', async () => {
    const all = await f.apiJson<RouteCount[]>(`/v1/triage?month=${month}`);
    const counts = all.filter((c) => (ROUTES as readonly string[]).includes(c.route));
    const biggest = [...counts].sort((a, b) => b.complaints - a.complaints)[0]!;
    const smallest = [...counts].sort((a, b) => a.complaints - b.complaints)[0]!;
    for (const pick of [smallest, biggest]) {
      const query = `city=${pick.city}&route=${pick.route}&from=${month}-01&to=${nextMonth(month)}-01&limit=200`;
      const rows = await f.apiJson<ComplaintRecord[]>(`/v1/complaints?${query}`);
      await page.locator(`.triage-routes a[data-city="${pick.city}"][data-route="${pick.route}"]`).click();
      const items = page.locator('.triage-list li');
      await settle(() => items.evaluateAll((li) => li.map((x) => x.textContent!.split(' ')[0]))).toEqual(
        rows.map((r) => r.complaint_id),
      );
      const heading = await page.locator('.triage-list h3').textContent();
      expect(heading).toContain(pick.city);
      expect(heading).toContain(number(pick.complaints));
    }
    expect(biggest.complaints).toBeGreaterThan(200);
    await page.screenshot({ path: `${ARTIFACTS}triage-list.png`, fullPage: true });
  });

  it('ranks the cities in the appraisal league as GET /v1/appraisal does', async () => {
    expect(league.length).toBeGreaterThan(0);
    const expected = league.map((r) => [
      r.rank === null ? '—' : String(r.rank),
      r.city,
      fixed(r.rate, 2),
      r.compliance === null ? '—' : `${(r.compliance * 100).toFixed(1)}%`,
      `${fixed(r.rate_points, 2)} + ${fixed(r.compliance_points, 2)} = ${fixed(r.total, 2)}`,
    ]);
    await settle(() => cells('.triage-league')).toEqual(expected);
  });
});
