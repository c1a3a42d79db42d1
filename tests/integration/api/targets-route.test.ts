import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppraisalTargets } from '../../../analytics/appraisal/appraisal-targets.js';
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
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(key === null ? {} : { 'x-api-key': key }),
  };
  return fetch(`${api.url}/v1/targets`, { method: 'PUT', headers, body: JSON.stringify(body) });
}

describe('/v1/targets', () => {
  it('answers the stored targets, and stores new ones only with a write key', async () => {
    const stored = await readRateTargets(api.db);
    const compliance = (await readAppraisalTargets(api.db)).compliance;
    expect(await (await fetch(`${api.url}/v1/targets`)).json()).toEqual({ ...stored, compliance });

    const refused = await put({ GSM: 1.5 }, null);
    expect(refused.status).toBe(401);
    expect(await readRateTargets(api.db)).toEqual(stored);

    const bad = await put({ GSM: -1 }, WRITE_KEY);
    expect(bad.status).toBe(400);
    expect(await readRateTargets(api.db)).toEqual(stored);

    const set = await put({ GSM: 1.5, NR: 3 }, WRITE_KEY);
    expect(set.status).toBe(200);
    const expected = { ...stored, GSM: 1.5, NR: 3 };
    expect(await set.json()).toEqual({ ...expected, compliance });
    expect(await readRateTargets(api.db)).toEqual(expected);

    const both = await put({ LTE: 4, compliance: 0.95 }, WRITE_KEY);
    expect(await both.json()).toEqual({ ...expected, LTE: 4, compliance: 0.95 });
    expect(await readAppraisalTargets(api.db)).toEqual({ compliance: 0.95 });
    expect((await put({ compliance: 1.5 }, WRITE_KEY)).status).toBe(400);
  });
});
