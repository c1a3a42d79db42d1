import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintRates } from '../../../analytics/rates/complaint-rates.js';
import { ROUTES } from '../../../domain/triage.js';
import { COMPLAINTS, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api.stop());

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${api.url}${path}`, { headers });

/** Accepted seed complaints per city and technology, counted here from the fixture itself. */
function seedCount(city: string, technology: string): number {
  return COMPLAINTS.filter((c) => c.city === city && c.technology === technology && c.complaint_id !== 'C-7').length;
}

describe('GET /v1/rates', () => {
  it('answers the rate per 10k per city, technology and month, warning where subscribers are missing', async () => {
    const response = await get('/v1/rates');
    expect(response.status).toBe(200);
    const rows = (await response.json()) as Record<string, unknown>[];
    expect(rows.find((r) => r.city === 'Hangzhou' && r.technology === 'LTE')).toMatchObject({
      month: '2024-05',
      complaints: seedCount('Hangzhou', 'LTE'),
      subscribers: 100_000,
      rate_per_10k: seedCount('Hangzhou', 'LTE') / 10,
      warning: null,
    });
    const gsm = rows.find((r) => r.city === 'Ningbo' && r.technology === 'GSM');
    expect(gsm).toMatchObject({ complaints: 1, subscribers: null, rate_per_10k: null });
    expect(String(gsm?.warning)).toContain('Ningbo/GSM/2024-05');
  });

  it('groups by any fields, applies a target override and writes CSV and Arrow', async () => {
    const json = (await (await get('/v1/rates?by=technology&technology=LTE&target_lte=0.1')).json()) as Record<
      string,
      unknown
    >[];
    const lte = seedCount('Hangzhou', 'LTE') + seedCount('Ningbo', 'LTE');
    expect(json).toEqual([
      expect.objectContaining({
        technology: 'LTE',
        complaints: lte,
        subscribers: 150_000,
        target_per_10k: 0.1,
        above_target: true,
      }),
    ]);
    const csv = await (await get('/v1/rates?by=city&format=csv')).text();
    expect(csv.split('\n')[0]).toContain('rate_per_10k');
    expect(csv).toContain('Hangzhou');
    const arrow = tableFromIPC(
      new Uint8Array(
        await (await get('/v1/rates?by=city', { accept: 'application/vnd.apache.arrow.stream' })).arrayBuffer(),
      ),
    );
    expect(arrow.numRows).toBe(2);
    expect(arrow.getChild('city')?.toArray()).toEqual(['Hangzhou', 'Ningbo']);
    const empty = tableFromIPC(
      new Uint8Array(await (await get('/v1/rates?from=2030-01&to=2030-02&format=arrow')).arrayBuffer()),
    );
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toContain('rate_per_10k');
  });

  it('groups by triage route with the other fields, as JSON, CSV and Arrow', async () => {
    const json = (await (await get('/v1/rates?by=city,technology,route')).json()) as Record<string, unknown>[];
    expect(json).toEqual(await complaintRates(api.db, { by: ['city', 'technology', 'route'] }));
    const lte = json.filter((r) => r.city === 'Hangzhou' && r.technology === 'LTE');
    expect(lte.map((r) => r.route)).toEqual([...ROUTES]);
    expect(lte.reduce((n, r) => n + Number(r.complaints), 0)).toBe(seedCount('Hangzhou', 'LTE'));
    expect(new Set(lte.map((r) => r.subscribers))).toEqual(new Set([100_000]));
    const csv = (await (await get('/v1/rates?by=route,month&format=csv')).text()).trim().split('\n');
    const header = csv[0]!.split(',');
    expect(header.slice(0, 5)).toEqual(['city', 'technology', 'route', 'month', 'week']);
    expect(csv.slice(1).map((line) => line.split(',')[header.indexOf('route')])).toEqual([...ROUTES]);
    const arrow = tableFromIPC(new Uint8Array(await (await get('/v1/rates?by=city,route&format=arrow')).arrayBuffer()));
    expect(arrow.numRows).toBe(2 * ROUTES.length);
    expect(arrow.getChild('route')?.toArray().slice(0, ROUTES.length)).toEqual([...ROUTES]);
  });

  it('refuses an unknown group field, two periods and a bad month with 400 {code, message}', async () => {
    for (const query of ['by=city,colour', 'by=month,day', 'by=route,route', 'from=2024-13', 'to=May']) {
      const response = await get(`/v1/rates?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });
});
