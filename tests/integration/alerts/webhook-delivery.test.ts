import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';
import { webhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { burst, post, serveFile, type FileServer } from './alert-fixture.js';

describe('webhook delivery: order, failures, dead letters', () => {
  let dir: string;
  let api: FileServer;
  let ok: WebhookReceiver;
  let failing: WebhookReceiver;
  let hanging: WebhookReceiver;
  beforeAll(async () => {
    dir = makeTmpDir('cellpulse-hooks-');
    [ok, failing, hanging] = await Promise.all([webhookReceiver(204), webhookReceiver(503), webhookReceiver('hang')]);
    api = await serveFile(`${dir}/hooks.duckdb`, {
      webhookUrls: [ok.url, `${failing.url}?token=do-not-list`, hanging.url],
      webhookTimeoutMs: 300,
      webhookBaseDelayMs: 50,
      webhookDeadAfterMs: 6000,
    });
  });
  afterAll(async () => {
    await api?.close();
    await Promise.all([ok, failing, hanging].map((r) => r?.close()));
    removeDir(dir);
  });

  // biome-ignore lint/suspicious/noExplicitAny: parsed delivery rows; the assertions read and check their fields
  const deliveries = async (query = ''): Promise<any[]> =>
    (await fetch(`${api.url}/v1/alerts/deliveries${query}`)).json();

  it('answers ingest while an endpoint hangs, lists pending deliveries, dead-letters them, keeps order', async () => {
    const answer = await post(`${api.url}/v1/complaints`, burst('P', '2024-09-06T10:00:00Z'));
    expect(answer.status).toBe(200);
    await ok.waitFor((posts) => posts.length === 1, 5000);
    await failing.waitFor((posts) => posts.length >= 2, 5000);
    await hanging.waitFor((posts) => posts.length >= 1, 5000);
    const pending = await deliveries('?state=pending');
    expect(pending.map((d) => [d.endpoint, d.type]).sort()).toEqual(
      [
        [failing.url, 'incident.opened'],
        [hanging.url, 'incident.opened'],
      ].sort(),
    );
    const refused = pending.find((d) => d.endpoint === failing.url);
    expect(refused).toMatchObject({ state: 'pending', last_error: 'HTTP 503', attempts: expect.any(Number) });
    expect(refused.attempts).toBeGreaterThanOrEqual(1);

    // biome-ignore lint/suspicious/noExplicitAny: as `deliveries` above
    let dead: any[] = [];
    for (const until = Date.now() + 40_000; dead.length < 2 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 200));
      dead = await deliveries('?state=dead');
    }
    expect(dead.map((d) => d.endpoint).sort()).toEqual([failing.url, hanging.url].sort());
    expect(dead.find((d) => d.endpoint === hanging.url).last_error).toBe('no answer within 300 ms');
    expect(await deliveries('?state=pending')).toEqual([]);

    failing.answer = 204;
    const second = await post(
      `${api.url}/v1/complaints`,
      burst('Q', '2024-09-06T10:20:00Z', 'slow_data', 31.01, 121.01),
    );
    const third = await post(
      `${api.url}/v1/complaints`,
      burst('R', '2024-09-06T10:40:00Z', 'no_signal', 32.01, 122.01),
    );
    await ok.waitFor((posts) => posts.length === 3, 5000);
    await failing.waitFor((posts) => posts.filter((p) => p.status === 204).length === 2, 5000);
    const subjects = (posts: WebhookReceiver['posts']): string[] =>
      posts.filter((p) => p.status === 204).map((p) => JSON.parse(p.body).subject);
    const expected = [second, third].map((r) => r.body.incidents[0].incident_id);
    expect(subjects(ok.posts).slice(1)).toEqual(expected);
    expect(subjects(failing.posts)).toEqual(expected);
    const ids = ok.posts.map((p) => Number(String(p.headers['webhook-id']).split('-').pop()));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  }, 90_000);
});
