import type { FastifyBaseLogger } from 'fastify';
import { eventLogId, latestEventSeq, pruneEvents, readEventsSince } from '../../analytics/alerts/event-log.js';
import { listIncidents } from '../../analytics/clusters/incidents/incident-reader.js';
import type { Database } from '../../store/database.js';
import type { ServerConfig } from '../schemas/server-config.js';
import { AlertBus } from './alert-bus.js';
import { AlertmanagerNotifier } from './alertmanager-notifier.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

const PRUNE_EVERY_MS = 6 * 3_600_000;

export interface IncidentAlertsOptions {
  db: Database;
  config: ServerConfig;
  /** The server's own URL (CloudEvents `source`, Alertmanager `generatorURL`), known once it listens. */
  baseUrl: () => string;
  logger: FastifyBaseLogger;
}

/**
 * The alert side of the server: the bus over the durable log (SSE), webhook delivery,
 * Alertmanager, and the log's retention. Writers call `notify()` after they commit; a timer
 * reads the log too, so events written by any other path go out within `alertPollMs`.
 */
export class IncidentAlerts {
  readonly bus: AlertBus;
  webhooks: WebhookDispatcher | undefined;
  private alertmanager: AlertmanagerNotifier | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  private constructor(private readonly options: IncidentAlertsOptions) {
    this.bus = new AlertBus((after, limit) => readEventsSince(options.db, after, limit));
  }

  /** Starts after the newest stored event; pending webhook deliveries resume at once. */
  static async start(options: IncidentAlertsOptions): Promise<IncidentAlerts> {
    const { db, config, logger } = options;
    const alerts = new IncidentAlerts(options);
    await alerts.prune();
    alerts.bus.startAfter(await latestEventSeq(db));
    if (config.webhookUrls.length > 0) {
      alerts.webhooks = await WebhookDispatcher.start(db, alerts.bus, {
        urls: config.webhookUrls,
        secret: config.webhookSecret,
        source: () => `${options.baseUrl()}/v1/incidents`,
        logId: await eventLogId(db),
        baseDelayMs: config.webhookBaseDelayMs,
        timeoutMs: config.webhookTimeoutMs,
        queueSize: config.webhookQueueSize,
        deadAfterMs: config.webhookDeadAfterMs,
        logger,
      });
    }
    if (config.alertmanagerUrl !== undefined) await alerts.startAlertmanager(config.alertmanagerUrl);
    alerts.timers.push(setInterval(() => void alerts.notify(), config.alertPollMs));
    alerts.timers.push(setInterval(() => void alerts.prune(), PRUNE_EVERY_MS));
    return alerts;
  }

  /** Reads newly committed events and hands them out; call after a write commits. */
  notify(): Promise<void> {
    return this.bus.notify();
  }

  /** Stops timers, webhooks (storing their state) and Alertmanager posts. */
  async close(): Promise<void> {
    this.timers.forEach(clearInterval);
    this.alertmanager?.close();
    await this.webhooks?.close();
  }

  private async startAlertmanager(url: string): Promise<void> {
    const open = (await listIncidents(this.options.db)).filter((i) => i.status === 'open');
    const notifier = new AlertmanagerNotifier(
      {
        url,
        incidentUrl: (id) => `${this.options.baseUrl()}/v1/incidents/${encodeURIComponent(id)}`,
        resendMs: this.options.config.alertmanagerResendMs,
        timeoutMs: this.options.config.webhookTimeoutMs,
        logger: this.options.logger,
      },
      open,
    );
    this.alertmanager = notifier;
    this.bus.subscribe((event) => notifier.onEvent(event));
  }

  private async prune(): Promise<void> {
    const days = this.options.config.eventRetentionDays;
    await this.options.db
      .write((conn) => pruneEvents(conn, days), { dataChange: false })
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'pruning the alert log failed'));
  }
}
