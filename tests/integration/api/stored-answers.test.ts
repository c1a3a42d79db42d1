import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../api/server.js';
import { complaint, postJson, startApiFixture, startTestServer, WRITE_KEY, type ApiFixture } from './api-fixture.js';

/**
 * A URL asked again is answered from the answer store (before validation, with the body kept from an
 * earlier answer) while what it read is unchanged: never stale, never past the key check, never for a
 * refused query, and per Accept header. The third ask of a URL is the first that can come from the store.
 */

let api: ApiFixture;
let keyed: RunningServer;
beforeAll(async () => {
  api = await startApiFixture();
  keyed = await startTestServer(api.db, {
    apiKeys: [WRITE_KEY],
    readKeysRequired: true,
    dashboardDir: `${api.dir}/none`,
  });
});
afterAll(async () => {
  await keyed?.close();
  await api?.stop();
});

interface Answer {
  status: number;
  etag: string | null;
  type: string | null;
  body: string;
}

async function ask(url: string, times: number, headers: Record<string, string> = {}): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i += 1) {
    const response = await fetch(url, { headers });
    const [etag, type] = [response.headers.get('etag'), response.headers.get('content-type')];
    answers.push({ status: response.status, etag, type, body: await response.text() });
  }
  return answers;
}

const total = (answer: Answer): number =>
  (JSON.parse(answer.body) as { complaints: number }[]).reduce((n, h) => n + h.complaints, 0);

describe('stored answers', () => {
  it('sends the same answer to a URL asked again, and the new one after a write it reads', async () => {
    const url = `${api.url}/v1/hexagons?res=0`;
    const before = await ask(url, 4);
    expect(new Set(before.map((a) => `${a.status} ${a.etag} ${a.body}`)).size).toBe(1);
    const one = complaint('SA-1', '2024-05-21T09:00:00+08:00', 'Hangzhou', 'slow_data', 'LTE', 30.28, 120.16);
    expect((await postJson(`${api.url}/v1/complaints`, [one])).status).toBe(200);
    const after = await ask(url, 4);
    expect(after.map(total)).toEqual(after.map(() => total(before[0]!) + 1));
    expect(after.every((a) => a.etag === after[0]!.etag && a.etag !== before[0]!.etag)).toBe(true);
    expect((await ask(url, 1, { 'if-none-match': after[0]!.etag! }))[0]!.status).toBe(304);
    expect((await ask(url, 1, { 'if-none-match': before[0]!.etag! }))[0]!.status).toBe(200);
  });

  it('follows the data version on /v1/meta, which every write bumps', async () => {
    const versions = async (): Promise<number[]> =>
      (await ask(`${api.url}/v1/meta`, 3)).map((a) => (JSON.parse(a.body) as { data_version: number }).data_version);
    const [before] = await versions();
    const one = complaint('SA-2', '2024-05-22T09:00:00+08:00', 'Hangzhou', 'slow_data', 'LTE', 30.28, 120.16);
    expect((await postJson(`${api.url}/v1/complaints`, [one])).status).toBe(200);
    expect(await versions()).toEqual([before! + 1, before! + 1, before! + 1]);
  });

  it('keeps refusing a bad query, and answers each Accept header in its own format', async () => {
    const refused = await ask(`${api.url}/v1/hexagons?res=abc`, 3);
    expect(refused.map((a) => a.status)).toEqual([400, 400, 400]);
    const csv = await ask(`${api.url}/v1/hexagons?res=0`, 3, { accept: 'text/csv' });
    const json = await ask(`${api.url}/v1/hexagons?res=0`, 3, { accept: 'application/json' });
    expect(csv.map((a) => a.type?.split(';')[0])).toEqual(['text/csv', 'text/csv', 'text/csv']);
    expect(csv.every((a) => a.body.startsWith('h3,') && a.body === csv[0]!.body)).toBe(true);
    expect(json.map((a) => JSON.parse(a.body) as unknown)).toEqual(json.map(() => JSON.parse(json[0]!.body)));
  });

  it('asks for the read key on every request when read keys are required', async () => {
    const url = `${keyed.url}/v1/rates?by=city`;
    expect((await ask(url, 3, { 'x-api-key': WRITE_KEY })).map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await ask(url, 2)).map((a) => a.status)).toEqual([401, 401]);
  });
});
