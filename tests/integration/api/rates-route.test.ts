import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINTS, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api.stop());

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${api.url}${path}`, { headers });

/** Accepted seed complaints per city and technology, counted here from the fixture itself. */
function seedCount(city: string, technology: string): number {
  return COMPLAINTS.filter((c) => c.city === city && c.technology === technology && c.complaint_id !== 'C-7').length;
}

describe('GET /v1/rates', () => {
  it('answers the rate per 10k of each city, technology and month, with a warning where subscribers are missing', async () => {
    const response = await get('/v1/rates');
    expect(response.status).toBe(200);
    const rows = (await response.json()) as Record<string, unknown>[];
    expect(rows.find((r) => r.city === 'Hangzhou' && r.technology === 'LTE')).toMatchObject({
      month: '2024-05', complaints: seedCount('Hangzhou', 'LTE'), subscribers: 100_000, rate_per_10k: seedCount('Hangzhou', 'LTE') / 10, warning: null,
    });
    const gsm = rows.find((r) => r.city === 'Ningbo' && r.technology === 'GSM');
    expect(gsm).toMatchObject({ complaints: 1, subscribers: null, rate_per_10k: null });
    expect(String(gsm?.warning)).toContain('Ningbo/GSM/2024-05');
  });

  it('groups by any fields, applies a target override and writes CSV and Arrow', async () => {
    const json = (await (await get('/v1/rates?by=technology&technology=LTE&target_lte=0.1')).json()) as Record<string, unknown>[];
    const lte = seedCount('Hangzhou', 'LTE') + seedCount('Ningbo', 'LTE');
    expect(json).toEqual([expect.objectContaining({ technology: 'LTE', complaints: lte, subscribers: 150_000, target_per_10k: 0.1, above_target: true })]);
    const csv = await (await get('/v1/rates?by=city&format=csv')).text();
    expect(csv.split('\n')[0]).toContain('rate_per_10k');
    expect(csv).toContain('Hangzhou');
    const arrow = tableFromIPC(new Uint8Array(await (await get('/v1/rates?by=city', { accept: 'application/vnd.apache.arrow.stream' })).arrayBuffer()));
    expect(arrow.numRows).toBe(2);
    expect(arrow.getChild('city')?.toArray()).toEqual(['Hangzhou', 'Ningbo']);
    const empty = tableFromIPC(new Uint8Array(await (await get('/v1/rates?from=2030-01&to=2030-02&format=arrow')).arrayBuffer()));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toContain('rate_per_10k');
  });

  it('refuses an unknown group field, two periods and a bad month with 400 {code, message}', async () => {
    for (const query of ['by=city,colour', 'by=month,day', 'from=2024-13', 'to=May']) {
      const response = await get(`/v1/rates?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });
});
