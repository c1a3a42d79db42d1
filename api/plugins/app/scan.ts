import { ScanWorkers } from '../../../analytics/scan/scan-workers.js';
import { scanAnalysesPerDay } from '../../schemas/server-config.js';
import { ScanScheduler } from '../../services/scan-scheduler.js';
import { warmUpOf } from '../../services/warm-up.js';
import { sharedPlugin } from './shared-plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    scan: ScanScheduler;
  }
}

/**
 * Decorates `app.scan`: the background space-time scan, started when the server is ready,
 * re-run (debounced) after every committed write, stopped before the database closes.
 */
export const scanPlugin = sharedPlugin('cellpulse-scan', async (app) => {
  // Workers start on first use, so a server without the schedule costs no thread.
  const workers = ScanWorkers.create();
  const scan = new ScanScheduler({
    db: app.db,
    workers,
    everyMs: app.config.scanEveryMs,
    debounceMs: app.config.scanDebounceMs,
    replicates: app.config.scanReplicates,
    analysesPerDay: scanAnalysesPerDay(app.config),
    thresholdDays: app.config.signalThresholdDays,
    notify: () => app.alerts.notify(),
    logger: app.log,
  });
  app.decorate('scan', scan);
  if (app.config.scanSchedule) {
    // The first analysis waits for the live path's warm-up, then for writes to pause (as after a write):
    // at 10M complaints it reads every complaint of each category, which would slow the writes beside it.
    app.addHook('onReady', async () => {
      void warmUpOf(app.db)
        .after(['live_path', 'stored_ids'])
        .then(() => scan.start(true));
    });
    // After the answer is sent: the analysis never delays a write's response.
    app.addHook('onResponse', async (request, reply) => {
      if (request.routeOptions.config.access === 'write' && reply.statusCode < 300) scan.noteWrite();
    });
  }
  // Workers first: a running analysis then fails at once instead of holding up the shutdown.
  app.addHook('onClose', async () => {
    const stopping = scan.close();
    await workers.close();
    await stopping;
  });
});
