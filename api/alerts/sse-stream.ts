import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AlertBus, AlertEvent } from './alert-bus.js';

export interface SseOptions {
  /** Headers already set on the reply (helmet, CORS), which a hijacked response would lose. */
  headers?: OutgoingHttpHeaders;
  heartbeatMs: number;
  /** Replays kept events after this id (the client's `Last-Event-ID`). */
  lastEventId?: number;
  /** Sends only events for which this holds. */
  accept: (event: AlertEvent) => boolean;
}

/** One open SSE response; `end()` closes it from the server side (shutdown). */
export interface SseStream {
  end: () => void;
  done: Promise<void>;
}

/**
 * Streams bus events to `res` as Server-Sent Events (`id:`, `event:` incident.opened|updated|closed,
 * `data:` the incident as JSON), with heartbeat comments, until the client goes or `end()` is called.
 * Subscriptions and timers are released either way.
 */
export function openSseStream(res: ServerResponse, bus: AlertBus, options: SseOptions): SseStream {
  res.writeHead(200, {
    ...options.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Reverse proxies (nginx) would otherwise buffer the stream and delay every alert.
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 3000\n: connected\n\n`);
  const send = (event: AlertEvent): void => {
    if (options.accept(event)) res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.incident)}\n\n`);
  };
  if (options.lastEventId !== undefined) bus.since(options.lastEventId).forEach(send);
  const unsubscribe = bus.subscribe(send);
  const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), options.heartbeatMs);
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = () => {
      unsubscribe();
      clearInterval(heartbeat);
      // An event stream's socket is never reused: closing it keeps a shutdown from waiting on it.
      res.socket?.destroySoon();
      resolve();
    };
  });
  res.once('close', release);
  return { end: () => res.end(release), done };
}
