import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { Database } from '../../store/database.js';
import type { DatabaseSettings } from '../../store/settings.js';

/** Settings every ingest test pins unless it says otherwise: the default resolution and zone, spelled out. */
export const TEST_SETTINGS: DatabaseSettings = { h3Resolution: 8, timeZone: 'Asia/Shanghai' };

export interface TmpDb {
  db: Database;
  /** A fresh directory beside the database file, for fixtures; removed by `cleanup`. */
  dir: string;
  path: string;
  /** Closes the database and opens the same file again (settings come from the file). */
  reopen(): Promise<Database>;
  /** Closes the database (if open) and removes the directory. */
  cleanup(): Promise<void>;
}

/** A temp directory that the caller removes (or `removeDir`). */
export function makeTmpDir(prefix = 'cellpulse-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Opens a new DuckDB file in a temp directory with pinned settings. */
export async function openTmpDb(
  settings: Partial<DatabaseSettings> = TEST_SETTINGS,
  prefix = 'cellpulse-ingest-',
): Promise<TmpDb> {
  const dir = makeTmpDir(prefix);
  const path = join(dir, 'test.duckdb');
  let db: Database | undefined = await Database.open(path, { settings });
  const handle: TmpDb = {
    get db(): Database {
      if (db === undefined) throw new Error('the test database is closed');
      return db;
    },
    dir,
    path,
    async reopen() {
      await db?.close();
      db = await Database.open(path);
      return db;
    },
    async cleanup() {
      await db?.close();
      db = undefined;
      removeDir(dir);
    },
  };
  return handle;
}

/**
 * A fresh database for every test of the file or `describe` it is called in (opened before each test, closed and
 * removed after it), so a test reads `t.db` / `t.dir` without hooks of its own.
 */
export function tmpDbPerTest(settings?: Partial<DatabaseSettings>): TmpDb {
  return tmpDbBetween(beforeEach, afterEach, settings);
}

/** One database shared by the tests of the file or `describe` it is called in, removed after the last. */
export function tmpDbPerSuite(settings?: Partial<DatabaseSettings>): TmpDb {
  return tmpDbBetween(beforeAll, afterAll, settings);
}

function tmpDbBetween(
  before: typeof beforeAll,
  after: typeof afterAll,
  settings: Partial<DatabaseSettings> | undefined,
): TmpDb {
  let current: TmpDb | undefined;
  before(async () => {
    current = await openTmpDb(settings);
  });
  after(async () => {
    await current?.cleanup();
    current = undefined;
  });
  const now = (): TmpDb => {
    if (current === undefined) throw new Error('the test database exists only while its tests run');
    return current;
  };
  return {
    get db() {
      return now().db;
    },
    get dir() {
      return now().dir;
    },
    get path() {
      return now().path;
    },
    reopen: () => now().reopen(),
    cleanup: () => now().cleanup(),
  };
}

/** A database a test opens itself, with the settings it needs (a time zone per test, or one per property run). */
export interface OnDemandDb {
  /** Opens a fresh database (closing the previous one). */
  open(settings?: Partial<DatabaseSettings>): Promise<Database>;
  /** Closes and removes it; runs after every test as well. */
  close(): Promise<void>;
}

export function tmpDbOnDemand(prefix?: string): OnDemandDb {
  let tmp: TmpDb | undefined;
  const close = async (): Promise<void> => {
    await tmp?.cleanup();
    tmp = undefined;
  };
  afterEach(close);
  return {
    async open(settings = TEST_SETTINGS) {
      await close();
      tmp = await openTmpDb(settings, prefix);
      return tmp.db;
    },
    close,
  };
}
