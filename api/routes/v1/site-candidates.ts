import type { FastifyPluginAsync } from 'fastify';
import { siteCandidates } from '../../../analytics/coverage/site-candidates.js';
import { SiteCandidate } from '../../../domain/coverage.js';
import { COVERAGE_FORMATS, SiteCandidateQuery, siteCandidateTable } from '../../schemas/coverage.js';
import { tableRoute } from '../table-route.js';

/**
 * `GET /v1/site-candidates`: connected regions of weak-coverage hexagons with a proposed site,
 * the nearest active and planned cells and a status (SPEC §5).
 */
const siteCandidateRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/site-candidates',
    tags: ['geo'],
    summary: 'site candidates for construction',
    description: 'proposed regions first, then planned_site, then no_investment; by complaints',
    querystring: SiteCandidateQuery,
    formats: COVERAGE_FORMATS,
    table: siteCandidateTable,
    item: SiteCandidate,
    cacheAs: 'site-candidates',
    load: (db, { min_complaints: minComplaints, planned_within_km: plannedWithinKm, ...filter }) =>
      siteCandidates(db, { ...filter, minComplaints, plannedWithinKm }),
  });
};

export default siteCandidateRoutes;
