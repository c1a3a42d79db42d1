import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hexagonCounts, type HexagonCount } from '../../../analytics/hexagon-counts.js';
import { hexagonFeature } from '../../formats/geo-features.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import { identityRow, type TableSpec } from '../../formats/table-spec.js';
import { HEXAGON_FORMATS, HexagonQuery, HexagonRow } from '../../schemas/hexagons.js';
import { tableResponses } from '../../schemas/responses.js';

const hexagonTable: TableSpec<HexagonCount> = {
  name: 'hexagons',
  row: HexagonRow,
  toRow: identityRow,
  toFeature: (hex) => hexagonFeature(hex.h3, { ...hex }),
};

/**
 * `GET /v1/hexagons`: located complaints per H3 hexagon for a period, category, technology and
 * city, at any resolution up to the database's; cached per data version and query.
 */
const hexagonRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/hexagons',
    {
      config: { access: 'read', cacheable: true },
      schema: {
        tags: ['geo'],
        summary: 'complaint counts per hexagon',
        querystring: HexagonQuery,
        response: tableResponses(HexagonRow, HEXAGON_FORMATS, 'hexagons by complaints, descending'),
      },
    },
    async (request, reply) => {
      const { format, res, ...filter } = request.query;
      const chosen = negotiateFormat(format, request.headers.accept, HEXAGON_FORMATS);
      const query = { ...filter, ...(res === undefined ? {} : { resolution: res }) };
      const hexagons = await app.resultCache.get(app.db.dataVersion, `hexagons ${JSON.stringify(query)}`, () => hexagonCounts(app.db, query));
      return sendTable(reply, chosen, hexagons, hexagonTable, true);
    },
  );
};

export default hexagonRoutes;
