import type { z } from 'zod';
import type { FastifyPluginAsync } from 'fastify';
import { listIngestRuns, listRejectedRows, type HistoryFilter } from '../../../analytics/ingest-history.js';
import { IngestRun, RejectedRow } from '../../../domain/ingest-history.js';
import type { Database } from '../../../store/database.js';
import { flatTable } from '../../formats/table-spec.js';
import { HISTORY_FORMATS, HistoryQuery } from '../../schemas/ingest-history.js';
import { tableRoute } from '../table-route.js';

/**
 * The ingest history, with the same filters: `GET /v1/ingest-runs` (every ingest with its counts, newest first) and
 * `GET /v1/rejected-rows` (rows refused by ingests, with the raw row and an actionable reason).
 */
const ingestHistoryRoutes: FastifyPluginAsync = async (app) => {
  const historyRoute = <R extends z.ZodObject>(
    name: string,
    text: { summary: string; description: string },
    row: R,
    list: (db: Database, filter: HistoryFilter) => Promise<z.output<R>[]>,
  ): void =>
    tableRoute(app, {
      path: `/${name}`,
      tags: ['history'],
      ...text,
      querystring: HistoryQuery,
      formats: HISTORY_FORMATS,
      table: flatTable(name, row),
      load: (db, { run_id, ...filter }) => list(db, { ...filter, ...(run_id === undefined ? {} : { runId: run_id }) }),
    });
  historyRoute('ingest-runs', { summary: 'ingest runs', description: 'runs, newest first' }, IngestRun, listIngestRuns);
  const rejected = { summary: 'rejected rows', description: 'rows, newest run first, by line' };
  historyRoute('rejected-rows', rejected, RejectedRow, listRejectedRows);
};

export default ingestHistoryRoutes;
