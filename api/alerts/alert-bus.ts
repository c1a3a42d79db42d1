import type { IncidentEvent } from '../services/ingest-service.js';

/** An incident event as it goes out: numbered for SSE `id:` lines and `Last-Event-ID` replay. */
export interface AlertEvent extends IncidentEvent {
  id: number;
  /** When it was published, ISO-8601. */
  at: string;
}

export type AlertListener = (event: AlertEvent) => void;

/**
 * The in-process bus between ingest routes (publishers) and SSE streams and webhooks
 * (subscribers). Keeps the last `replay` events so a reconnecting client misses nothing.
 */
export class AlertBus {
  private seq = 0;
  private readonly listeners = new Set<AlertListener>();
  private readonly recent: AlertEvent[] = [];

  constructor(private readonly replay = 200) {}

  /** Numbers the event and hands it to every subscriber; a failing subscriber never stops the others. */
  publish(event: IncidentEvent): AlertEvent {
    const out: AlertEvent = { id: (this.seq += 1), at: new Date().toISOString(), ...event };
    this.recent.push(out);
    if (this.recent.length > this.replay) this.recent.shift();
    for (const listener of this.listeners) {
      try {
        listener(out);
      } catch {
        // A subscriber's own bug (e.g. a closed socket) must not keep the event from the rest.
      }
    }
    return out;
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Kept events published after event `lastId`, oldest first. */
  since(lastId: number): AlertEvent[] {
    return this.recent.filter((event) => event.id > lastId);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
