import { INCIDENT_EVENT_TYPES } from '../../../domain/vocabulary';
import { authHeaders } from './api-client';
import type { Incident } from './api-types';

/** The incident events of the stream (the dashboard follows no scan signal there). */
export type AlertKind = Exclude<(typeof INCIDENT_EVENT_TYPES)[number], 'signal.detected'>;

export interface AlertHandlers {
  onAlert: (kind: AlertKind, incident: Incident) => void;
  onStatus: (connected: boolean) => void;
}

const RETRY_MS = 3000;
const KINDS: readonly string[] = INCIDENT_EVENT_TYPES.filter((type) => type.startsWith('incident.'));

/**
 * Follows `/v1/alerts/stream`. Read with fetch rather than EventSource, because EventSource
 * cannot send the `x-api-key` header a server with read keys needs; reconnects after a drop
 * with `Last-Event-ID`, so the server replays what was missed.
 */
export class AlertStream {
  private lastEventId: string | null = null;
  private stopped = false;
  private controller: AbortController | null = null;

  constructor(private readonly handlers: AlertHandlers) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch {
        // a dropped connection or a refused request: wait and try again
      }
      this.handlers.onStatus(false);
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  private async follow(): Promise<void> {
    this.controller = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream', ...authHeaders() };
    if (this.lastEventId !== null) headers['last-event-id'] = this.lastEventId;
    const response = await fetch('v1/alerts/stream', { headers, signal: this.controller.signal, cache: 'no-store' });
    if (!response.ok || response.body === null) return;
    this.handlers.onStatus(true);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replaceAll('\r\n', '\n');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  }

  /** One SSE event block: `event:`, `data:` (possibly several lines) and `id:` fields; comments start with `:`. */
  private dispatch(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') this.lastEventId = value;
    }
    if (!KINDS.includes(event) || data.length === 0) return;
    try {
      this.handlers.onAlert(event as AlertKind, JSON.parse(data.join('\n')) as Incident);
    } catch {
      // a malformed event is skipped; the next one may be fine
    }
  }
}
