import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Lookup } from '../../../domain/lookup.js';
import { LookupQuery } from '../../schemas/lookup.js';
import { lookupByQuery } from '../../services/lookup-by-query.js';
import { readOneOptions } from '../route-options.js';

/** `GET /v1/lookup`: what the front desk tells a caller at a point or cell (SPEC §6). */
const lookupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/lookup',
    readOneOptions({
      tags: ['front desk'],
      summary: 'known problems near a point or cell at a time, with a suggested answer (zh/en)',
      querystring: LookupQuery,
      response: { 200: Lookup },
    }),
    async (request) => lookupByQuery(app.db, request.query),
  );
};

export default lookupRoutes;
