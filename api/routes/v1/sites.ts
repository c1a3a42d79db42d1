import type { FastifyPluginAsync } from 'fastify';
import { listSites } from '../../../analytics/site-inventory.js';
import { CellSite } from '../../../domain/cell-site.js';
import { pointFeature } from '../../formats/geo-features.js';
import { flatTable } from '../../formats/table-spec.js';
import { SITE_FORMATS, SiteQuery } from '../../schemas/sites.js';
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
    table: flatTable('sites', CellSite, (site) => pointFeature(site.lat, site.lon, { ...site }, site.cell_id)),
    load: (db, filter) => listSites(db, filter),
  });
};

export default siteRoutes;
