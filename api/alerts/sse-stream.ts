import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AlertBus, AlertEvent } from './alert-bus.js';

export interface SseOptions {
  /** Headers already set on the reply (helmet, CORS), which a hijacked response would lose. */
  headers?: OutgoingHttpHeaders;
  heartbeatMs: number;
  /** Replays stored events after this number (the client's `Last-Event-ID` or `?since=`). */
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
 * Streams events to `res` as Server-Sent Events (`id:` the log number, `event:` the type,
 * `data:` the incident as JSON), with heartbeat comments, until the client goes or `end()` is
 * called. With `lastEventId`, every stored event after it comes first, then live ones: live
 * events are held while the log is replayed, and each number is sent once, in order.
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
  let sent = options.lastEventId ?? Number.POSITIVE_INFINITY;
  let held: AlertEvent[] | null = options.lastEventId === undefined ? null : [];
  const send = (event: AlertEvent): void => {
    if (sent !== Number.POSITIVE_INFINITY && event.seq <= sent) return;
    sent = event.seq;
    if (!options.accept(event)) return;
    res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event.incident)}\n\n`);
  };
  const unsubscribe = bus.subscribe((event) => (held === null ? send(event) : held.push(event)));
  const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), options.heartbeatMs);
  if (options.lastEventId !== undefined) {
    void replay(bus, options.lastEventId, send).finally(() => {
      const live = held ?? [];
      held = null;
      live.forEach(send);
    });
  }
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

/** Sends every stored event after `after`, page by page. */
async function replay(bus: AlertBus, after: number, send: (event: AlertEvent) => void): Promise<void> {
  for (let from = after; ; ) {
    const page = await bus.since(from);
    page.forEach(send);
    if (page.length === 0) return;
    from = page[page.length - 1]!.seq;
  }
}
