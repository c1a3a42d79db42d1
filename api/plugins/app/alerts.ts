import { IncidentAlerts } from '../../alerts/incident-alerts.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * Decorates `app.alerts` (event bus over the durable log, webhooks, Alertmanager) and stops it
 * before the database closes.
 */
export const alertsPlugin = sharedPlugin('cellpulse-alerts', async (app) => {
  const alerts = await IncidentAlerts.start({
    db: app.db,
    config: app.config,
    baseUrl: () => app.config.publicUrl ?? listeningOrigin(() => app.listeningOrigin),
    logger: app.log,
  });
  app.decorate('alerts', alerts);
  app.addHook('onClose', async () => alerts.close());
});

/** The address the server listens on; fastify's getter throws before `listen` (tests that inject). */
function listeningOrigin(read: () => string): string {
  try {
    return read().replace(/\/+$/, '');
  } catch {
    return 'http://127.0.0.1';
  }
}
