import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The built dashboard at `/`, when `dashboardDir` exists (it is built separately); without it
 * `/` points browsers at the API documentation instead.
 */
export async function dashboardPlugin(app: FastifyInstance): Promise<void> {
  const root = app.config.dashboardDir;
  if (existsSync(root)) {
    await app.register(fastifyStatic, { root, prefix: '/', index: 'index.html', wildcard: true });
    return;
  }
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/docs'));
}
