import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const Meta = z.object({
  h3_resolution: z.number().int().describe('resolution the database buckets complaints at; the finest /v1/hexagons serves'),
  time_zone: z.string().describe('zone of timestamps given without an offset'),
  data_version: z.number().int().describe('bumped by every ingest; read ETags follow it'),
});

/** `GET /v1/meta`: the database settings a client needs to build queries (the dashboard's first call). */
const metaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/meta', { config: { access: 'read' }, schema: { tags: ['service'], summary: 'database settings and data version', response: { 200: Meta } } }, async () => ({
    h3_resolution: app.db.settings.h3Resolution,
    time_zone: app.db.settings.timeZone,
    data_version: app.db.dataVersion,
  }));
};

export default metaRoutes;
