import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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
 * Security headers: helmet's defaults, with the CSP above written as one precomputed header
 * (helmet would rebuild the policy string on every request, which cost a third of the
 * throughput of small routes).
 */
export async function helmetPlugin(app: FastifyInstance): Promise<void> {
  await app.register(helmet, { contentSecurityPolicy: false });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  });
}
