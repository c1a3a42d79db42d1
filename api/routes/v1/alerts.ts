import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Category } from '../../../domain/enums.js';
import { listDeliveries } from '../../../analytics/alerts/webhook-deliveries.js';
import { DeliveryRow } from '../../../domain/webhook-delivery.js';
import type { AlertEvent } from '../../alerts/alert-bus.js';
import { openSseStream, type SseStream } from '../../alerts/sse-stream.js';
import { formatQuery, type OutputFormat } from '../../formats/negotiate.js';
import { flatTable } from '../../formats/table-spec.js';
import { errorResponses, Paging } from '../../schemas/common.js';
import { tableRoute } from '../table-route.js';

const DELIVERY_FORMATS: readonly OutputFormat[] = ['json', 'csv', 'arrow'];

const StreamQuery = z.object({
  category: Category.optional().describe('only incidents of this category'),
  city: z.string().min(1).optional().describe('only incidents of this city'),
  since: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('replay stored events after this id first (as Last-Event-ID)'),
});

const DeliveryQuery = Paging.extend({
  state: z.enum(['pending', 'dead']).optional().describe('only pending or only dead-lettered deliveries'),
  format: formatQuery(DELIVERY_FORMATS),
});

const LastEventId = z.coerce.number().int().min(0).optional();

/**
 * `GET /v1/alerts/stream`: Server-Sent Events `incident.opened|updated|closed|acknowledged|resolved`,
 * each `id:` the event's number in the durable log and `data:` the incident as JSON, sent the
 * moment a write commits; `Last-Event-ID` (or `?since=`) replays the stored events after it
 * first. Open streams are ended before the server closes, so they never hold up a shutdown.
 * `GET /v1/alerts/deliveries`: webhook deliveries still pending and those dead-lettered.
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
        summary: 'live incident alerts (Server-Sent Events), replayed from the durable log after Last-Event-ID',
        querystring: StreamQuery,
        produces: ['text/event-stream'],
        response: {
          200: {
            description: 'an endless text/event-stream',
            content: { 'text/event-stream': { schema: z.string() } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { category, city, since } = request.query;
      const lastId = LastEventId.safeParse(request.headers['last-event-id']).data ?? since;
      reply.hijack();
      const stream = openSseStream(reply.raw, app.alerts.bus, {
        headers: stringHeaders(reply.getHeaders()),
        heartbeatMs: app.config.sseHeartbeatMs,
        ...(lastId === undefined ? {} : { lastEventId: lastId }),
        accept: ({ incident }: AlertEvent) =>
          (category === undefined || incident.category === category) && (city === undefined || incident.city === city),
      });
      streams.add(stream);
      await stream.done;
      streams.delete(stream);
    },
  );
  tableRoute(app, {
    path: '/alerts/deliveries',
    tags: ['incidents'],
    summary: 'webhook deliveries pending or dead-lettered',
    description: 'pending deliveries (the first of an endpoint with its attempts) and dead letters, oldest first',
    querystring: DeliveryQuery,
    // Delivery state changes without a data version: never answered 304.
    cacheable: false,
    formats: DELIVERY_FORMATS,
    table: flatTable('deliveries', DeliveryRow),
    load: async (_db, { state, limit, offset }) => {
      await app.alerts.webhooks?.flush();
      const rows = await listDeliveries(app.db, app.config.webhookUrls, offset + limit);
      return rows.filter((r) => state === undefined || r.state === state).slice(offset);
    },
  });
};

function stringHeaders(
  headers: Record<string, string | number | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = typeof value === 'number' ? String(value) : value;
  return out;
}

export default alertRoutes;
