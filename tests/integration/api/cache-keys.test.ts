import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { complaint, postJson, startApiFixture, type ApiFixture } from './api-fixture.js';

/** Cached answers and ETags follow what a route reads: a write renews only the answers that read what it changed. */

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api?.stop());

async function tagOf(path: string): Promise<string> {
  const response = await fetch(`${api.url}${path}`);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  return response.headers.get('etag')!;
}

async function revalidate(path: string, etag: string): Promise<number> {
  const response = await fetch(`${api.url}${path}`, { headers: { 'if-none-match': etag } });
  await response.arrayBuffer();
  return response.status;
}

async function hangzhouSubscribers(): Promise<number | null | undefined> {
  const response = await fetch(`${api.url}/v1/rates?by=city`);
  const rows = (await response.json()) as { city: string; subscribers: number | null }[];
  return rows.find((r) => r.city === 'Hangzhou')?.subscribers;
}

describe('cache keys by dependency', () => {
  it('keeps hexagon answers across a subscriber ingest and renews rate answers', async () => {
    const hexes = await tagOf('/v1/hexagons');
    const rates = await tagOf('/v1/rates?by=city');
    const before = await hangzhouSubscribers();
    const records = [{ city: 'Hangzhou', technology: 'LTE', month: '2024-05', subscribers: 400000 }];
    await ingestFile(api.db, { kind: 'subscribers', source: { records, name: 'more' } });
    expect(await revalidate('/v1/hexagons', hexes)).toBe(304);
    expect(await revalidate('/v1/rates?by=city', rates)).toBe(200);
    expect(await hangzhouSubscribers()).toBe(400000);
    expect(before).toBe(100000);
  });

  it('renews hexagons and KPIs when complaints arrive, with the new complaint counted', async () => {
    const path = '/v1/hexagons?res=0';
    const tags = await Promise.all([path, '/v1/kpis', '/v1/incidents'].map(tagOf));
    const total = async (): Promise<number> => {
      const hexes = (await (await fetch(`${api.url}${path}`)).json()) as { complaints: number }[];
      return hexes.reduce((n, h) => n + h.complaints, 0);
    };
    const before = await total();
    const one = complaint('CK-1', '2024-05-20T09:00:00+08:00', 'Hangzhou', 'slow_data', 'LTE', 30.28, 120.16);
    expect((await postJson(`${api.url}/v1/complaints`, [one])).status).toBe(200);
    const statuses = await Promise.all([path, '/v1/kpis', '/v1/incidents'].map((p, i) => revalidate(p, tags[i]!)));
    // The lone complaint joins no incident, and every listed incident was closed already: the list stands.
    const incidents = (await (await fetch(`${api.url}/v1/incidents`)).json()) as { status: string }[];
    expect(incidents.every((i) => i.status === 'closed')).toBe(true);
    expect(statuses).toEqual([200, 200, 304]);
    expect(await total()).toBe(before + 1);
  });
});
