import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveChild, type ServeChild } from '../../helpers/serve-child.js';
import { verifyStandardWebhook, webhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';

const KEY = 'crash-key-0123456789';
const SECRET = `whsec_${Buffer.from('a webhook secret of thirty-two b').toString('base64')}`;

function burst(prefix: string, at: string): Record<string, unknown>[] {
  const base = Date.parse(at);
  return Array.from({ length: 6 }, (_, i) => ({
    complaint_id: `${prefix}-${i}`,
    received_at: new Date(base + i * 60_000).toISOString(),
    city: 'Hangzhou',
    category: 'call_drop',
    technology: 'LTE',
    lat: 30.2741,
    lon: 120.1551,
  }));
}

describe('webhook delivery across a crash', () => {
  let dir: string;
  let receiver: WebhookReceiver;
  const children: ServeChild[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cellpulse-crash-'));
    receiver = await webhookReceiver(503);
  });
  afterAll(async () => {
    for (const { child, exited } of children) {
      child.kill('SIGKILL');
      await exited;
    }
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers an incident opened just before a SIGKILL after the restart, same webhook-id, signed', async () => {
    const file = join(dir, 'crash.duckdb');
    const env = { CELLPULSE_API_KEYS: KEY, CELLPULSE_WEBHOOK_URLS: receiver.url, CELLPULSE_WEBHOOK_SECRET: SECRET };
    const first = await serveChild(file, env);
    children.push(first);
    const response = await fetch(`${first.url}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify(burst('X', '2024-09-01T10:00:00Z')),
    });
    const incident = (await response.json()).incidents[0];
    expect(incident).toMatchObject({ category: 'call_drop', complaint_count: 6 });
    await receiver.waitFor((posts) => posts.length >= 1, 10_000);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(receiver.posts.every((p) => p.status === 503)).toBe(true);
    const refusedId = receiver.posts[0]!.headers['webhook-id'];

    receiver.answer = 204;
    const second = await serveChild(file, env);
    children.push(second);
    const restarted = Date.now();
    await receiver.waitFor((posts) => posts.some((p) => p.status === 204), 10_000);
    expect(Date.now() - restarted).toBeLessThan(10_000);
    const delivered = receiver.posts.find((p) => p.status === 204)!;
    expect(delivered.headers['webhook-id']).toBe(refusedId);
    expect(delivered.headers['content-type']).toBe('application/cloudevents+json');
    expect(verifyStandardWebhook(SECRET, delivered.headers, delivered.body)).toBe(true);
    expect(
      verifyStandardWebhook(
        `whsec_${Buffer.from('another secret').toString('base64')}`,
        delivered.headers,
        delivered.body,
      ),
    ).toBe(false);
    const event = JSON.parse(delivered.body);
    expect(event).toMatchObject({
      specversion: '1.0',
      id: refusedId,
      type: 'cellpulse.incident.opened',
      subject: incident.incident_id,
      datacontenttype: 'application/json',
      data: { incident_id: incident.incident_id, handling: { state: 'new' } },
    });
    expect(typeof event.source).toBe('string');
    expect(Date.parse(event.time)).not.toBeNaN();
    const deliveries = await (await fetch(`${second.url}/v1/alerts/deliveries`)).json();
    expect(deliveries).toEqual([]);
  }, 60_000);
});
