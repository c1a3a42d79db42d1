import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../api/server.js';
import { startApiFixture, startTestServer, type ApiFixture } from './api-fixture.js';

/** Reads yield to a write underway (bounded): they start once it has ended, or once the bound has passed. */

let api: ApiFixture;
let bounded: RunningServer;
beforeAll(async () => {
  api = await startApiFixture({ readsYieldToWritesMs: 60_000 });
  bounded = await startTestServer(api.db, { readsYieldToWritesMs: 50, dashboardDir: `${api.dir}/none` });
});
afterAll(async () => {
  await bounded?.close();
  await api?.stop();
});

/** Holds the writer (a write that changes nothing) until `release` is called. */
async function holdWriter(): Promise<{ release: () => void; done: Promise<void> }> {
  let release = (): void => undefined;
  let started = (): void => undefined;
  const running = new Promise<void>((resolve) => (started = resolve));
  const done = api.db.write(
    async () => {
      started();
      await new Promise<void>((resolve) => (release = resolve));
    },
    { dataChange: false },
  );
  await running;
  return { release, done };
}

describe('reads yield to writes', () => {
  it('starts a read that arrives during a write only once the write has ended', async () => {
    const writer = await holdWriter();
    let answered = false;
    const read = fetch(`${api.url}/v1/hexagons`).then(async (response) => {
      answered = true;
      return response.status;
    });
    // Public routes do not wait: a round trip to /healthz is answered while the read is held.
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect(answered).toBe(false);
    writer.release();
    await writer.done;
    expect(await read).toBe(200);
  });

  it('answers a read after the bound even while the write still runs', async () => {
    const writer = await holdWriter();
    const response = await fetch(`${bounded.url}/v1/rates?by=city`);
    expect(response.status).toBe(200);
    writer.release();
    await writer.done;
  });

  it('lets reads through at once when no write is underway', async () => {
    const response = await fetch(`${api.url}/v1/incidents`);
    expect(response.status).toBe(200);
  });
});
