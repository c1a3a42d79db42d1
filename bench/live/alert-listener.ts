/** One SSE event as it arrived, with its arrival time (performance.now()). */
export interface ArrivedEvent {
  type: string;
  data: { complaint_ids?: string[] };
  at: number;
}

/**
 * Follows `/v1/alerts/stream` in the background and keeps every event with its arrival time,
 * so a POST can be timed to the event it causes.
 */
export class AlertListener {
  private readonly events: ArrivedEvent[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];

  private constructor() {}

  static async open(url: string): Promise<AlertListener> {
    const listener = new AlertListener();
    const response = await fetch(`${url}/v1/alerts/stream`, { signal: listener.controller.signal });
    if (!response.ok || response.body === null) throw new Error(`the alert stream answered ${response.status}`);
    void listener.read(response.body.getReader());
    return listener;
  }

  /** The first `type` event naming `complaintId` that arrived, waiting up to `timeoutMs`. */
  async waitFor(type: string, complaintId: string, timeoutMs = 10_000): Promise<ArrivedEvent | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.type === type && e.data.complaint_ids?.includes(complaintId));
      if (found || performance.now() > deadline) return found;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        const at = performance.now();
        for (const block of blocks) this.take(block, at);
      }
    } catch {
      // Aborted by close(), or the server went away.
    }
  }

  private take(block: string, at: number): void {
    const type = /^event: ?(.*)$/m.exec(block)?.[1];
    const data = block
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trim())
      .join('\n');
    if (type === undefined || data === '') return;
    this.events.push({ type, data: JSON.parse(data) as ArrivedEvent['data'], at });
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}
