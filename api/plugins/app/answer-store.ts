import type { FastifyReply, FastifyRequest } from 'fastify';
import { LruMap } from './lru-map.js';

/** A finished 200 answer of a cacheable GET, kept to be sent again while what it read is unchanged. */
export interface StoredAnswer {
  /** The validated query it answered: what it read is judged again from it on every hit. */
  query: unknown;
  /** `Database.versionOf` what it read, taken before it was computed. */
  version: string;
  etag: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers of an answer that follow its body (the others are set afresh by every request's hooks). */
const BODY_HEADERS = ['content-type', 'content-disposition'] as const;

/**
 * The last finished answers of cacheable GETs, by raw URL and Accept header, within a budget of
 * bytes. A raw URL answered 200 passed validation, and validation depends on nothing else, so a hit
 * answers without validating, computing or encoding again: under a room of dashboards polling in a
 * loop, the cheaper each such answer is, the sooner the event loop comes back to a write's next step.
 */
export class AnswerStore {
  private readonly answers: LruMap<string, StoredAnswer>;

  /** `maxBytes`: of bodies kept, each counted 1 kB more for its key and headers; 0 keeps none. */
  constructor(private readonly maxBytes: number) {
    this.answers = new LruMap(maxBytes, (answer) => answer.body.length + 1024);
  }

  /** The answer kept for this request's URL and Accept header, if any. */
  find(request: FastifyRequest): StoredAnswer | undefined {
    return this.maxBytes === 0 ? undefined : this.answers.get(keyOf(request));
  }

  /** Keeps a finished body (a buffer or text: never a stream still being produced). */
  keep(
    request: FastifyRequest,
    reply: FastifyReply,
    answer: Omit<StoredAnswer, 'headers' | 'body'>,
    body: unknown,
  ): void {
    if (this.maxBytes === 0 || !(typeof body === 'string' || Buffer.isBuffer(body))) return;
    // A body that would push out most others is sent from the result cache instead.
    if (body.length > this.maxBytes / 8) return;
    const headers: Record<string, string> = {};
    for (const name of BODY_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    this.answers.set(keyOf(request), { ...answer, headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body) });
  }

  forget(request: FastifyRequest, answer: StoredAnswer): void {
    this.answers.delete(keyOf(request), answer);
  }
}

function keyOf(request: FastifyRequest): string {
  return `${request.url}\n${request.headers.accept ?? ''}`;
}
