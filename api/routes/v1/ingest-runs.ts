import type { FastifyPluginAsync } from 'fastify';
import { listIngestRuns } from '../../../analytics/ingest-history.js';
import { IngestRun } from '../../../domain/ingest-history.js';
import { flatTable } from '../../formats/table-spec.js';
import { HISTORY_FORMATS, HistoryQuery } from '../../schemas/ingest-history.js';
import { tableRoute } from '../table-route.js';

/** `GET /v1/ingest-runs`: every ingest with its counts, newest first. */
const ingestRunRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/ingest-runs',
    tags: ['history'],
    summary: 'ingest runs',
    description: 'runs, newest first',
    querystring: HistoryQuery,
    formats: HISTORY_FORMATS,
    table: flatTable('ingest-runs', IngestRun),
    load: (db, { run_id, ...filter }) =>
      listIngestRuns(db, { ...filter, ...(run_id === undefined ? {} : { runId: run_id }) }),
  });
};

export default ingestRunRoutes;
