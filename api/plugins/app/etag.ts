import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AnswerStore } from './answer-store.js';
import { sharedPlugin } from './shared-plugin.js';

declare module 'fastify' {
  interface FastifyRequest {
    etag?: string;
    /** `Database.versionOf` what the answer reads, taken with its ETag (before it is computed). */
    readVersion?: string;
    /** Answered from the answer store: nothing to keep. */
    stored?: boolean;
  }
}

/** Bytes of finished answers kept to be sent again (see AnswerStore). */
const STORED_ANSWER_BYTES = 64 * 1024 * 1024;

/**
 * Conditional GETs for `cacheable` routes: the ETag is the version of the data the route reads
 * (its `dependsOn` topics within its `readSpans`, else the data version bumped by every write) plus a digest of the
 * route, its validated parameters and the Accept header, so it changes exactly when the answer
 * can. A matching `If-None-Match` is answered 304 before any query runs. A finished answer is kept
 * (AnswerStore) and sent again, before validation, to the same URL while what it read is unchanged.
 */
export const etagPlugin = sharedPlugin('cellpulse-etag', async (app) => {
  const store = new AnswerStore(app.config.resultCacheEntries === 0 ? 0 : STORED_ANSWER_BYTES);
  // preParsing: after every onRequest hook, the route-level ones too (@fastify/rate-limit adds its hook to each
  // route, after the app's own), so a stored answer is still a guarded and counted one; before validation.
  app.addHook('preParsing', async (request, reply, payload) => {
    if (request.method !== 'GET' || request.routeOptions.config?.cacheable !== true) return payload;
    return answerFromStore(app, store, request, reply) ?? payload;
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.config?.cacheable !== true) return;
    request.readVersion = readVersionOf(app, request, request.query);
    request.etag = `W/"${request.readVersion}-${digest(request)}"`;
    noteRevalidation(reply);
    if (matches(request.headers['if-none-match'], request.etag))
      return reply.code(304).header('etag', request.etag).send();
    return undefined;
  });
  // Only a successful answer carries the tag: a 4xx must never be revalidated into a 304.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.etag === undefined || reply.statusCode !== 200) return payload;
    reply.header('etag', request.etag);
    if (request.stored !== true && request.readVersion !== undefined) {
      const { query, readVersion: version, etag } = request;
      store.keep(request, reply, { query, version, etag }, payload);
    }
    return payload;
  });
});

/** Sends the stored answer of this URL when what it read is unchanged (a 304 when the client has it). */
function answerFromStore(
  app: FastifyInstance,
  store: AnswerStore,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | undefined {
  const answer = store.find(request);
  if (answer === undefined) return undefined;
  if (readVersionOf(app, request, answer.query) !== answer.version) {
    store.forget(request, answer);
    return undefined;
  }
  request.etag = answer.etag;
  request.stored = true;
  noteRevalidation(reply);
  if (matches(request.headers['if-none-match'], answer.etag)) return reply.code(304).header('etag', answer.etag).send();
  return reply.headers(answer.headers).send(answer.body);
}

function readVersionOf(app: FastifyInstance, request: FastifyRequest, query: unknown): string {
  const { dependsOn, readSpans } = request.routeOptions.config;
  return app.db.versionOf(dependsOn, readSpans?.(query));
}

function noteRevalidation(reply: FastifyReply): void {
  reply.header('vary', 'Accept').header('cache-control', 'no-cache');
}

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
