import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Only same-origin scripts, which both Swagger UI at `/docs` and the built dashboard at `/` load;
 * inline styles and data:/blob: images stay allowed because Swagger UI's React components and map
 * canvases use them, and web workers may come from blob: (map libraries build theirs that way).
 * No `upgrade-insecure-requests`: the server speaks plain HTTP on a LAN, and the browser must not
 * rewrite its asset requests to https.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Security headers: helmet's defaults, with the CSP above, set on every response (errors, 404s and
 * the SSE stream included) by one hook from a header set computed once. helmet's own fastify plugin
 * rebuilt its middleware and set each header on the raw response on every request, twice this cost
 * (about 15 µs a request against 7): the main thread a room of polling dashboards shares with writes.
 */
export async function helmetPlugin(app: FastifyInstance): Promise<void> {
  const headers = { ...helmetHeaders(), 'content-security-policy': CONTENT_SECURITY_POLICY };
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers helmet's middleware sets with its defaults (CSP off: ours is above), recorded once. */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    // helmet removes X-Powered-By, which nothing here sets.
    removeHeader: () => undefined,
  };
  helmet({ contentSecurityPolicy: false })(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
    },
  );
  return headers;
}
