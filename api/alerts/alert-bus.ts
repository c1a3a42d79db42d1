import type { StoredEvent } from '../../domain/incident-event.js';

/** An incident event as it goes out: `seq` is the SSE `id:` and the CloudEvents id's number. */
export type AlertEvent = StoredEvent;

export type AlertListener = (event: AlertEvent) => void;

/** Reads stored events after a number, oldest first (the durable log). */
export type ReadEvents = (after: number, limit: number) => Promise<AlertEvent[]>;

const PAGE = 500;
/** Events kept in memory after publishing: readers close behind the bus never query the log. */
const RECENT = 1000;

/**
 * Fans the durable event log out to subscribers (SSE streams, webhooks, Alertmanager) in log
 * order. It reads the log after every committed write (`notify`) and on a timer, so events
 * written by any path reach every subscriber once each, in the order they were stored. The last
 * events it published are kept, so webhook endpoints and reconnecting streams that are only a
 * little behind are served from memory.
 */
export class AlertBus {
  private lastSeq = 0;
  private readonly listeners = new Set<AlertListener>();
  private pumping: Promise<void> = Promise.resolve();
  private readonly recent: AlertEvent[] = [];
  /** Every event after this number up to `lastSeq` is in `recent`. */
  private recentAfter = 0;

  constructor(private readonly read: ReadEvents) {}

  /** Starts after `seq` (the log's newest at start-up: older events are replayed on request only). */
  startAfter(seq: number): void {
    this.lastSeq = seq;
    this.recentAfter = seq;
    this.recent.length = 0;
  }

  /** The newest event handed to subscribers. */
  get seq(): number {
    return this.lastSeq;
  }

  /** Reads the log for events not yet published; pumps never overlap. */
  notify(): Promise<void> {
    this.pumping = this.pumping.then(() => this.pump());
    return this.pumping;
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stored events after `seq`, oldest first (SSE replay), read from the log. */
  since(seq: number, limit = PAGE): Promise<AlertEvent[]> {
    if (seq < this.recentAfter) return this.read(seq, limit);
    return Promise.resolve(this.recent.filter((event) => event.seq > seq).slice(0, limit));
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  private async pump(): Promise<void> {
    for (;;) {
      const events = await this.read(this.lastSeq, PAGE).catch(() => []);
      for (const event of events) this.publish(event);
      if (events.length < PAGE) return;
    }
  }

  private publish(event: AlertEvent): void {
    this.lastSeq = event.seq;
    this.recent.push(event);
    if (this.recent.length > RECENT) this.recentAfter = this.recent.shift()!.seq;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's own bug (e.g. a closed socket) must not keep the event from the rest.
      }
    }
  }
}
