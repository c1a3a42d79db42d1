import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Category } from '../../../domain/enums.js';
import { openSseStream, type SseStream } from '../../alerts/sse-stream.js';
import { errorResponses } from '../../schemas/common.js';

const StreamQuery = z.object({
  category: Category.optional().describe('only incidents of this category'),
  city: z.string().min(1).optional().describe('only incidents of this city'),
});

const LastEventId = z.coerce.number().int().min(0).optional();

/**
 * `GET /v1/alerts/stream`: Server-Sent Events `incident.opened`, `incident.updated` and
 * `incident.closed`, each `data:` the incident (SPEC §3) as JSON, sent the moment an ingest
 * commits; `Last-Event-ID` replays what a reconnecting client missed. Open streams are ended
 * before the server closes, so they never hold up a shutdown.
 */
const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  const streams = new Set<SseStream>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });
  app.get(
    '/alerts/stream',
    {
      config: { access: 'read' },
      schema: {
        tags: ['incidents'],
        summary: 'live incident alerts (Server-Sent Events)',
        querystring: StreamQuery,
        produces: ['text/event-stream'],
        response: { 200: { description: 'an endless text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { category, city } = request.query;
      const lastId = LastEventId.safeParse(request.headers['last-event-id']).data;
      reply.hijack();
      const stream = openSseStream(reply.raw, app.alerts.bus, {
        headers: stringHeaders(reply.getHeaders()),
        heartbeatMs: app.config.sseHeartbeatMs,
        ...(lastId === undefined ? {} : { lastEventId: lastId }),
        accept: ({ incident }) => (category === undefined || incident.category === category) && (city === undefined || incident.city === city),
      });
      streams.add(stream);
      await stream.done;
      streams.delete(stream);
    },
  );
};

function stringHeaders(headers: Record<string, string | number | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = typeof value === 'number' ? String(value) : value;
  return out;
}

export default alertRoutes;
