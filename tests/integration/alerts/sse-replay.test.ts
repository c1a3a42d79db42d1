import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';
import { sseClient } from '../../helpers/sse-client.js';
import { burst, post, serveFile } from './alert-fixture.js';

describe('SSE replay from the durable log', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTmpDir('cellpulse-sse-');
  });
  afterAll(() => removeDir(dir));

  it('gives a client reconnecting with Last-Event-ID after a restart exactly the missed events, in order', async () => {
    const file = `${dir}/sse.duckdb`;
    const first = await serveFile(file);
    const seen = sseClient(`${first.url}/v1/alerts/stream`);
    await seen.ready;
    const one = (await post(`${first.url}/v1/complaints`, burst('A', '2024-09-02T10:00:00Z'))).body.incidents[0];
    const opened = await seen.waitFor((e) => e.event === 'incident.opened', 2000);
    seen.close();
    const lastId = Number(opened.id);
    const two = (
      await post(`${first.url}/v1/complaints`, burst('B', '2024-09-02T10:10:00Z', 'no_service', 30.51, 120.51))
    ).body.incidents[0];
    expect((await post(`${first.url}/v1/incidents/${one.incident_id}/ack`, { by: 'noc-1' })).status).toBe(200);
    expect(
      (await post(`${first.url}/v1/incidents/${two.incident_id}/resolve`, { by: 'noc-2', root_cause: 'fault' })).status,
    ).toBe(200);
    await first.close();

    const second = await serveFile(file);
    const back = sseClient(`${second.url}/v1/alerts/stream`, { 'last-event-id': String(lastId) });
    try {
      await back.ready;
      await back.waitFor(() => back.events.length >= 3, 2000);
      const three = (
        await post(`${second.url}/v1/complaints`, burst('C', '2024-09-02T10:20:00Z', 'slow_data', 31.01, 121.01))
      ).body.incidents[0];
      await back.waitFor((e) => e.event === 'incident.opened' && e.data.includes(three.incident_id), 2000);
      const got = back.events.map((e) => [e.event, JSON.parse(e.data).incident_id]);
      expect(got).toEqual([
        ['incident.opened', two.incident_id],
        ['incident.acknowledged', one.incident_id],
        ['incident.resolved', two.incident_id],
        ['incident.opened', three.incident_id],
      ]);
      const ids = back.events.map((e) => Number(e.id));
      expect(ids[0]).toBeGreaterThan(lastId);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      expect(JSON.parse(back.events[2]!.data).handling).toMatchObject({
        state: 'resolved',
        root_cause: 'fault',
        acknowledged_by: 'noc-2',
      });
      const since = sseClient(`${second.url}/v1/alerts/stream?since=${ids[1]}`);
      await since.waitFor(() => since.events.length >= 2, 2000);
      expect(since.events.map((e) => Number(e.id))).toEqual(ids.slice(2));
      since.close();
    } finally {
      back.close();
      await second.close();
    }
  }, 30_000);
});
