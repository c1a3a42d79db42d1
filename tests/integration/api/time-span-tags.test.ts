import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../../api/services/ingest-service.js';
import type { RunningServer } from '../../../api/server.js';
import { burst, complaint, postJson, startApiFixture, startTestServer, type ApiFixture } from './api-fixture.js';

/**
 * A cached answer over a span of time keeps its tag while writes land elsewhere in time, and is
 * renewed by any write inside it (read-your-writes). Every answer of the caching server is compared
 * with a twin server on the same file that caches nothing.
 */

const MAY = encodeURIComponent('2024-05-01T00:00:00+08:00');
const JUNE = encodeURIComponent('2024-06-01T00:00:00+08:00');
const PATHS = {
  hexagons: `/v1/hexagons?from=${MAY}&to=${JUNE}&res=0`,
  rates: '/v1/rates?by=city&from=2024-05&to=2024-05',
  kpis: '/v1/kpis?from_month=2024-05&to_month=2024-05',
  incidents: `/v1/incidents?from=${MAY}&to=${JUNE}`,
} as const;
type Name = keyof typeof PATHS;
const NAMES = Object.keys(PATHS) as Name[];

let api: ApiFixture;
let uncached: RunningServer;
const tags = new Map<Name, string>();

beforeAll(async () => {
  api = await startApiFixture();
  uncached = await startTestServer(api.db, { resultCacheEntries: 0, dashboardDir: `${api.dir}/none` });
  // An incident in May, open until the newest complaint moves more than an hour past it.
  expect((await postJson(`${api.url}/v1/complaints`, burst('TS-B', '2024-05-10T09:00:00+08:00'))).status).toBe(200);
});
afterAll(async () => {
  await uncached?.close();
  await api?.stop();
});

/** Asks every path with its last tag: which answered 304, and checks each answer against the uncached twin. */
async function revalidateAll(): Promise<Record<Name, number>> {
  const out = {} as Record<Name, number>;
  for (const name of NAMES) {
    const headers: Record<string, string> = tags.has(name) ? { 'if-none-match': tags.get(name)! } : {};
    const response = await fetch(api.url + PATHS[name], { headers });
    const body = await response.text();
    out[name] = response.status;
    if (response.status === 200) tags.set(name, response.headers.get('etag')!);
    const fresh = await (await fetch(uncached.url + PATHS[name])).text();
    const cached = await (await fetch(api.url + PATHS[name])).text();
    expect(cached, name).toBe(fresh);
    if (response.status === 200) expect(body, name).toBe(fresh);
  }
  return out;
}

async function post(id: string, at: string): Promise<void> {
  const one = complaint(id, at, 'Hangzhou', 'slow_data', 'LTE', 30.2741, 120.1551);
  expect((await postJson(`${api.url}/v1/complaints`, [one])).status).toBe(200);
}

/** The incidents of `path` as the caching server answers them (checked against the twin). */
async function incidentsOf(path: string): Promise<{ incident_id: string; status: string }[]> {
  const cached = await (await fetch(api.url + path)).text();
  expect(cached).toBe(await (await fetch(uncached.url + path)).text());
  return JSON.parse(cached) as { incident_id: string; status: string }[];
}

async function hexagonTotal(): Promise<number> {
  const hexes = (await (await fetch(api.url + PATHS.hexagons)).json()) as { complaints: number }[];
  return hexes.reduce((n, h) => n + h.complaints, 0);
}

describe('cache tags by the span of time an answer reads', () => {
  it('keeps answers over May cached across writes months later and renews them on a write in May', async () => {
    await revalidateAll();
    const before = await hexagonTotal();
    // The newest complaint moves from May to September: KPIs judged "at the newest complaint" change.
    // ... and so does the May incident's status (open, then closed).
    await post('TS-1', '2024-09-15T09:00:00+08:00');
    expect(await revalidateAll()).toEqual({ hexagons: 304, rates: 304, kpis: 200, incidents: 200 });
    expect((await incidentsOf(PATHS.incidents)).map((i) => i.status)).toEqual(['closed']);
    await post('TS-2', '2024-09-16T09:00:00+08:00');
    expect(await revalidateAll()).toEqual({ hexagons: 304, rates: 304, kpis: 304, incidents: 304 });
    // A lone complaint in May: counted, but no incident changes.
    await post('TS-3', '2024-05-20T09:00:00+08:00');
    expect(await revalidateAll()).toEqual({ hexagons: 200, rates: 200, kpis: 200, incidents: 304 });
    expect(await hexagonTotal()).toBe(before + 1);
    const burstInMay = burst('TS-C', '2024-05-25T09:00:00+08:00', 'weak_coverage');
    expect((await postJson(`${api.url}/v1/complaints`, burstInMay)).status).toBe(200);
    expect(await revalidateAll()).toEqual({ hexagons: 200, rates: 200, kpis: 200, incidents: 200 });
    expect(await incidentsOf(PATHS.incidents)).toHaveLength(2);
  });

  it("follows an incident's status as the newest complaint moves past it, then keeps the list", async () => {
    const path = `/v1/incidents?from=${encodeURIComponent('2024-11-01T00:00:00+08:00')}`;
    expect((await postJson(`${api.url}/v1/complaints`, burst('TS-N', '2024-11-10T09:00:00+08:00'))).status).toBe(200);
    expect((await incidentsOf(path)).map((i) => i.status)).toEqual(['open']);
    await post('TS-4', '2024-11-10T09:30:00+08:00');
    expect((await incidentsOf(path)).map((i) => i.status)).toEqual(['open']);
    await post('TS-5', '2024-11-10T11:00:00+08:00');
    expect((await incidentsOf(path)).map((i) => i.status)).toEqual(['closed']);
    const closed = (await fetch(api.url + path)).headers.get('etag')!;
    await post('TS-6', '2024-11-12T11:00:00+08:00');
    expect((await fetch(api.url + path, { headers: { 'if-none-match': closed } })).status).toBe(304);
  });

  it('renews an answer when an upsert moves a complaint out of its span', async () => {
    await revalidateAll();
    const before = await hexagonTotal();
    await post('TS-3', '2024-09-20T09:00:00+08:00');
    expect(await revalidateAll()).toEqual({ hexagons: 200, rates: 200, kpis: 200, incidents: 304 });
    expect(await hexagonTotal()).toBe(before - 1);
  });

  it('renews the rates on a subscriber change, whatever its month', async () => {
    await revalidateAll();
    const records = [{ city: 'Hangzhou', technology: 'LTE', month: '2024-09', subscribers: 300000 }];
    await ingestFile(api.db, { kind: 'subscribers', source: { records, name: 'september' } });
    const statuses = await revalidateAll();
    expect(statuses.rates).toBe(200);
    expect(statuses.hexagons).toBe(304);
  });

  it('renews every answer on a file of complaints (its span is not tracked)', async () => {
    await revalidateAll();
    const records = [complaint('TS-F', '2024-10-01T09:00:00+08:00', 'Ningbo', 'other', 'LTE', 29.8683, 121.544)];
    await ingestFile(api.db, { kind: 'complaints', source: { records, name: 'october' } });
    expect(await revalidateAll()).toEqual({ hexagons: 200, rates: 200, kpis: 200, incidents: 200 });
  });
});
