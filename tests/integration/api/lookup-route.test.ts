import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookup } from '../../../domain/lookup.js';
import { cellOf, SITES, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api.stop());

const get = (path: string): Promise<Response> => fetch(`${api.url}${path}`);

describe('GET /v1/lookup', () => {
  it('answers for a point with the nearest active cell and a bilingual answer', async () => {
    const response = await get('/v1/lookup?lat=30.2741&lon=120.1551&at=2024-05-07T10:00:00%2B08:00');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Lookup;
    expect(body.point).toEqual({ lat: 30.2741, lon: 120.1551, h3: cellOf(30.2741, 120.1551), located_by: 'point' });
    expect(body.at).toBe('2024-05-07T02:00:00.000Z');
    expect(body.nearest_active_site).toMatchObject({ cell_id: 'HZ-1', distance_km: 0 });
    expect(body.answer.reason).toBe('none');
    expect(body.answer.zh).toMatch(/工单/);
    expect(body.answer.en).toMatch(/work order/);
  });

  it('locates by cell_id, and lists the planned cell near it', async () => {
    const planned = SITES.find((s) => s.status === 'planned')!;
    const body = (await (await get(`/v1/lookup?cell_id=${planned.cell_id}`)).json()) as Lookup;
    expect(body.point.located_by).toBe('cell');
    expect(body.planned_sites.map((s: { cell_id: string }) => s.cell_id)).toEqual([planned.cell_id]);
    expect(body.answer.reason).toBe('planned_construction');
  });

  it('refuses a missing point, a half point, a bad time and an unknown cell with {code, message}', async () => {
    for (const [query, status] of [
      ['', 400],
      ['lat=30', 400],
      ['lat=91&lon=120', 400],
      ['lat=30&lon=120&at=soon', 400],
      ['cell_id=NOPE', 404],
    ] as const) {
      const response = await get(`/v1/lookup?${query}`);
      expect(response.status, query).toBe(status);
      expect(await response.json(), query).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });
});
