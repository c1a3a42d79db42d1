import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** CORS for the configured origins only; with none configured (the default) no CORS header is sent. */
export async function corsPlugin(app: FastifyInstance): Promise<void> {
  if (app.config.corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: app.config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['content-type', 'x-api-key', 'if-none-match', 'last-event-id'],
    exposedHeaders: ['etag'],
    maxAge: 600,
  });
}
