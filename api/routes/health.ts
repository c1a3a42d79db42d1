import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ingestStatus } from '../../analytics/ingest-history.js';
import { ERROR_STATUS } from '../../domain/errors.js';
import { ErrorBody } from '../schemas/common.js';
import { WarmUpStatus } from '../schemas/warm-up.js';
import { warmUpOf } from '../services/warm-up.js';

const Ready = z.object({
  status: z.literal('ready'),
  data_version: z.number().int(),
  ingest_runs: z.number().int(),
  last_ingest_at: z.string().nullable(),
  warm_up: WarmUpStatus.describe('what loads in the background after start; writes run at full speed once done'),
});

/** Liveness (the process answers) and readiness (the database answers a query; not while shutting down). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  const common = { config: { access: 'public' as const, rateLimit: false as const } };
  app.get(
    '/healthz',
    {
      ...common,
      schema: { tags: ['service'], summary: 'liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({
      status: 'ok' as const,
    }),
  );
  app.get(
    '/readyz',
    {
      ...common,
      schema: {
        tags: ['service'],
        summary: 'readiness: the database answers a query',
        response: { 200: Ready, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      if (closing)
        return reply
          .code(ERROR_STATUS.shutting_down)
          .send({ code: 'shutting_down', message: 'the server is shutting down' });
      try {
        const status = await ingestStatus(app.db);
        return {
          status: 'ready' as const,
          data_version: app.db.dataVersion,
          ingest_runs: status.runs,
          last_ingest_at: status.last_ingest_at,
          warm_up: warmUpOf(app.db).status(),
        };
      } catch (error) {
        request.log.error({ err: error }, 'readiness query failed');
        return reply.code(ERROR_STATUS.not_ready).send({ code: 'not_ready', message: 'the database does not answer' });
      }
    },
  );
};

export default healthRoutes;
