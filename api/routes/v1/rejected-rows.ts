import type { FastifyPluginAsync } from 'fastify';
import { listRejectedRows } from '../../../analytics/ingest-history.js';
import { RejectedRow } from '../../../domain/ingest-history.js';
import { flatTable } from '../../formats/table-spec.js';
import { HISTORY_FORMATS, HistoryQuery } from '../../schemas/ingest-history.js';
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
    table: flatTable('rejected-rows', RejectedRow),
    load: (db, { run_id, ...filter }) =>
      listRejectedRows(db, { ...filter, ...(run_id === undefined ? {} : { runId: run_id }) }),
  });
};

export default rejectedRowRoutes;
