import type { FastifyPluginAsync } from 'fastify';
import { constructionList } from '../../../analytics/coverage/construction-list.js';
import { flatTable } from '../../formats/table-spec.js';
import { CONSTRUCTION_FORMATS, ConstructionListQuery, ConstructionListRow } from '../../schemas/construction-list.js';
import { tableRoute } from '../table-route.js';

/**
 * `GET /v1/coverage/construction?month=`: the construction department's monthly list (SPEC §11): one row per
 * site-candidate region with its coverage complaints by triage route, as `cellpulse coverage --for construction`.
 */
const constructionListRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/coverage/construction',
    tags: ['geo'],
    summary: "the construction department's list: candidate regions with complaints by route",
    description: 'one row per site-candidate region of the month, proposed regions first',
    querystring: ConstructionListQuery,
    formats: CONSTRUCTION_FORMATS,
    table: flatTable('construction-list', ConstructionListRow),
    cacheAs: 'construction-list',
    load: (db, { month }) => constructionList(db, month),
  });
};

export default constructionListRoutes;
