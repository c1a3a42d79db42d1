import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceKpis, type ServiceKpiQuery, type ServiceKpiRow } from '../../../analytics/kpis/service-kpis.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import { identityRow, type TableSpec } from '../../formats/table-spec.js';
import { KPI_FORMATS, KpiQuery, KpiRow } from '../../schemas/kpis.js';
import { tableResponses } from '../../schemas/responses.js';

const kpiTable: TableSpec<ServiceKpiRow> = { name: 'kpis', row: KpiRow, toRow: identityRow };

/**
 * `GET /v1/kpis`: on-time reply rate, resolution ratio, commitment compliance and satisfaction
 * per city and local month (SPEC §4); cached per data version and query.
 */
const kpiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/kpis',
    {
      config: { access: 'read', cacheable: true },
      schema: {
        tags: ['kpi'],
        summary: 'service-commitment KPIs per city and month',
        querystring: KpiQuery,
        response: tableResponses(KpiRow, KPI_FORMATS, 'one row per city and month, by month then city; ALL rows last in their month'),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const chosen = negotiateFormat(q.format, request.headers.accept, KPI_FORMATS);
      const query: ServiceKpiQuery = {
        ...(q.month === undefined ? {} : { month: q.month }),
        ...(q.from_month === undefined ? {} : { fromMonth: q.from_month }),
        ...(q.to_month === undefined ? {} : { toMonth: q.to_month }),
        ...(q.city === undefined ? {} : { city: q.city }),
        ...(q.as_of === undefined ? {} : { asOf: q.as_of }),
        totals: q.totals ?? false,
        replyLimitHours: q.reply_limit_h,
        clusterReplyLimitHours: q.cluster_reply_limit_h,
      };
      const rows = await app.resultCache.get(app.db.dataVersion, `kpis ${JSON.stringify(query)}`, () => serviceKpis(app.db, query));
      return sendTable(reply, chosen, rows, kpiTable, true);
    },
  );
};

export default kpiRoutes;
