import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineError, postWithDeadline } from '../../../api/alerts/post-with-deadline.js';
import { webhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';

// A full collection on demand: the bug this poster avoids (fetch's abort signal followed through a
// weak reference) showed only after one.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('postWithDeadline: a post that always ends', () => {
  let answering: WebhookReceiver;
  let hanging: WebhookReceiver;
  beforeAll(async () => {
    [answering, hanging] = await Promise.all([webhookReceiver(503), webhookReceiver('hang')]);
  });
  afterAll(async () => {
    await Promise.all([answering, hanging].map((r) => r?.close()));
  });
  const post = (url: string, timeoutMs: number, signal = new AbortController().signal): Promise<number> =>
    postWithDeadline(url, { headers: { 'content-type': 'text/plain' }, body: 'ping ✓', timeoutMs, signal });

  it('resolves with the status and delivers the whole body', async () => {
    expect(await post(answering.url, 2000)).toBe(503);
    expect(answering.posts.at(-1)?.body).toBe('ping ✓');
  });

  it('gives up on a receiver that never answers, even after garbage collections', async () => {
    const attempts = Array.from({ length: 5 }, () => post(hanging.url, 150).catch((error: unknown) => error));
    for (let i = 0; i < 5; i++) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const outcomes = await Promise.all(attempts);
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(DeadlineError);
      expect((outcome as Error).message).toBe('no answer within 150 ms');
    }
  });

  it('stops at once when its sender closes', async () => {
    const controller = new AbortController();
    const pending = post(hanging.url, 60_000, controller.signal).catch((error: unknown) => error);
    await hanging.waitFor((posts) => posts.length >= 6, 5000);
    controller.abort(new Error('closing'));
    expect(((await pending) as Error).message).toBe('closing');
  });

  it('names why a receiver could not be reached', async () => {
    const closed = await webhookReceiver(204);
    await closed.close();
    const outcome = await post(closed.url, 2000).catch((error: unknown) => error);
    expect((outcome as Error).message).toMatch(/ECONNREFUSED/);
  });
});
