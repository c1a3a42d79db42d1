import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sharedPlugin } from './shared-plugin.js';

declare module 'fastify' {
  interface FastifyRequest {
    etag?: string;
  }
}

/**
 * Conditional GETs for `cacheable` routes: the ETag is the version of the data the route reads
 * (its `dependsOn` topics within its `readSpans`, else the data version bumped by every write) plus a digest of the
 * route, its validated parameters and the Accept header, so it changes exactly when the answer
 * can. A matching `If-None-Match` is answered 304 before any query runs.
 */
export const etagPlugin = sharedPlugin('cellpulse-etag', async (app) => {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.config?.cacheable !== true) return;
    const { dependsOn, readSpans } = request.routeOptions.config;
    const etag = `W/"${app.db.versionOf(dependsOn, readSpans?.(request.query))}-${digest(request)}"`;
    request.etag = etag;
    reply.header('vary', 'Accept').header('cache-control', 'no-cache');
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).header('etag', etag).send();
    return undefined;
  });
  // Only a successful answer carries the tag: a 4xx must never be revalidated into a 304.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.etag !== undefined && reply.statusCode === 200) reply.header('etag', request.etag);
    return payload;
  });
});

function digest(request: FastifyRequest): string {
  const key = JSON.stringify([
    request.routeOptions.url,
    sorted(request.params),
    sorted(request.query),
    request.headers.accept ?? '',
  ]);
  return createHash('sha1').update(key).digest('base64url').slice(0, 16);
}

/** The object with its keys in order (recursively), so `?a=1&b=2` and `?b=2&a=1` share a tag. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
  );
}

function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const weak = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}
