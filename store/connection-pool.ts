import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * A few DuckDB connections, each lent to one caller at a time: the Node client must never
 * run two statements on one connection at once. One extra connection is kept for writes,
 * which are queued so that ingests never conflict with each other.
 */
export class ConnectionPool {
  private readonly idle: DuckDBConnection[];
  private readonly waiting: ((conn: DuckDBConnection) => void)[] = [];
  private writerQueue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private closed = false;

  private constructor(
    connections: DuckDBConnection[],
    private readonly writer: DuckDBConnection,
  ) {
    this.idle = connections;
  }

  static async create(instance: DuckDBInstance, size: number): Promise<ConnectionPool> {
    const connections: DuckDBConnection[] = [];
    for (let i = 0; i < Math.max(1, size); i += 1) connections.push(await instance.connect());
    return new ConnectionPool(connections, await instance.connect());
  }

  /** Lends a reader connection to `fn`, waiting for a free one. */
  async use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.acquire();
    this.busy += 1;
    try {
      return await fn(conn);
    } finally {
      this.busy -= 1;
      this.release(conn);
    }
  }

  /** Lends the writer connection to `fn` once every earlier write has finished. */
  useWriter<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.writerQueue.then(() => fn(this.writer));
    this.writerQueue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writerQueue;
    while (this.busy > 0) await new Promise((r) => setTimeout(r, 5));
    for (const conn of [...this.idle, this.writer]) conn.closeSync();
  }

  private acquire(): Promise<DuckDBConnection> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    const conn = this.idle.pop();
    if (conn) return Promise.resolve(conn);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(conn: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }
}
