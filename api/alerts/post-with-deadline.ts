import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface DeadlinePost {
  headers: Record<string, string>;
  body: string;
  /** The whole exchange (connect, send, status line) must end within this. */
  timeoutMs: number;
  /** Aborts the post early (the sender is closing). */
  signal: AbortSignal;
}

/** Thrown when the receiver did not answer within the deadline. */
export class DeadlineError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'DeadlineError';
  }
}

/**
 * POSTs a body and resolves with the answer's status once the status line arrives (the body is
 * discarded). Written on node:http rather than fetch because fetch's abort signal is followed
 * through a weak reference: after a garbage collection a timed-out post to a receiver that never
 * answers could stay pending for ever, holding its endpoint's queue (nodejs/node#55428). Here the
 * timer holds the request itself and destroys it.
 */
export function postWithDeadline(url: string, post: DeadlinePost): Promise<number> {
  return new Promise((resolve, reject) => {
    if (post.signal.aborted) return reject(post.signal.reason);
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const headers = { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) };
    const request = send(url, { method: 'POST', headers }, (response) => {
      settle();
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    const fail = (error: Error): void => {
      settle();
      request.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new DeadlineError(post.timeoutMs)), post.timeoutMs);
    const onAbort = (): void => fail(post.signal.reason instanceof Error ? post.signal.reason : new Error('aborted'));
    const settle = (): void => {
      clearTimeout(timer);
      post.signal.removeEventListener('abort', onAbort);
    };
    post.signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', fail);
    request.end(post.body);
  });
}
