import type { FastifyPluginAsync } from 'fastify';
import { listRejectedRows, type RejectedRow } from '../../../analytics/ingest-history.js';
import { identityRow } from '../../formats/table-spec.js';
import { HISTORY_FORMATS, HistoryQuery, RejectedRowRow } from '../../schemas/ingest-history.js';
import { tableRoute } from '../table-route.js';

/** `GET /v1/rejected-rows`: rows refused by ingests, with the raw row and an actionable reason. */
const rejectedRowRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/rejected-rows',
    tags: ['history'],
    summary: 'rejected rows',
    description: 'rows, newest run first, by line',
    querystring: HistoryQuery,
    formats: HISTORY_FORMATS,
    table: { name: 'rejected-rows', row: RejectedRowRow, toRow: identityRow<RejectedRow> },
    load: (db, { run_id, ...filter }) => listRejectedRows(db, { ...filter, ...(run_id === undefined ? {} : { runId: run_id }) }),
  });
};

export default rejectedRowRoutes;
