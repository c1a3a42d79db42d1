import type { FastifyBaseLogger } from 'fastify';
import {
  loadEndpointStates,
  saveDeliveryState,
  type DeadLetter,
  type EndpointState,
} from '../../analytics/alerts/webhook-deliveries.js';
import type { Database } from '../../store/database.js';
import type { AlertBus } from './alert-bus.js';
import { webhookKey } from './cloud-event.js';
import { WebhookEndpoint, type DeliveryOptions } from './webhook-endpoint.js';

export interface WebhookOptions {
  urls: readonly string[];
  /** Standard Webhooks secret (`whsec_` + base64, or any text used as is); unsigned without one. */
  secret?: string | undefined;
  source: () => string;
  logId: string;
  baseDelayMs: number;
  timeoutMs: number;
  queueSize: number;
  /** How often changed delivery state is written (one transaction for every endpoint). */
  flushMs?: number;
  deadAfterMs?: number;
  logger: FastifyBaseLogger;
}

/**
 * Webhook delivery from the durable log: one `WebhookEndpoint` per URL, resumed where the stored
 * state left it. Their state is written in batches, off the ingest's path, without bumping the
 * data version: a crash between a delivery and its record means a repeat (at least once).
 */
export class WebhookDispatcher {
  private readonly endpoints: WebhookEndpoint[] = [];
  private readonly dirty = new Map<string, EndpointState>();
  private dead: DeadLetter[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: () => void = () => undefined;

  private constructor(private readonly db: Database) {}

  /** Loads (or creates) every endpoint's state and starts delivering at once. */
  static async start(db: Database, bus: AlertBus, options: WebhookOptions): Promise<WebhookDispatcher> {
    const dispatcher = new WebhookDispatcher(db);
    const delivery: DeliveryOptions = {
      source: options.source,
      logId: options.logId,
      key: options.secret ? webhookKey(options.secret) : undefined,
      baseDelayMs: options.baseDelayMs,
      maxDelayMs: 5 * 60_000,
      timeoutMs: options.timeoutMs,
      queueSize: options.queueSize,
      ...(options.deadAfterMs === undefined ? {} : { deadAfterMs: options.deadAfterMs }),
      logger: options.logger,
      onChange: (state, dead) => dispatcher.changed(state, dead),
    };
    for (const state of await loadEndpointStates(db, options.urls)) {
      dispatcher.endpoints.push(new WebhookEndpoint(state, bus, delivery));
    }
    dispatcher.unsubscribe = bus.subscribe(() => dispatcher.endpoints.forEach((e) => e.poke()));
    dispatcher.timer = setInterval(() => void dispatcher.flush(), options.flushMs ?? 1000);
    return dispatcher;
  }

  /** Writes changed delivery state now (before listing deliveries, and on shutdown). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const states = [...this.dirty.values()];
      const dead = this.dead;
      this.dirty.clear();
      this.dead = [];
      await saveDeliveryState(this.db, states, dead).catch(() => {
        for (const s of states) if (!this.dirty.has(s.endpoint)) this.dirty.set(s.endpoint, s);
        this.dead.push(...dead);
      });
    });
    return this.flushing;
  }

  /** Stops every endpoint (running posts are aborted) and writes their last state. */
  async close(): Promise<void> {
    this.unsubscribe();
    clearInterval(this.timer);
    this.endpoints.forEach((e) => e.close());
    await Promise.all(this.endpoints.map((e) => e.done));
    await this.flush();
  }

  private changed(state: EndpointState, dead: DeadLetter | undefined): void {
    this.dirty.set(state.endpoint, state);
    if (dead) this.dead.push(dead);
  }
}
