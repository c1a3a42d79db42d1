import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listRejectedRows, type RejectedRow } from '../../../analytics/ingest-history.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import { identityRow, type TableSpec } from '../../formats/table-spec.js';
import { HISTORY_FORMATS, HistoryQuery, RejectedRowRow } from '../../schemas/ingest-history.js';
import { tableResponses } from '../../schemas/responses.js';

const rejectedTable: TableSpec<RejectedRow> = { name: 'rejected-rows', row: RejectedRowRow, toRow: identityRow };

/** `GET /v1/rejected-rows`: rows refused by ingests, with the raw row and an actionable reason. */
const rejectedRowRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/rejected-rows',
    {
      config: { access: 'read', cacheable: true },
      schema: {
        tags: ['history'],
        summary: 'rejected rows',
        querystring: HistoryQuery,
        response: tableResponses(RejectedRowRow, HISTORY_FORMATS, 'rows, newest run first, by line'),
      },
    },
    async (request, reply) => {
      const { format, run_id, ...filter } = request.query;
      const chosen = negotiateFormat(format, request.headers.accept, HISTORY_FORMATS);
      const rows = await listRejectedRows(app.db, { ...filter, ...(run_id === undefined ? {} : { runId: run_id }) });
      return sendTable(reply, chosen, rows, rejectedTable);
    },
  );
};

export default rejectedRowRoutes;
