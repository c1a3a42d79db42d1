import type { FastifyPluginAsync } from 'fastify';
import { coverageTrends } from '../../../analytics/coverage/coverage-trends.js';
import { CoverageTrend } from '../../../domain/coverage.js';
import { CoverageTrendQuery, coverageTrendTable, TREND_FORMATS } from '../../schemas/coverage-trends.js';
import { tableRoute } from '../table-route.js';

/** `GET /v1/coverage/trends`: emerging hot spots of coverage complaints (SPEC §11). */
const coverageTrendRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/coverage/trends',
    tags: ['geo'],
    summary: 'emerging hot spots of coverage complaints (Gi* per week, Mann-Kendall trend, ESRI classes)',
    description:
      'hexagons by class (new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, ' +
      'historical, none), then complaints',
    querystring: CoverageTrendQuery,
    formats: TREND_FORMATS,
    table: coverageTrendTable,
    item: CoverageTrend,
    cacheAs: 'coverage-trends',
    load: (db, query) => coverageTrends(db, query),
  });
};

export default coverageTrendRoutes;
