import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { siteCandidates } from '../../../analytics/coverage/site-candidates.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import { COVERAGE_FORMATS, SiteCandidateBody, SiteCandidateQuery, siteCandidateTable } from '../../schemas/coverage.js';
import { tableResponses } from '../../schemas/responses.js';

/**
 * `GET /v1/site-candidates`: connected regions of weak-coverage hexagons with a proposed site,
 * the nearest active and planned cells and a status (SPEC §5); cached per data version and query.
 */
const siteCandidateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/site-candidates',
    {
      config: { access: 'read', cacheable: true },
      schema: {
        tags: ['geo'],
        summary: 'site candidates for construction',
        querystring: SiteCandidateQuery,
        response: tableResponses(SiteCandidateBody, COVERAGE_FORMATS, 'proposed regions first, then planned_site, then no_investment; by complaints'),
      },
    },
    async (request, reply) => {
      const { format, min_complaints: minComplaints, planned_within_km: plannedWithinKm, ...filter } = request.query;
      const chosen = negotiateFormat(format, request.headers.accept, COVERAGE_FORMATS);
      const query = { ...filter, minComplaints, plannedWithinKm };
      const candidates = await app.resultCache.get(app.db.dataVersion, `site-candidates ${JSON.stringify(query)}`, () => siteCandidates(app.db, query));
      return sendTable(reply, chosen, candidates, siteCandidateTable, true);
    },
  );
};

export default siteCandidateRoutes;
