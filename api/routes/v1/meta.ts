import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DatabaseMeta } from '../../../domain/database-meta.js';

/** `GET /v1/meta`: the database settings a client needs to build queries (the dashboard's first call). */
const metaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/meta',
    {
      // Its answer follows the data version (bumped by every write): tagged and stored like any cacheable read.
      config: { access: 'read', cacheable: true },
      schema: { tags: ['service'], summary: 'database settings and data version', response: { 200: DatabaseMeta } },
    },
    async () => ({
      h3_resolution: app.db.settings.h3Resolution,
      time_zone: app.db.settings.timeZone,
      data_version: app.db.dataVersion,
    }),
  );
};

export default metaRoutes;
