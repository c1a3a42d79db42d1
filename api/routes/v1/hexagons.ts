import type { FastifyPluginAsync } from 'fastify';
import { hexagonCounts } from '../../../analytics/hexagon-counts.js';
import { HexagonCount } from '../../../domain/hexagon-count.js';
import { hexagonFeature } from '../../formats/geo-features.js';
import { flatTable } from '../../formats/table-spec.js';
import { HEXAGON_FORMATS, HexagonQuery } from '../../schemas/hexagons.js';
import { tableRoute } from '../table-route.js';
import { instantSpan } from '../read-spans.js';

/**
 * `GET /v1/hexagons`: located complaints per H3 hexagon for a period, category, technology and
 * city, at any resolution up to the database's.
 */
const hexagonRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/hexagons',
    tags: ['geo'],
    summary: 'complaint counts per hexagon',
    description: 'hexagons by complaints, descending',
    querystring: HexagonQuery,
    formats: HEXAGON_FORMATS,
    table: flatTable('hexagons', HexagonCount, (hex) => hexagonFeature(hex.h3, { ...hex })),
    cacheAs: 'hexagons',
    dependsOn: ['complaints'],
    spansOf: (q) => ({ complaints: instantSpan(q.from, q.to) }),
    load: (db, { res, ...filter }) =>
      hexagonCounts(db, { ...filter, ...(res === undefined ? {} : { resolution: res }) }),
  });
};

export default hexagonRoutes;
