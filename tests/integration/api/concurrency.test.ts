import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaint, LOCATED_SEED, postJson, startApiFixture, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => api?.stop());

const BATCHES = 12;
const BATCH_ROWS = 50;
const READERS = 50;
const READS_EACH = 8;
const READ_PATHS = [
  '/v1/hexagons',
  '/v1/hexagons?res=5&format=arrow',
  '/v1/sites?format=geojson',
  '/v1/incidents',
  '/v1/ingest-runs',
  '/v1/rejected-rows?format=csv',
  '/v1/meta',
  '/readyz',
];

/** Distinct days and points: no incidents, every row new, so the expected counts are plain sums. */
function batch(b: number): Record<string, unknown>[] {
  return Array.from({ length: BATCH_ROWS }, (_, i) => {
    const n = b * BATCH_ROWS + i;
    const day = new Date(Date.UTC(2025, 0, 1) + n * 3 * 3_600_000).toISOString();
    return complaint(
      `CC-${n}`,
      day,
      n % 2 ? 'Hangzhou' : 'Ningbo',
      'slow_data',
      'LTE',
      30 + (n % 40) * 0.01,
      120 + Math.floor(n / 40) * 0.01,
    );
  });
}

async function reader(): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < READS_EACH; i += 1) {
    const path = READ_PATHS[(i + Math.floor(Math.random() * READ_PATHS.length)) % READ_PATHS.length]!;
    const response = await fetch(`${api.url}${path}`);
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

describe('concurrency', () => {
  it('ingests batches while 50 clients read: no error, no lost row, exact counts', async () => {
    const writes = Array.from({ length: BATCHES }, (_, b) =>
      postJson(`${api.url}/v1/complaints`, batch(b)).then(async (r) => ({ status: r.status, body: await r.json() })),
    );
    const reads = Array.from({ length: READERS }, () => reader());
    const [written, read] = await Promise.all([Promise.all(writes), Promise.all(reads)]);

    expect(written.map((w) => w.status)).toEqual(Array(BATCHES).fill(200));
    expect(written.reduce((n, w) => n + w.body.accepted, 0)).toBe(BATCHES * BATCH_ROWS);
    expect(read.flat().filter((status) => status !== 200)).toEqual([]);

    const hexes = (await (await fetch(`${api.url}/v1/hexagons?res=0`)).json()) as { complaints: number }[];
    expect(hexes.reduce((n, h) => n + h.complaints, 0)).toBe(LOCATED_SEED + BATCHES * BATCH_ROWS);
    const runs = (await (await fetch(`${api.url}/v1/ingest-runs?kind=complaints&limit=100`)).json()) as {
      source: string;
      accepted: number;
    }[];
    const apiRuns = runs.filter((r) => r.source === 'api');
    expect(apiRuns).toHaveLength(BATCHES);
    expect(apiRuns.reduce((n, r) => n + r.accepted, 0)).toBe(BATCHES * BATCH_ROWS);
    expect(api.db.dataVersion).toBe(3 + BATCHES);
  });
});
