import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers. The CSP allows only same-origin scripts, which both Swagger UI at `/docs`
 * and the built dashboard at `/` load; inline styles and data:/blob: images stay allowed because
 * Swagger UI's React components and map canvases use them, and web workers may come from blob:
 * (map libraries build theirs that way). `upgrade-insecure-requests` is off: the server speaks plain
 * HTTP on a LAN and the browser must not rewrite its asset requests to https.
 */
export async function helmetPlugin(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
}
