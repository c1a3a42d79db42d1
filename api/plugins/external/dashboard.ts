import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * The built dashboard at `/`, when `dashboardDir` exists (`npm run build:dashboard`, run by
 * `npm start`); without it `/` points browsers at the API documentation instead. Unknown paths
 * (e.g. a `/v1` route this server lacks) still get the API's JSON 404. The build writes `.br`
 * and `.gz` twins of its large files, served to browsers that accept them; files under
 * `assets/` carry a content hash in their names, so browsers may keep them for good.
 */
export async function dashboardPlugin(app: FastifyInstance): Promise<void> {
  const root = app.config.dashboardDir;
  if (existsSync(root)) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      // `/` is its own route below: with pre-compressed files the plugin's directory index
      // answers 404 to browsers that accept br or gzip
      index: false,
      wildcard: true,
      preCompressed: true,
      setHeaders: (reply, path) => {
        if (path.includes(`${sep}assets${sep}`))
          reply.header('cache-control', `public, max-age=${ONE_YEAR_S}, immutable`);
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
    return;
  }
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/docs'));
}
