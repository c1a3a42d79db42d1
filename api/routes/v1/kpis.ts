import type { FastifyPluginAsync } from 'fastify';
import { serviceKpis } from '../../../analytics/kpis/service-kpis.js';
import { KpiRow } from '../../../domain/service-kpis.js';
import { flatTable } from '../../formats/table-spec.js';
import { KPI_FORMATS, KpiQuery } from '../../schemas/kpis.js';
import { tableRoute } from '../table-route.js';
import { judgedUntil, periodSpan } from '../read-spans.js';

/**
 * `GET /v1/kpis`: on-time reply rate, resolution ratio, commitment compliance and satisfaction
 * per city and local month (SPEC §4).
 */
const kpiRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/kpis',
    tags: ['kpi'],
    summary: 'service-commitment KPIs per city and month',
    description: 'one row per city and month, by month then city; ALL rows last in their month',
    querystring: KpiQuery,
    formats: KPI_FORMATS,
    table: flatTable('kpis', KpiRow),
    cacheAs: 'kpis',
    // Cluster membership sets the 2 h reply limit; without as_of, "past its limit" is judged at the newest complaint.
    dependsOn: ['complaints', 'incidents', 'newest'],
    spansOf: (q) => {
      const months = periodSpan(q.month ?? q.from_month, q.month ?? q.to_month);
      const limitH = Math.max(q.reply_limit_h, q.cluster_reply_limit_h);
      return { complaints: months, incidents: months, newest: q.as_of ? undefined : judgedUntil(months, limitH) };
    },
    load: (db, q) =>
      serviceKpis(db, {
        ...(q.month === undefined ? {} : { month: q.month }),
        ...(q.from_month === undefined ? {} : { fromMonth: q.from_month }),
        ...(q.to_month === undefined ? {} : { toMonth: q.to_month }),
        ...(q.city === undefined ? {} : { city: q.city }),
        ...(q.as_of === undefined ? {} : { asOf: q.as_of }),
        totals: q.totals ?? false,
        replyLimitHours: q.reply_limit_h,
        clusterReplyLimitHours: q.cluster_reply_limit_h,
      }),
  });
};

export default kpiRoutes;
