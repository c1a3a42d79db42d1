import { listIncidents } from '../../../analytics/clusters/incident-store.js';
import { IncidentAlerts } from '../../alerts/incident-alerts.js';
import { sharedPlugin } from './shared-plugin.js';

/** Decorates `app.alerts` (bus, webhooks, closing checks) and stops it before the database closes. */
export const alertsPlugin = sharedPlugin('cellpulse-alerts', async (app) => {
  const alerts = new IncidentAlerts({
    readIncidentsSince: (since) => listIncidents(app.db, { from: since }),
    webhookUrls: app.config.webhookUrls,
    ...(app.config.webhookSecret ? { webhookSecret: app.config.webhookSecret } : {}),
    logger: app.log,
  });
  app.decorate('alerts', alerts);
  app.addHook('onClose', async () => alerts.close());
});
