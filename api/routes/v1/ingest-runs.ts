import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listIngestRuns, type IngestRun } from '../../../analytics/ingest-history.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import { identityRow, type TableSpec } from '../../formats/table-spec.js';
import { HISTORY_FORMATS, HistoryQuery, IngestRunRow } from '../../schemas/ingest-history.js';
import { tableResponses } from '../../schemas/responses.js';

const runTable: TableSpec<IngestRun> = { name: 'ingest-runs', row: IngestRunRow, toRow: identityRow };

/** `GET /v1/ingest-runs`: every ingest with its counts, newest first. */
const ingestRunRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ingest-runs',
    {
      config: { access: 'read', cacheable: true },
      schema: { tags: ['history'], summary: 'ingest runs', querystring: HistoryQuery, response: tableResponses(IngestRunRow, HISTORY_FORMATS, 'runs, newest first') },
    },
    async (request, reply) => {
      const { format, run_id, ...filter } = request.query;
      const chosen = negotiateFormat(format, request.headers.accept, HISTORY_FORMATS);
      const runs = await listIngestRuns(app.db, { ...filter, ...(run_id === undefined ? {} : { runId: run_id }) });
      return sendTable(reply, chosen, runs, runTable);
    },
  );
};

export default ingestRunRoutes;
