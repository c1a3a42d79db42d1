import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedPost {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  posts: ReceivedPost[];
  /** The status to answer next posts with; `hang` keeps them open without an answer. */
  answer: number | 'hang';
  waitFor: (pred: (posts: ReceivedPost[]) => boolean, ms: number) => Promise<void>;
  close: () => Promise<void>;
}

/** A loopback HTTP receiver that records every post and answers `answer`. */
export async function webhookReceiver(answer: number | 'hang' = 204): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const receiver = { answer } as WebhookReceiver;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const status = receiver.answer;
      posts.push({ headers: request.headers, body, status: status === 'hang' ? 0 : status });
      if (status !== 'hang') response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    posts,
    waitFor: async (pred: (p: ReceivedPost[]) => boolean, ms: number) => {
      const until = Date.now() + ms;
      while (!pred(posts)) {
        if (Date.now() > until) throw new Error(`receiver: condition not met within ${ms} ms (${posts.length} posts)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * Verifies a Standard Webhooks signature, written from the specification
 * (standardwebhooks.com) rather than from cellpulse's code: the key is the base64 part of a
 * `whsec_` secret, the signed content `{id}.{timestamp}.{body}`, the header a space-separated
 * list of `v1,<base64 HMAC-SHA256>`.
 */
export function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const id = String(headers['webhook-id'] ?? '');
  const timestamp = String(headers['webhook-timestamp'] ?? '');
  const signatures = String(headers['webhook-signature'] ?? '').split(' ');
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret);
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
