import type { FastifyPluginAsync } from 'fastify';
import { scanSignals } from '../../../analytics/scan/run-scan.js';
import { Signal } from '../../../domain/signal.js';
import { scanAnalysesPerDay } from '../../schemas/server-config.js';
import { ScanQuery, SIGNAL_FORMATS, signalTable } from '../../schemas/signals.js';
import { tableRoute } from '../table-route.js';

/**
 * `GET /v1/signals`: the prospective space-time scan at `at` (SPEC §11). A stored analysis
 * with the same replicates and seed (the background schedule's, or `cellpulse scan`'s) is read
 * back; otherwise it runs now on worker threads without being stored.
 */
const signalRoutes: FastifyPluginAsync = async (app) => {
  tableRoute(app, {
    path: '/signals',
    tags: ['incidents'],
    summary: 'space-time scan signals with p-values and recurrence intervals',
    description: 'signals by p-value, then log-likelihood ratio',
    querystring: ScanQuery,
    formats: SIGNAL_FORMATS,
    table: signalTable,
    item: Signal,
    // A GET never writes: an analysis not stored yet (by the schedule or `cellpulse scan`) runs once per data version.
    cacheAs: 'signals',
    load: async (db, { replicates, ...query }) => {
      const settings = {
        replicates: replicates ?? app.config.scanReplicates,
        analysesPerDay: scanAnalysesPerDay(app.config),
      };
      return (await scanSignals(db, { ...query, ...settings, store: false })).signals;
    },
  });
};

export default signalRoutes;
