import type { FastifyPluginAsync } from 'fastify';
import { weakCoverage } from '../../../analytics/coverage/weak-coverage.js';
import { WeakCoverageHex } from '../../../domain/coverage.js';
import { COVERAGE_FORMATS, CoverageQuery, weakCoverageTable } from '../../schemas/coverage.js';
import { tableRoute } from '../table-route.js';

/**
 * `GET /v1/coverage`: hexagons ranked by coverage complaints (SPEC §5) over a period, with
 * distinct days and the nearest active site.
 */
const coverageRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/coverage',
    tags: ['geo'],
    summary: 'weak-coverage hexagons ranked by coverage complaints',
    description: 'hexagons by coverage complaints, descending',
    querystring: CoverageQuery,
    formats: COVERAGE_FORMATS,
    table: weakCoverageTable,
    item: WeakCoverageHex,
    cacheAs: 'coverage',
    load: (db, { min_complaints: minComplaints, ...filter }) => weakCoverage(db, { ...filter, minComplaints }),
  });
};

export default coverageRoutes;
