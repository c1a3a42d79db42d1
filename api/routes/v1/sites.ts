import type { FastifyPluginAsync } from 'fastify';
import { listSites, type CellSite } from '../../../analytics/site-inventory.js';
import { pointFeature } from '../../formats/geo-features.js';
import { identityRow } from '../../formats/table-spec.js';
import { SITE_FORMATS, SiteQuery, SiteRow } from '../../schemas/sites.js';
import { tableRoute } from '../table-route.js';

/** `GET /v1/sites`: the cell-site inventory, filtered by city, technology, status and bounding box. */
const siteRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/sites',
    tags: ['geo'],
    summary: 'cell sites (one row per cell)',
    description: 'cells ordered by cell_id',
    querystring: SiteQuery,
    formats: SITE_FORMATS,
    table: {
      name: 'sites',
      row: SiteRow,
      toRow: identityRow<CellSite>,
      toFeature: (site) => pointFeature(site.lat, site.lon, { ...site }, site.cell_id),
    },
    load: (db, filter) => listSites(db, filter),
  });
};

export default siteRoutes;
