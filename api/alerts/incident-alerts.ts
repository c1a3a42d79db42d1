import type { FastifyBaseLogger } from 'fastify';
import type { IncidentEvent } from '../services/ingest-service.js';
import { AlertBus } from './alert-bus.js';
import { ClosureTracker, type IncidentsSince } from './closure-tracker.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

export interface IncidentAlertsOptions {
  readIncidentsSince: IncidentsSince;
  webhookUrls: readonly string[];
  webhookSecret?: string;
  logger: FastifyBaseLogger;
}

/**
 * What ingest routes tell after a committed ingest: its incident events go to the bus (SSE) and
 * webhooks at once, then the incidents this process saw open are re-read to announce closings.
 */
export class IncidentAlerts {
  readonly bus = new AlertBus();
  private readonly webhooks: WebhookDispatcher | undefined;
  private readonly tracker: ClosureTracker;
  private closed = false;

  constructor(private readonly options: IncidentAlertsOptions) {
    this.tracker = new ClosureTracker(options.readIncidentsSince);
    if (options.webhookUrls.length > 0) {
      this.webhooks = new WebhookDispatcher({ urls: options.webhookUrls, ...(options.webhookSecret ? { secret: options.webhookSecret } : {}), logger: options.logger });
      this.bus.subscribe((event) => this.webhooks?.deliver(event));
    }
  }

  /** Publishes an ingest's events now; looks for closings in the background (never delays the answer). */
  announce(events: readonly IncidentEvent[] | undefined): void {
    if (this.closed) return;
    for (const event of events ?? []) this.publish(event);
    this.tracker.closedSince().then(
      (closed) => closed.forEach((incident) => !this.closed && this.publish({ type: 'incident.closed', incident })),
      (error: unknown) => this.options.logger.error({ err: error }, 'checking incidents for closing failed'),
    );
  }

  /** Stops webhooks and closing checks (the database is about to close). */
  close(): void {
    this.closed = true;
    this.webhooks?.close();
  }

  private publish(event: IncidentEvent): void {
    this.tracker.note(event.incident);
    this.bus.publish(event);
  }
}
