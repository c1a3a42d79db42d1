import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { complaintRates, type RateRow as Rate } from '../../../analytics/rates/complaint-rates.js';
import type { RateTargets } from '../../../analytics/rates/rate-targets.js';
import { negotiateFormat } from '../../formats/negotiate.js';
import { sendTable } from '../../formats/send-table.js';
import { identityRow, type TableSpec } from '../../formats/table-spec.js';
import { RATE_FORMATS, RateQuery, RateRow } from '../../schemas/rates.js';
import { tableResponses } from '../../schemas/responses.js';

const rateTable: TableSpec<Rate> = { name: 'rates', row: RateRow, toRow: identityRow };

/** `GET /v1/rates`: complaints per 10,000 subscribers by city, technology and period (SPEC §4); cached per data version. */
const rateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/rates',
    {
      config: { access: 'read', cacheable: true },
      schema: {
        tags: ['kpi'],
        summary: 'complaint rates per 10,000 subscribers, with target and change',
        querystring: RateQuery,
        response: tableResponses(RateRow, RATE_FORMATS, 'one row per group, in group order'),
      },
    },
    async (request, reply) => {
      const { format, target_gsm, target_wcdma, target_lte, target_nr, ...filter } = request.query;
      const chosen = negotiateFormat(format, request.headers.accept, RATE_FORMATS);
      const targets: RateTargets = { GSM: target_gsm, WCDMA: target_wcdma, LTE: target_lte, NR: target_nr };
      const query = { ...filter, targets: Object.fromEntries(Object.entries(targets).filter(([, v]) => v !== undefined)) };
      const rows = await app.resultCache.get(app.db.dataVersion, `rates ${JSON.stringify(query)}`, () => complaintRates(app.db, query));
      return sendTable(reply, chosen, rows, rateTable, true);
    },
  );
};

export default rateRoutes;
