import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CellpulseError } from '../domain/errors.js';
import { lockErrorToCellpulse } from './lock-error.js';
import { assertSameSettings, DatabaseSettings, DEFAULT_SETTINGS, SETTING_KEYS } from './settings.js';
import { ConnectionPool } from './connection-pool.js';
import { readRows, readValue, type Params, type Row } from './row-reader.js';
import { quoteLiteral } from './sql-files.js';
import { ALL_TIME, ChangeLog, type TimeSpan } from './change-log.js';
import { runPrepared } from './prepared-statements.js';
import { UnderwayCount } from './underway-count.js';

export type { Params, Row } from './row-reader.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Quiet time after the last write before the WAL is folded into the file. A restart after a
 * crash replays the WAL (and loads the indexes its rows touch), so keeping it empty whenever
 * writes pause keeps start-up flat however much history the file holds.
 */
const IDLE_CHECKPOINT_MS = 1000;
/** DuckDB's own checkpoint under steady writes (default 16 MB): bounds the replay after a kill. */
const CHECKPOINT_THRESHOLD = '8MB';

export interface OpenOptions {
  /** Settings for a new database; on an existing one they must match the stored ones. */
  settings?: Partial<DatabaseSettings>;
  /**
   * Reader connections (default: one fewer than libuv's threads, 3): a room of dashboards reads at
   * once, each read on its own connection; more wait their turn in order rather than thrash the cores.
   */
  poolSize?: number;
  /** A read waiting or running longer is stopped with a 503 `query_timeout` (default 0: never; the server sets one). */
  queryTimeoutMs?: number;
}

/**
 * What a write can change, so that a cached answer depends only on what it read: a route that
 * reads rates depends on complaints, subscribers and targets, and a new site leaves it valid.
 * `newest` is the newest complaint's received_at (what incident status and default KPI judgement
 * are relative to): its span is the stretch it moved over.
 */
export const DATA_TOPICS = [
  'complaints',
  'incidents',
  'newest',
  'sites',
  'subscribers',
  'events',
  'targets',
  'runs',
] as const;
export type DataTopic = (typeof DATA_TOPICS)[number];

/** Per topic, a span of time (epoch ms): what a write changed, or what an answer read. */
export type TopicSpans = Partial<Record<DataTopic, TimeSpan | null>>;

/**
 * Every DuckDB call of the Node client runs on libuv's thread pool (UV_THREADPOOL_SIZE, default 4).
 * Readers are kept one fewer than its threads, so the writer always finds a thread free and a
 * room of dashboards never queues a POST behind its reads; more readers would only share the cores.
 */
const DEFAULT_POOL_SIZE = Math.max(1, (Number(process.env.UV_THREADPOOL_SIZE) || 4) - 1);

/** How a write counts (see `Database.write`). */
export interface WriteOptions {
  dataChange?: boolean;
  touches?: readonly DataTopic[];
  /**
   * Called at commit: for touched topics, the span of time the write changed (null: nothing dated);
   * a touched topic left out changed anything. Answers over other spans keep their tags.
   */
  changed?: () => TopicSpans;
  /** Called before the commit: stored settings (existing keys) to update in the statement that bumps the version. */
  settings?: () => Readonly<Record<string, string>>;
  afterCommit?: () => void;
}

/**
 * The one owner of a DuckDB file's lifecycle: opens it (creating and migrating it when new),
 * applies its stored settings (H3 resolution, time zone) to every connection, hands out
 * connections one statement-runner at a time, serialises writes and closes it cleanly.
 */
export class Database {
  private dataVersionValue = 0;
  private checkpointTimer: NodeJS.Timeout | undefined;
  /** Per topic, the recent writes that touched it and what span of time each changed. */
  private readonly changeLogs = new Map<DataTopic, ChangeLog>();
  private queryTimeoutMs: number | undefined;
  /** Writes waiting for the writer or running: while any is, the writer is not idle. */
  private readonly writesUnderway = new UnderwayCount();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly pool: ConnectionPool,
    readonly settings: DatabaseSettings,
  ) {}

  /** Opens (or creates) a database file. @throws CellpulseError on a settings mismatch. */
  static async open(path: string, options: OpenOptions = {}): Promise<Database> {
    const asked = DatabaseSettings.partial().parse(options.settings ?? {});
    const isNew = path === ':memory:' || !existsSync(path);
    const instance = await DuckDBInstance.create(path).catch((error: unknown) => {
      throw lockErrorToCellpulse(error, path);
    });
    const bootstrap = await instance.connect();
    try {
      // Migrations that build local-day aggregates from existing data need the database's zone.
      if (!isNew) await useStoredTimeZone(bootstrap);
      await migrate(bootstrap);
      const settings = isNew ? await storeSettings(bootstrap, asked) : await readSettings(bootstrap);
      if (!isNew) assertSameSettings(settings, asked);
      await bootstrap.run(`SET GLOBAL TimeZone = ${quoteLiteral(settings.timeZone)}`);
      await bootstrap.run(`SET GLOBAL checkpoint_threshold = '${CHECKPOINT_THRESHOLD}'`);
      const pool = await ConnectionPool.create(instance, options.poolSize ?? DEFAULT_POOL_SIZE);
      const db = new Database(path, instance, pool, settings);
      db.setQueryTimeout(options.queryTimeoutMs ?? 0);
      db.dataVersionValue = await readDataVersion(bootstrap);
      for (const topic of DATA_TOPICS) db.changeLogs.set(topic, new ChangeLog(db.dataVersionValue));
      return db;
    } catch (error) {
      instance.closeSync();
      throw error;
    } finally {
      bootstrap.closeSync();
    }
  }

  /** A counter bumped by every committed ingest; read routes tie their ETag to it. */
  get dataVersion(): number {
    return this.dataVersionValue;
  }

  /**
   * A tag of the state of the given topics (all when none are given): the data version of the last
   * write that touched one of them — within `spans[topic]` when the answer reads only that span of
   * the topic. It changes whenever such a write commits and, the data version being stored, never
   * repeats across restarts. Cache keys and ETags use it.
   */
  versionOf(topics?: readonly DataTopic[], spans: TopicSpans = {}): string {
    if (topics === undefined) return `v${this.dataVersionValue}`;
    return `v${Math.max(0, ...topics.map((t) => this.lastChangeOf(t, spans[t] ?? undefined)))}`;
  }

  /** The data version of the last write that touched `topic` (within `span`; the version at open before). */
  lastChangeOf(topic: DataTopic, span?: TimeSpan): number {
    return this.changeLogs.get(topic)?.lastChangeIn(span) ?? this.dataVersionValue;
  }

  /** Settles at once when no write is waiting or running, else when the last of them ends. */
  whenNoWrite(): Promise<void> {
    return this.writesUnderway.idle();
  }

  /** Whether a write is waiting for the writer or running. */
  get writing(): boolean {
    return this.writesUnderway.size > 0;
  }

  /** Stops reads that wait and run longer than `ms` (0: never). */
  setQueryTimeout(ms: number): void {
    this.queryTimeoutMs = ms > 0 ? ms : undefined;
  }

  /**
   * Runs `fn` with a reader connection nobody else uses meanwhile (it sees committed data only).
   * @throws CellpulseError query_timeout when it waits and runs past the query timeout.
   */
  use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.pool.use(fn, this.queryTimeoutMs);
  }

  /** Runs a query and returns its rows decoded once (`decodeValue`: no bigint, timestamps as ISO text). */
  async all<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.use((conn) => readRows<T>(conn, sql, params));
  }

  /**
   * Runs `fn` inside one transaction on a dedicated connection, with writes serialised:
   * either everything `fn` wrote is committed or none of it is. Bumps the data version unless
   * `dataChange` is false (bookkeeping that no read route shows, e.g. webhook delivery state), and
   * the versions of the topics it `touches` (by default all: say less only when sure). `afterCommit`
   * runs at once after the commit, before any later write starts: for state held in memory that
   * follows the committed data (it must not throw).
   */
  async write<T>(fn: (conn: DuckDBConnection) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    // A write waiting or running is no idle time: a checkpoint queued now would hold the next write back.
    this.writesUnderway.begin();
    clearTimeout(this.checkpointTimer);
    return this.pool.useWriter(async (conn) => {
      try {
        return await this.inTransaction(conn, fn, options);
      } finally {
        this.writesUnderway.end();
        this.checkpointWhenIdle();
      }
    });
  }

  private async inTransaction<T>(
    conn: DuckDBConnection,
    fn: (conn: DuckDBConnection) => Promise<T>,
    { dataChange = true, touches = DATA_TOPICS, changed, settings, afterCommit }: WriteOptions,
  ): Promise<T> {
    await conn.run('BEGIN TRANSACTION');
    try {
      const result = await fn(conn);
      if (dataChange) await bumpDataVersion(conn, settings?.() ?? {});
      await conn.run('COMMIT');
      if (dataChange) this.recordChange(touches, changed?.() ?? {});
      afterCommit?.();
      return result;
    } catch (error) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** A write committed: the next data version, tagged on every topic it touched with the span it changed. */
  private recordChange(touches: readonly DataTopic[], spans: TopicSpans): void {
    this.dataVersionValue += 1;
    for (const topic of touches) {
      const span = spans[topic];
      this.changeLogs.get(topic)?.record(this.dataVersionValue, span === undefined ? ALL_TIME : span);
    }
  }

  /** Waits for running statements, then closes every connection and the file. */
  async close(): Promise<void> {
    clearTimeout(this.checkpointTimer);
    await this.pool.close();
    this.instance.closeSync();
  }

  /**
   * Checkpoints once writes have paused for IDLE_CHECKPOINT_MS, through the writer queue so it
   * never meets a write half-way; a failed or skipped checkpoint is retried after the next write.
   */
  private checkpointWhenIdle(): void {
    clearTimeout(this.checkpointTimer);
    if (this.writesUnderway.size > 0) return; // the last of them arms the timer when it ends
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      this.pool.useWriter((conn) => conn.run('CHECKPOINT')).catch(() => undefined);
    }, IDLE_CHECKPOINT_MS);
    // A CLI ingest exits at once; closing the file checkpoints anyway.
    this.checkpointTimer.unref();
  }
}

async function migrate(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)',
  );
  const done = new Set(
    (await readRows<{ version: number }>(conn, 'SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+-.*\.sql$/.test(f))
    .sort();
  for (const file of files) {
    const version = Number.parseInt(file, 10);
    if (done.has(version)) continue;
    await conn.run('BEGIN TRANSACTION');
    await conn.run(readFileSync(MIGRATIONS_DIR + file, 'utf8'));
    await conn.run('INSERT INTO schema_migrations VALUES ($v, $n, now())', { v: version, n: file });
    await conn.run('COMMIT');
  }
}

async function storeSettings(conn: DuckDBConnection, asked: Partial<DatabaseSettings>): Promise<DatabaseSettings> {
  const settings = DatabaseSettings.parse({
    h3Resolution: asked.h3Resolution ?? DEFAULT_SETTINGS.h3Resolution,
    timeZone: asked.timeZone ?? DEFAULT_SETTINGS.timeZone,
  });
  const rows: [string, string][] = [
    [SETTING_KEYS.h3Resolution, String(settings.h3Resolution)],
    [SETTING_KEYS.timeZone, settings.timeZone],
    ['data_version', '0'],
  ];
  for (const [key, value] of rows) {
    await conn.run('INSERT OR REPLACE INTO settings VALUES ($key, $value)', { key, value });
  }
  return settings;
}

async function readSettings(conn: DuckDBConnection): Promise<DatabaseSettings> {
  const rows = await readRows<{ key: string; value: string }>(conn, 'SELECT key, value FROM settings');
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const res = byKey.get(SETTING_KEYS.h3Resolution);
  const tz = byKey.get(SETTING_KEYS.timeZone);
  if (res === undefined || tz === undefined) {
    throw new CellpulseError('bad_request', 'this file is not a cellpulse database (its settings are missing)');
  }
  return DatabaseSettings.parse({ h3Resolution: Number(res), timeZone: tz });
}

async function useStoredTimeZone(conn: DuckDBConnection): Promise<void> {
  // A file without the settings table yet (an empty or foreign file) keeps the default zone.
  const read = readValue(conn, 'SELECT value FROM settings WHERE key = $key', { key: SETTING_KEYS.timeZone });
  const zone = await read.catch(() => undefined);
  if (typeof zone === 'string') await conn.run(`SET TimeZone = ${quoteLiteral(zone)}`);
}

/**
 * Bumps the stored data version and sets `also` (settings that exist) in the same statement:
 * every write runs it, so it is prepared once per connection and carries a write's own settings.
 */
async function bumpDataVersion(conn: DuckDBConnection, also: Readonly<Record<string, string>>): Promise<void> {
  const keys = Object.keys(also);
  const bump = 'CAST(CAST(value AS BIGINT) + 1 AS VARCHAR)';
  const value =
    keys.length === 0 ? bump : `CASE key ${keys.map((_, i) => `WHEN $k${i} THEN $v${i}`).join(' ')} ELSE ${bump} END`;
  const params = Object.fromEntries(
    keys.flatMap((key, i) => [
      [`k${i}`, key],
      [`v${i}`, also[key]!],
    ]),
  );
  const others = keys.map((_, i) => `, $k${i}`).join('');
  await runPrepared(conn, `UPDATE settings SET value = ${value} WHERE key IN ('data_version'${others})`, params);
}

/** The data version stored in `conn`'s snapshot (what every write bumps). */
export async function readDataVersion(conn: DuckDBConnection): Promise<number> {
  // The version is kept as text in the settings table (key/value VARCHAR).
  return Number((await readValue(conn, `SELECT value FROM settings WHERE key = 'data_version'`)) ?? 0);
}
