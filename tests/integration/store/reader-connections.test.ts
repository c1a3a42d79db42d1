import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CellpulseError } from '../../../domain/errors.js';
import { Database } from '../../../store/database.js';
import { makeTmpDir, removeDir, TEST_SETTINGS } from '../../helpers/tmp-db.js';

/** Reads take their own connections: a slow one is stopped at the timeout and blocks neither writes nor other reads. */

const SLOW = 'SELECT count(*) AS n FROM range(100000000000) a WHERE a.range % 7 = 3';
let dir: string | undefined;
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
  if (dir) removeDir(dir);
});

async function open(options: { poolSize?: number; queryTimeoutMs?: number }): Promise<Database> {
  dir = makeTmpDir('cellpulse-pool-');
  db = await Database.open(join(dir, 'pool.duckdb'), { settings: TEST_SETTINGS, ...options });
  await db.write(async (conn) => conn.run('CREATE TABLE notes (n INTEGER)'));
  return db;
}

describe('reader connections', () => {
  it('stops a read past the query timeout with 503 query_timeout, and the connection serves again', async () => {
    const d = await open({ poolSize: 1, queryTimeoutMs: 300 });
    const error = await d.all(SLOW).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CellpulseError);
    expect((error as CellpulseError).code).toBe('query_timeout');
    expect((error as CellpulseError).status).toBe(503);
    expect((error as CellpulseError).message).toMatch(/longer than 300 ms/);
    expect(await d.all('SELECT 42 AS n')).toEqual([{ n: 42 }]);
  });

  it('commits a write and answers other reads while a slow read runs', async () => {
    const d = await open({ poolSize: 2, queryTimeoutMs: 2000 });
    let slowDone = false;
    const slow = d
      .all(SLOW)
      .catch(() => undefined)
      .finally(() => (slowDone = true));
    await d.write(async (conn) => conn.run('INSERT INTO notes VALUES (1)'));
    expect(await d.all('SELECT count(*)::INTEGER AS n FROM notes')).toEqual([{ n: 1 }]);
    expect(slowDone).toBe(false);
    await slow;
  });

  it('lets a queued reader time out while every connection is busy', async () => {
    const d = await open({ poolSize: 1, queryTimeoutMs: 400 });
    const first = d.all(SLOW).then(
      () => 'done',
      (e: CellpulseError) => e.code,
    );
    const queued = d.all('SELECT 1 AS n').then(
      () => 'done',
      (e: CellpulseError) => e.code,
    );
    expect(await Promise.all([first, queued])).toEqual(['query_timeout', 'query_timeout']);
    expect(await d.all('SELECT 1 AS n')).toEqual([{ n: 1 }]);
  });

  it('versions each topic: a write changes only the tags of what it touched, never repeating a tag', async () => {
    const d = await open({});
    const rates = d.versionOf(['complaints', 'subscribers']);
    const hexes = d.versionOf(['complaints']);
    await d.write(async (conn) => conn.run('INSERT INTO notes VALUES (2)'), { touches: ['subscribers'] });
    expect(d.versionOf(['complaints'])).toBe(hexes);
    expect(d.versionOf(['complaints', 'subscribers'])).not.toBe(rates);
    const before = d.versionOf(['complaints']);
    await d.close();
    db = await Database.open(join(dir!, 'pool.duckdb'));
    expect(db.versionOf(['complaints'])).not.toBe(before);
  });
});
