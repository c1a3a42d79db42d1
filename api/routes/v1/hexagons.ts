import type { FastifyPluginAsync } from 'fastify';
import { hexagonCounts, type HexagonCount } from '../../../analytics/hexagon-counts.js';
import { hexagonFeature } from '../../formats/geo-features.js';
import { identityRow } from '../../formats/table-spec.js';
import { HEXAGON_FORMATS, HexagonQuery, HexagonRow } from '../../schemas/hexagons.js';
import { tableRoute } from '../table-route.js';

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
    table: { name: 'hexagons', row: HexagonRow, toRow: identityRow<HexagonCount>, toFeature: (hex) => hexagonFeature(hex.h3, { ...hex }) },
    cacheAs: 'hexagons',
    dependsOn: ['complaints'],
    load: (db, { res, ...filter }) => hexagonCounts(db, { ...filter, ...(res === undefined ? {} : { resolution: res }) }),
  });
};

export default hexagonRoutes;
