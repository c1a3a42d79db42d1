import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, createLogger } from '../../../api/server.js';
import { dumpAll } from '../../helpers/table-dump.js';
import { complaint, postJson, startApiFixture, WRITE_KEY, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture({ maxBatchRows: 50, bodyLimitBytes: 256 * 1024, uploadLimitBytes: 4096 });
});
afterAll(async () => api?.stop());

async function expectError(response: Response, status: number, code: string, mention?: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { code: string; message: string };
  expect(Object.keys(body).sort()).toEqual(['code', 'message']);
  expect(body.code).toBe(code);
  if (mention !== undefined) expect(body.message).toContain(mention);
  expect(body.message).not.toMatch(/\n\s+at /); // never a stack trace
}

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${api.url}${path}`, { headers });

describe('validation errors are 400 invalid_parameter naming the field', () => {
  it('rejects wrong types and out-of-range resolutions', async () => {
    await expectError(await get('/v1/hexagons?res=abc'), 400, 'invalid_parameter', 'querystring.res');
    await expectError(await get('/v1/hexagons?res=16'), 400, 'invalid_parameter', 'querystring.res');
    await expectError(await get('/v1/sites?limit=-1'), 400, 'invalid_parameter', 'querystring.limit');
  });

  it('rejects a resolution finer than the database', async () => {
    await expectError(await get('/v1/hexagons?res=9'), 400, 'invalid_parameter', 'at most 8');
  });

  it('rejects a bad H3 index, an unknown category, a bad bbox and a bad time', async () => {
    await expectError(await get('/v1/hexagons?within=zzzz'), 400, 'invalid_parameter', 'querystring.within');
    await expectError(
      await get(`/v1/hexagons?within=${latLngToCell(30, 120, 10)}`),
      400,
      'invalid_parameter',
      'resolution 8 or coarser',
    );
    await expectError(await get('/v1/hexagons?category=bad_vibes'), 400, 'invalid_parameter', 'querystring.category');
    await expectError(await get('/v1/incidents?category=bad_vibes'), 400, 'invalid_parameter', 'category');
    await expectError(await get('/v1/sites?bbox=1,2,3'), 400, 'invalid_parameter', 'querystring.bbox');
    await expectError(await get('/v1/incidents?from=yesterday'), 400, 'invalid_parameter', 'querystring.from');
    await expectError(await get('/v1/ingest-runs?kind=cats'), 400, 'invalid_parameter', 'querystring.kind');
  });

  it('rejects a format the route does not offer, by query (400) or by Accept (406)', async () => {
    await expectError(await get('/v1/ingest-runs?format=geojson'), 400, 'invalid_parameter', 'querystring.format');
    await expectError(await get('/v1/ingest-runs', { accept: 'application/geo+json' }), 406, 'not_acceptable');
    expect((await get('/v1/ingest-runs', { accept: 'text/html, */*;q=0.1' })).headers.get('content-type')).toContain(
      'application/json',
    );
  });

  it('rejects a body that is not an array, and malformed JSON', async () => {
    await expectError(
      await postJson(`${api.url}/v1/complaints`, { complaint_id: 'x' }),
      400,
      'invalid_parameter',
      'body',
    );
    await expectError(await postJson(`${api.url}/v1/complaints`, '[{"complaint_id": '), 400, 'bad_request');
    await expectError(
      await postJson(`${api.url}/v1/complaints`, 'x', WRITE_KEY, { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
  });
});

describe('limits', () => {
  it('answers 413 to a body over the byte limit', async () => {
    const big = Array.from({ length: 40 }, (_, i) => ({
      ...complaint(`BIG-${i}`, '2024-05-01T00:00:00Z', 'Hangzhou', 'other', 'LTE', 30, 120),
      note: 'x'.repeat(8000),
    }));
    await expectError(await postJson(`${api.url}/v1/complaints`, big), 413, 'payload_too_large');
  });

  it('answers 413 to an upload over the file size limit, and writes nothing', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([`cell_id,site_id,city,technology,lat,lon\n${'X,S,C,LTE,30,120\n'.repeat(400)}`]),
      'big.csv',
    );
    const response = await fetch(`${api.url}/v1/ingest/sites`, {
      method: 'POST',
      body: form,
      headers: { 'x-api-key': WRITE_KEY },
    });
    await expectError(response, 413, 'payload_too_large');
    expect(await (await get('/v1/sites?city=C')).json()).toEqual([]);
  });

  it('answers 413 to a batch over the row limit, before reading any row, and writes nothing', async () => {
    const rows = Array.from({ length: 51 }, (_, i) =>
      complaint(`ROW-${i}`, '2024-05-01T00:00:00Z', 'Hangzhou', 'other', 'LTE', 30, 120),
    );
    const before = await dumpAll(api.db);
    await expectError(await postJson(`${api.url}/v1/complaints`, rows), 413, 'payload_too_large', 'at most 50');
    expect(await dumpAll(api.db)).toEqual(before);
  });
});

describe('API keys', () => {
  it('refuses write routes without a key or with an unknown one (401)', async () => {
    await expectError(await postJson(`${api.url}/v1/complaints`, [], null), 401, 'unauthorized', 'x-api-key');
    await expectError(await postJson(`${api.url}/v1/complaints`, [], 'wrong-key'), 401, 'unauthorized');
    const form = new FormData();
    form.append('file', new Blob(['city\n']), 'x.csv');
    await expectError(await fetch(`${api.url}/v1/ingest/sites`, { method: 'POST', body: form }), 401, 'unauthorized');
    expect((await postJson(`${api.url}/v1/complaints`, [])).status).toBe(200);
  });

  it('keeps read routes open by default and keys them when read keys are required', async () => {
    expect((await get('/v1/sites')).status).toBe(200);
    const keyed = await buildServer({
      db: api.db,
      logger: createLogger('silent'),
      config: { apiKeys: [WRITE_KEY], readKeysRequired: true, rateLimitPerMinute: 0 },
    });
    try {
      expect((await keyed.inject({ url: '/v1/sites' })).statusCode).toBe(401);
      expect((await keyed.inject({ url: '/v1/sites', headers: { 'x-api-key': WRITE_KEY } })).statusCode).toBe(200);
      expect((await keyed.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await keyed.close();
    }
  });
});

describe('other errors', () => {
  it('answers unknown routes with 404 not_found', async () => {
    await expectError(await get('/v1/nothing-here'), 404, 'not_found', '/v1/nothing-here');
  });

  it('rate-limits with 429 rate_limited when configured', async () => {
    const limited = await buildServer({
      db: api.db,
      logger: createLogger('silent'),
      config: { rateLimitPerMinute: 2 },
    });
    try {
      const codes = [];
      for (let i = 0; i < 3; i += 1) codes.push((await limited.inject({ url: '/v1/meta' })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      const body = (await limited.inject({ url: '/v1/meta' })).json();
      expect(body.code).toBe('rate_limited');
      expect((await limited.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
