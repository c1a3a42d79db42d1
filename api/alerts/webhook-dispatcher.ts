import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AlertEvent } from './alert-bus.js';

export interface WebhookOptions {
  urls: readonly string[];
  /** When set, each post carries `x-cellpulse-signature: sha256=<hex HMAC of the body>`. */
  secret?: string;
  maxAttempts?: number;
  /** First retry delay; each further retry doubles it (with ±20 % jitter). */
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Deliveries waiting or running beyond this are dropped (logged), so memory stays bounded. */
  maxPending?: number;
  logger: FastifyBaseLogger;
}

/**
 * Posts alert events to configured URLs in the background: retries failures (network errors,
 * 408, 429, 5xx) with exponential back-off, never delays the ingest that raised the event.
 */
export class WebhookDispatcher {
  private readonly controller = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending = 0;

  constructor(private readonly options: WebhookOptions) {}

  /** Queues one delivery per URL and returns at once. */
  deliver(event: AlertEvent): void {
    const body = JSON.stringify({ type: event.type, id: event.id, at: event.at, incident: event.incident });
    for (const url of this.options.urls) {
      if (this.pending >= (this.options.maxPending ?? 1000)) {
        this.options.logger.warn({ url, event: event.type }, 'webhook backlog full; event dropped');
        continue;
      }
      this.pending += 1;
      void this.attempt(url, body, 1);
    }
  }

  /** Cancels waiting retries and running posts (server shutdown). */
  close(): void {
    this.controller.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(url: string, body: string, attempt: number): Promise<void> {
    const outcome = await this.post(url, body);
    const maxAttempts = this.options.maxAttempts ?? 5;
    if (outcome === 'ok' || outcome === 'give-up' || attempt >= maxAttempts || this.controller.signal.aborted) {
      if (outcome !== 'ok') this.options.logger.warn({ url, attempt, outcome }, 'webhook delivery failed');
      this.pending -= 1;
      return;
    }
    const delay = (this.options.baseDelayMs ?? 500) * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(url, body, attempt + 1);
    }, delay);
    this.timers.add(timer);
  }

  private async post(url: string, body: string): Promise<'ok' | 'retry' | 'give-up'> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'cellpulse-webhook' };
    if (this.options.secret) headers['x-cellpulse-signature'] = `sha256=${createHmac('sha256', this.options.secret).update(body).digest('hex')}`;
    try {
      const signal = AbortSignal.any([this.controller.signal, AbortSignal.timeout(this.options.timeoutMs ?? 5000)]);
      const response = await fetch(url, { method: 'POST', headers, body, signal });
      await response.body?.cancel();
      if (response.ok) return 'ok';
      return response.status === 408 || response.status === 429 || response.status >= 500 ? 'retry' : 'give-up';
    } catch {
      return 'retry';
    }
  }
}
