export interface SseEvent {
  event: string;
  id?: string | undefined;
  data: string;
}

export interface SseClient {
  events: SseEvent[];
  ready: Promise<void>;
  waitFor: (pred: (e: SseEvent) => boolean, ms: number) => Promise<SseEvent>;
  close: () => void;
}

/** A minimal SSE client over fetch: parses events off the body stream as they arrive. */
export function sseClient(url: string, headers: Record<string, string> = {}): SseClient {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void (async () => {
    try {
      const response = await fetch(url, { signal: controller.signal, headers });
      markReady();
      const decoder = new TextDecoder();
      let buffer = '';
      const body = response.body!.getReader();
      for (let chunk = await body.read(); !chunk.done; chunk = await body.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':'));
          const fields = Object.fromEntries(
            lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]),
          );
          if (fields.event) events.push({ event: fields.event, id: fields.id, data: fields.data ?? '' });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  const waitFor = (pred: (e: SseEvent) => boolean, ms: number): Promise<SseEvent> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching event within ${ms} ms; got ${events.map((e) => e.event).join(', ')}`)),
        ms,
      );
      const check = (): void => {
        const hit = events.find(pred);
        if (hit) {
          clearTimeout(timer);
          resolve(hit);
        } else waiters.push(check);
      };
      check();
    });
  return { events, ready, waitFor, close: () => controller.abort() };
}
