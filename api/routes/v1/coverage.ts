import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { weakCoverage } from '../../../analytics/coverage/weak-coverage.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import { COVERAGE_FORMATS, CoverageQuery, WeakCoverageBody, weakCoverageTable } from '../../schemas/coverage.js';
import { tableResponses } from '../../schemas/responses.js';

/**
 * `GET /v1/coverage`: hexagons ranked by coverage complaints (SPEC §5) over a period, with
 * distinct days and the nearest active site; cached per data version and query.
 */
const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/coverage',
    {
      config: { access: 'read', cacheable: true },
      schema: {
        tags: ['geo'],
        summary: 'weak-coverage hexagons ranked by coverage complaints',
        querystring: CoverageQuery,
        response: tableResponses(WeakCoverageBody, COVERAGE_FORMATS, 'hexagons by coverage complaints, descending'),
      },
    },
    async (request, reply) => {
      const { format, min_complaints: minComplaints, ...filter } = request.query;
      const chosen = negotiateFormat(format, request.headers.accept, COVERAGE_FORMATS);
      const query = { ...filter, minComplaints };
      const hexes = await app.resultCache.get(app.db.dataVersion, `coverage ${JSON.stringify(query)}`, () => weakCoverage(app.db, query));
      return sendTable(reply, chosen, hexes, weakCoverageTable, true);
    },
  );
};

export default coverageRoutes;
