import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readRateTargets, writeRateTargets } from '../../../analytics/rates/rate-targets.js';
import { Technology } from '../../../domain/enums.js';
import { errorResponses } from '../../schemas/common.js';

const Targets = z
  .partialRecord(Technology, z.number().min(0))
  .describe('monthly target per 10,000 subscribers, by technology');

/** `GET /v1/targets` and `PUT /v1/targets` (write key): the rate targets `cellpulse targets` prints and sets. */
const targetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/targets',
    {
      config: { access: 'read' },
      schema: { tags: ['kpi'], summary: 'monthly complaint-rate targets', response: { 200: Targets } },
    },
    async () => readRateTargets(app.db),
  );
  app.put(
    '/targets',
    {
      config: { access: 'write' },
      schema: {
        tags: ['kpi'],
        summary: 'store targets (the technologies given are replaced); answers all targets',
        security: [{ apiKey: [] }],
        body: Targets,
        response: { 200: Targets, ...errorResponses },
      },
    },
    async (request) => writeRateTargets(app.db, request.body),
  );
};

export default targetRoutes;
