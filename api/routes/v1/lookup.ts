import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { frontDeskLookup } from '../../../analytics/lookup/front-desk-lookup.js';
import { Lookup } from '../../../domain/lookup.js';
import { errorResponses } from '../../schemas/common.js';
import { LookupQuery } from '../../schemas/lookup.js';

/** `GET /v1/lookup`: what the front desk tells a caller at a point or cell (SPEC §6). */
const lookupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/lookup',
    {
      config: { access: 'read', cacheable: true },
      schema: {
        tags: ['front desk'],
        summary: 'known problems near a point or cell at a time, with a suggested answer (zh/en)',
        querystring: LookupQuery,
        response: { 200: Lookup, ...errorResponses },
      },
    },
    async (request) => {
      const { lat, lon, cell_id, category, at, radius_km } = request.query;
      return frontDeskLookup(app.db, {
        ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
        ...(cell_id ? { cellId: cell_id } : {}),
        ...(category ? { category } : {}),
        ...(at ? { at } : {}),
        radiusKm: radius_km,
      });
    },
  );
};

export default lookupRoutes;
