import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRateTargets } from '../../../analytics/rates/rate-targets.js';
import { startApiFixture, WRITE_KEY, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => {
  await api.stop();
});

function put(body: unknown, key: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(key === null ? {} : { 'x-api-key': key }) };
  return fetch(`${api.url}/v1/targets`, { method: 'PUT', headers, body: JSON.stringify(body) });
}

describe('/v1/targets', () => {
  it('answers the stored targets, and stores new ones only with a write key', async () => {
    const stored = await readRateTargets(api.db);
    expect(await (await fetch(`${api.url}/v1/targets`)).json()).toEqual(stored);

    const refused = await put({ GSM: 1.5 }, null);
    expect(refused.status).toBe(401);
    expect(await readRateTargets(api.db)).toEqual(stored);

    const bad = await put({ GSM: -1 }, WRITE_KEY);
    expect(bad.status).toBe(400);
    expect(await readRateTargets(api.db)).toEqual(stored);

    const set = await put({ GSM: 1.5, NR: 3 }, WRITE_KEY);
    expect(set.status).toBe(200);
    const expected = { ...stored, GSM: 1.5, NR: 3 };
    expect(await set.json()).toEqual(expected);
    expect(await readRateTargets(api.db)).toEqual(expected);
  });
});
