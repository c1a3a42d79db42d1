import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cityAppraisal } from '../../../analytics/appraisal/city-appraisal.js';
import { getComplaint, listComplaints } from '../../../analytics/triage/complaint-records.js';
import { routeCounts } from '../../../analytics/triage/route-counts.js';
import { retriage } from '../../../analytics/triage/triage-complaints.js';
import { AppraisalRow } from '../../../domain/appraisal.js';
import { ComplaintRecord, ComplaintRow, RouteCount } from '../../../domain/triage.js';
import { flatTable } from '../../formats/table-spec.js';
import {
  AppraisalQuery,
  ComplaintListQuery,
  ComplaintParams,
  RecomputeBody,
  RecomputeResult,
  RouteCountQuery,
  TRIAGE_FORMATS,
} from '../../schemas/triage.js';
import { oneByIdRoute } from '../one-by-id-route.js';
import { writeOptions } from '../route-options.js';
import { tableRoute } from '../table-route.js';

/**
 * The work-order flow (SPEC §11): `GET /v1/complaints/{id}` and `GET /v1/complaints` with their triage
 * routes, `GET /v1/triage` (complaints per city and route), `POST /v1/triage/recompute` (explicit re-triage,
 * write key) and `GET /v1/appraisal` (the cities' score).
 */
const triageRoutes: FastifyPluginAsyncZod = async (app) => {
  oneByIdRoute(app, {
    path: '/complaints/:id',
    tags: ['triage'],
    summary: 'one complaint with its route, reason, incidents and hexagon',
    params: ComplaintParams,
    item: ComplaintRecord,
    noun: 'complaint',
    load: getComplaint,
  });
  tableRoute(app, {
    path: '/complaints',
    tags: ['triage'],
    summary: 'complaints by route, city and time, with their routes',
    description: 'complaints received in [from, to), newest first, at most `limit`',
    querystring: ComplaintListQuery,
    formats: TRIAGE_FORMATS,
    item: ComplaintRecord,
    table: {
      name: 'complaints',
      row: ComplaintRow,
      toRow: (c: ComplaintRecord) => ({ ...c, incident_ids: c.incident_ids.join(';') }),
    },
    load: (db, q) => listComplaints(db, q),
  });
  tableRoute(app, {
    path: '/triage',
    tags: ['triage'],
    summary: 'complaints per city and triage route',
    description: 'by city, routes in the order of the rules',
    querystring: RouteCountQuery,
    formats: TRIAGE_FORMATS,
    table: flatTable('triage', RouteCount),
    cacheAs: 'triage',
    load: (db, q) => routeCounts(db, q),
  });
  app.post(
    '/triage/recompute',
    writeOptions({
      tags: ['triage'],
      summary: 're-triage a period with the events, sites and incidents known now (never back from priority)',
      body: RecomputeBody,
      response: { 200: RecomputeResult },
    }),
    async (request) => {
      const { from, to } = request.body;
      return { from, to, changed: await app.db.write((conn) => retriage(conn, from, to)) };
    },
  );
  tableRoute(app, {
    path: '/appraisal',
    tags: ['triage'],
    summary: "the cities' monthly appraisal: rate points (4), compliance points (5), total and rank",
    description: 'best total first; cities without a total (null points, with a warning) last',
    querystring: AppraisalQuery,
    formats: TRIAGE_FORMATS,
    table: flatTable('appraisal', AppraisalRow),
    cacheAs: 'appraisal',
    load: (db, q) => cityAppraisal(db, q.month),
  });
};

export default triageRoutes;
