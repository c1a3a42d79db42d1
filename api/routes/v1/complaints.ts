import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CellpulseError } from '../../../domain/errors.js';
import { ingestComplaints, raisedOrUpdated, warmLivePath, type IngestOutcome } from '../../services/ingest-service.js';
import { errorResponses, ErrorBody } from '../../schemas/common.js';
import { warmUpOf } from '../../services/warm-up.js';
import { ComplaintBatch, ComplaintsAnswer, IngestQuery } from '../../schemas/complaints.js';

/**
 * `POST /v1/complaints`: a live batch (JSON array or NDJSON), judged by the same rules as files
 * but written by the live path (cost follows the batch, not the history), answered with the
 * outcome of every row and the incidents it opened or grew, which also go out on the alert
 * stream at once.
 */
const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxRows = app.config.maxBatchRows;
  // Once serving, not before: /readyz must not wait for what only writes need (it shows the steps).
  warmUpOf(app.db).expect('live_path', 'stored_ids');
  app.addHook('onListen', async () => {
    warmLivePath(app.db).catch((error: unknown) => app.log.warn({ err: error }, 'live path warm-up failed'));
  });
  // Only JSON and NDJSON here: fastify's default text/plain parser would turn any text into one bad "row".
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_request, body, done) =>
    done(null, parseNdjson(String(body))),
  );
  app.post(
    '/complaints',
    {
      config: { access: 'write' },
      bodyLimit: app.config.bodyLimitBytes,
      schema: {
        tags: ['ingest'],
        summary: `ingest a batch of at most ${maxRows} complaints`,
        security: [{ apiKey: [] }],
        consumes: ['application/json', 'application/x-ndjson'],
        querystring: IngestQuery,
        body: ComplaintBatch,
        response: { 200: ComplaintsAnswer, ...errorResponses, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
      // Before validation, so an oversized batch is refused as too large rather than listed item by item.
      preValidation: async (request) => {
        if (Array.isArray(request.body) && request.body.length > maxRows) {
          throw new CellpulseError(
            'payload_too_large',
            `at most ${maxRows} complaints per request; split the batch`,
            request.body.length,
          );
        }
      },
    },
    async (request) => {
      if (request.body.length === 0)
        return { run_id: null, accepted: 0, updated: 0, rejected: 0, rows: [], incidents: [] };
      const outcome = await ingestComplaints(app.db, {
        items: request.body,
        name: 'api',
        crs: request.query.crs,
        ...(request.apiKeyId ? { actor: request.apiKeyId } : {}),
      });
      // A batch that stored no event leaves the log as it was: no read of it (the poll covers the rest).
      if (outcome.events.length > 0) void app.alerts.notify();
      return toAnswer(outcome);
    },
  );
};

function toAnswer(outcome: IngestOutcome): ComplaintsAnswer {
  return {
    run_id: outcome.run_id,
    accepted: outcome.accepted,
    updated: outcome.updated,
    rejected: outcome.rejected,
    rows: (outcome.outcomes ?? []).map((row) => ({
      item: row.line,
      complaint_id: row.id,
      status: row.status,
      ...(row.reason === undefined ? {} : { reason: row.reason }),
    })),
    incidents: raisedOrUpdated(outcome.events),
  };
}

/**
 * NDJSON lines as items; a line that is not JSON stays as its text, which the ingest then rejects
 * as "not a JSON object" with its item number, like a bad line of an NDJSON file.
 */
function parseNdjson(text: string): unknown[] {
  const items: unknown[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    try {
      items.push(JSON.parse(line));
    } catch {
      items.push(line);
    }
  }
  return items;
}

export default complaintRoutes;
