import type { DuckDBConnection } from '@duckdb/node-api';
import { readDataVersion, type Database } from './database.js';

/** A live write's view of held state, taken at its start in the writer's queue. */
export interface StateTaken<S> {
  /** The state to use, or undefined while it loads (then the caller asks the store). */
  state: S | undefined;
  /** The data version of the last write of complaints before this one. */
  prior: number;
}

/** A committed live write's change to the state. */
interface VersionedChange<C> {
  prior: number;
  version: number;
  change: C;
}

/**
 * State a server holds in memory for its database, derived from the stored complaints and kept in
 * step with every committed write: live writes apply their own change (`afterLiveWrite`); any other
 * write of complaints (a file ingest) makes it reload in the background (`reload`) on a reader
 * connection, so no request waits for it. The load reads the data version in the same snapshot, and
 * the live writes that commit meanwhile are applied on top once it is done. Until then a live write
 * takes no state and asks the store, so every answer stays exact.
 */
export class HeldState<S, C> {
  private state: S | undefined;
  /** The data version the state holds: every write of complaints up to it, none after. */
  private version = -1;
  private loading: Promise<void> | undefined;
  /** A write of complaints the running load may have missed: load again when it ends. */
  private stale = false;
  private readonly missed: VersionedChange<C>[] = [];

  constructor(
    protected readonly db: Database,
    private readonly read: (conn: DuckDBConnection) => Promise<S>,
    private readonly apply: (state: S, change: C) => void,
  ) {}

  /** Call at a live write's start, in the writer's queue; starts a reload when the state is behind. */
  takeState(): StateTaken<S> {
    const prior = this.db.lastChangeOf('complaints');
    if (this.loading) return { state: undefined, prior };
    if (this.state && this.version >= prior) return { state: this.state, prior };
    void this.reload();
    return { state: undefined, prior };
  }

  /** Right after a live write committed (the data version is its own): its change applies. */
  committedLive(prior: number, change: C): void {
    const versioned = { prior, version: this.db.dataVersion, change };
    if (this.loading) this.missed.push(versioned);
    else this.applyChange(versioned);
  }

  /**
   * Loads the state again in the background (after a write of complaints other than a live one);
   * resolves once it is held. During a load, it asks for another after it: that write may be missed.
   */
  reload(): Promise<void> {
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    this.loading = this.load()
      .catch(() => undefined) // a failed load leaves the state behind: the next live write starts another
      .finally(() => {
        this.loading = undefined;
        if (this.stale) void this.reload();
      });
    return this.loading;
  }

  /** Loads the state on the writer's connection, in its queue (no write commits meanwhile): at start-up. */
  async loadInWriter(conn: DuckDBConnection): Promise<void> {
    await this.idle();
    [this.state, this.version] = [await this.read(conn), this.db.dataVersion];
  }

  /** Resolves once no load is running (nor one asked for after it). */
  async idle(): Promise<void> {
    while (this.loading) await this.loading;
  }

  private async load(): Promise<void> {
    this.stale = false;
    this.missed.length = 0;
    const { state, version } = await this.db.use(async (conn) => {
      // One snapshot for both reads: the state is that of exactly this data version.
      await conn.run('BEGIN TRANSACTION');
      try {
        return { version: await readDataVersion(conn), state: await this.read(conn) };
      } finally {
        await conn.run('ROLLBACK');
      }
    });
    if (this.stale) return;
    [this.state, this.version] = [state, version];
    for (const change of this.missed.splice(0)) if (change.version > version) this.applyChange(change);
  }

  private applyChange({ prior, version, change }: VersionedChange<C>): void {
    // The state must hold every write of complaints before this one.
    if (!this.state || this.version < prior) return;
    this.apply(this.state, change);
    this.version = version;
  }
}
