import type { FastifyBaseLogger } from 'fastify';
import type { DeadLetter, EndpointState } from '../../analytics/alerts/webhook-deliveries.js';
import type { AlertBus, AlertEvent } from './alert-bus.js';
import { cloudEventOf, signedHeaders } from './cloud-event.js';
import { postWithDeadline } from './post-with-deadline.js';

const DAY_MS = 86_400_000;

/** Delivery settings shared by every endpoint. */
export interface DeliveryOptions {
  source: () => string;
  logId: string;
  key: Buffer | undefined;
  /** First retry delay; each later one doubles, up to `maxDelayMs`, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** Events of the log held in memory per endpoint; the rest wait in the log. */
  queueSize: number;
  /** Failing events are dead-lettered this long after they were stored (24 h). */
  deadAfterMs?: number;
  logger: FastifyBaseLogger;
  /** Called whenever the state changes (the dispatcher stores it in batches). */
  onChange: (state: EndpointState, dead?: DeadLetter) => void;
}

/**
 * Delivers the log to one webhook URL, in order: the next event is posted only once the one
 * before it got a 2xx or was dead-lettered. Failures are retried with exponential back-off and
 * jitter; a hanging endpoint only ever holds its own queue.
 */
export class WebhookEndpoint {
  private queue: AlertEvent[] = [];
  private wake: (() => void) | null = null;
  /** Set by `poke` since the log was last read: a wake-up that came while busy is not lost. */
  private poked = false;
  private readonly controller = new AbortController();
  readonly done: Promise<void>;

  constructor(
    private state: EndpointState,
    private readonly bus: AlertBus,
    private readonly options: DeliveryOptions,
  ) {
    // A restart retries what was pending at once rather than after a long stored back-off.
    if (state.nextAttemptAt !== null) this.state = { ...state, nextAttemptAt: new Date() };
    this.done = this.run();
  }

  /** A new event is in the log. */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  close(): void {
    this.controller.abort();
    this.wake?.();
  }

  private get closed(): boolean {
    return this.controller.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      const head = await this.next();
      if (head === undefined) {
        if (!this.poked) await this.sleep(5_000);
        continue;
      }
      const wait = (this.state.nextAttemptAt?.getTime() ?? 0) - Date.now();
      if (wait > 0) await this.sleep(wait);
      else await this.attempt(head);
    }
  }

  private async next(): Promise<AlertEvent | undefined> {
    if (this.queue.length === 0) {
      this.poked = false;
      this.queue = await this.bus.since(this.state.delivered, this.options.queueSize).catch(() => []);
    }
    return this.queue[0];
  }

  private async attempt(event: AlertEvent): Promise<void> {
    const error = await this.post(event);
    if (this.closed) return;
    if (error === null) return this.advance(event, undefined);
    const now = new Date();
    const attempts = this.state.attempts + 1;
    const firstAttemptAt = this.state.firstAttemptAt ?? now;
    if (now.getTime() - Date.parse(event.at) >= (this.options.deadAfterMs ?? DAY_MS)) {
      const { endpoint } = this.state;
      this.options.logger.warn({ endpoint, seq: event.seq, attempts, error }, 'webhook event dead-lettered');
      return this.advance(event, { endpoint, seq: event.seq, attempts, firstAttemptAt, lastError: error });
    }
    const { maxDelayMs, baseDelayMs } = this.options;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
    const nextAttemptAt = new Date(now.getTime() + delay);
    this.state = { ...this.state, attempts, firstAttemptAt, nextAttemptAt, lastError: error };
    this.options.onChange(this.state);
  }

  private advance(event: AlertEvent, dead: DeadLetter | undefined): void {
    this.queue.shift();
    const cleared = { attempts: 0, firstAttemptAt: null, nextAttemptAt: null, lastError: null };
    this.state = { ...this.state, ...cleared, delivered: event.seq };
    this.options.onChange(this.state, dead);
  }

  /** One POST; null on a 2xx, else what went wrong. */
  private async post(event: AlertEvent): Promise<string | null> {
    const message = cloudEventOf(event, this.options.source(), this.options.logId);
    const headers = signedHeaders(message, this.options.key, new Date());
    const { timeoutMs } = this.options;
    try {
      const status = await postWithDeadline(this.state.endpoint, {
        headers,
        body: message.body,
        timeoutMs,
        signal: this.controller.signal,
      });
      return status >= 200 && status < 300 ? null : `HTTP ${status}`;
    } catch (error) {
      // node:http names the reason (ECONNREFUSED, a DNS error) in the message itself.
      return error instanceof Error ? error.message : String(error);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
