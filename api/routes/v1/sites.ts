import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listSites, type CellSite } from '../../../analytics/site-inventory.js';
import { pointFeature } from '../../formats/geo-features.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import { identityRow, type TableSpec } from '../../formats/table-spec.js';
import { tableResponses } from '../../schemas/responses.js';
import { SITE_FORMATS, SiteQuery, SiteRow } from '../../schemas/sites.js';

const siteTable: TableSpec<CellSite> = {
  name: 'sites',
  row: SiteRow,
  toRow: identityRow,
  toFeature: (site) => pointFeature(site.lat, site.lon, { ...site }, site.cell_id),
};

/** `GET /v1/sites`: the cell-site inventory, filtered by city, technology, status and bounding box. */
const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sites',
    {
      config: { access: 'read', cacheable: true },
      schema: {
        tags: ['geo'],
        summary: 'cell sites (one row per cell)',
        querystring: SiteQuery,
        response: tableResponses(SiteRow, SITE_FORMATS, 'cells ordered by cell_id'),
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const chosen = negotiateFormat(format, request.headers.accept, SITE_FORMATS);
      return sendTable(reply, chosen, await listSites(app.db, filter), siteTable);
    },
  );
};

export default siteRoutes;
