import type { FastifyPluginAsync } from 'fastify';
import { complaintRates } from '../../../analytics/rates/complaint-rates.js';
import type { RateTargets } from '../../../analytics/rates/rate-targets.js';
import { RateRow } from '../../../domain/complaint-rate.js';
import { flatTable } from '../../formats/table-spec.js';
import { RATE_FORMATS, RateQuery } from '../../schemas/rates.js';
import { tableRoute } from '../table-route.js';
import { rateSpan } from '../read-spans.js';

/** `GET /v1/rates`: complaints per 10,000 subscribers by city, technology and period (SPEC §4). */
const rateRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/rates',
    tags: ['kpi'],
    summary: 'complaint rates per 10,000 subscribers, with target and change',
    description: 'one row per group, in group order',
    querystring: RateQuery,
    formats: RATE_FORMATS,
    table: flatTable('rates', RateRow),
    cacheAs: 'rates',
    dependsOn: ['complaints', 'subscribers', 'targets'],
    spansOf: (q) => ({ complaints: rateSpan(q.from, q.to) }),
    load: (db, { target_gsm, target_wcdma, target_lte, target_nr, ...filter }) => {
      const given: RateTargets = { GSM: target_gsm, WCDMA: target_wcdma, LTE: target_lte, NR: target_nr };
      const targets = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
      return complaintRates(db, { ...filter, targets });
    },
  });
};

export default rateRoutes;
