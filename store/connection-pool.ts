import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CellpulseError } from '../domain/errors.js';

/** A caller waiting for a reader connection, first come first served. */
interface Waiter {
  resolve: (conn: DuckDBConnection) => void;
  reject: (error: Error) => void;
}

/**
 * DuckDB connections, each lent to one caller at a time: the Node client must never run two
 * statements on one connection at once. Readers get their own connections (DuckDB's MVCC: a read
 * sees the last committed data and is never blocked by the write running on another connection);
 * there are a bounded number of them, so a room of readers queues fairly instead of thrashing the
 * cores. One extra connection is kept for writes, which are queued so ingests never conflict.
 */
export class ConnectionPool {
  private readonly idle: DuckDBConnection[];
  private readonly waiting: Waiter[] = [];
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

  /**
   * Lends a reader connection to `fn`, waiting for a free one. With `timeoutMs`, a caller still
   * waiting or running after that long gets a 503 `query_timeout` at once: its statement is
   * interrupted and the connection returns to the pool when the statement has stopped.
   * @throws CellpulseError query_timeout
   */
  async use<T>(fn: (conn: DuckDBConnection) => Promise<T>, timeoutMs?: number): Promise<T> {
    if (timeoutMs === undefined) return this.lend(await this.acquire(), fn);
    let timer: NodeJS.Timeout | undefined;
    let conn: DuckDBConnection | undefined;
    let expired = false;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        conn?.interrupt();
        reject(timeoutError(timeoutMs));
      }, timeoutMs);
    });
    const run = this.acquire().then((lent) => {
      if (expired) return this.lend(lent, async () => Promise.reject(timeoutError(timeoutMs)));
      conn = lent;
      return this.lend(lent, fn);
    });
    run.catch(() => undefined);
    try {
      return await Promise.race([run, expiry]);
    } finally {
      clearTimeout(timer);
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
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('the database is closed'));
    await this.writerQueue;
    while (this.busy > 0) await new Promise((r) => setTimeout(r, 5));
    for (const conn of [...this.idle, this.writer]) conn.closeSync();
  }

  private async lend<T>(conn: DuckDBConnection, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await fn(conn);
    } finally {
      this.busy -= 1;
      this.release(conn);
    }
  }

  private acquire(): Promise<DuckDBConnection> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    const conn = this.idle.pop();
    if (conn) return Promise.resolve(conn);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(conn: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next.resolve(conn);
    else this.idle.push(conn);
  }
}

function timeoutError(ms: number): CellpulseError {
  return new CellpulseError(
    'query_timeout',
    `the query took longer than ${ms} ms and was stopped; narrow it (a shorter period, a city) or retry later`,
  );
}
