import type { FastifyInstance } from 'fastify';
import { UnderwayCount } from '../../../store/underway-count.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * Writes go first: a read route called while a write is underway — a write request being handled,
 * or any write of the database (the scan's, a background one) — waits for it to end, at most
 * `readsYieldToWritesMs`, before its handler runs. Node runs every request's JavaScript on one
 * thread, so under a room of dashboards polling in a loop each step of a write would otherwise
 * resume behind a queue of reads; reads pay at most the bound, a write pays nothing.
 */
export const writerFirstPlugin = sharedPlugin('cellpulse-writer-first', async (app) => {
  const boundMs = app.config.readsYieldToWritesMs;
  if (boundMs === 0) return;
  const writes = new UnderwayCount();
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (access === 'write') {
      writes.begin();
      // 'close' comes once the answer is sent or the client is gone: a request never stays counted.
      reply.raw.once('close', () => writes.end());
      return undefined;
    }
    // The common case, no write underway, costs no timer or promise.
    if (request.method !== 'GET' || access !== 'read' || (writes.size === 0 && !app.db.writing)) return undefined;
    await yieldToWrites(app, writes, boundMs);
    return undefined;
  });
});

async function yieldToWrites(app: FastifyInstance, writes: UnderwayCount, boundMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)));
  const clear = (async () => {
    await writes.idle();
    await app.db.whenNoWrite();
  })();
  await Promise.race([clear, bound]);
  clearTimeout(timer);
}
