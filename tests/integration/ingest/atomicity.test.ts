import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../store/database.js';
import { complaintRow, ingestPath } from '../../helpers/ingest-rows.js';
import { killWhen } from '../../helpers/kill-when.js';
import { collect, runCli, spawnCli } from '../../helpers/run-cli.js';
import { countRows, dumpAll, dumpTable } from '../../helpers/table-dump.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';
import { writeCsv } from '../../helpers/write-fixture.js';

/** Rows in the big file: with 10% located complaints the CLI needs a few seconds for it. */
const N = 300_000;
const pad2 = (n: number): string => String(n).padStart(2, '0');
const CATEGORIES = ['weak_coverage', 'no_signal', 'call_drop', 'slow_data', 'voice_quality', 'other'];

let dir: string;
let big: string;
beforeAll(() => {
  dir = makeTmpDir('cellpulse-atomic-');
  big = join(dir, 'big.csv');
  const lines = ['complaint_id,received_at,city,category,technology,lat,lon'];
  for (let i = 0; i < N; i += 1) {
    const day = 1 + (i % 28);
    const minute = Math.floor(i / 28) % 1440;
    const at = `2026-02-${pad2(day)}T${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:00+08:00`;
    const point = i % 10 === 0 ? `${(44 + (i % 997) / 400).toFixed(5)},${(124 + (i % 991) / 250).toFixed(5)}` : ',';
    lines.push(`BIG-${i},${at},City${i % 13},${CATEGORIES[i % CATEGORIES.length]},LTE,${point}`);
  }
  writeFileSync(big, `${lines.join('\n')}\n`);
});
afterAll(() => removeDir(dir));

/** A database holding a small earlier ingest, closed (so checkpointed: no WAL left behind). */
async function seededDb(name: string): Promise<{ path: string; before: Awaited<ReturnType<typeof dumpAll>> }> {
  const path = join(dir, `${name}.duckdb`);
  const db = await Database.open(path, { settings: { h3Resolution: 8, timeZone: 'Asia/Shanghai' } });
  await ingestPath(
    db,
    'complaints',
    writeCsv(join(dir, `${name}-seed.csv`), [
      complaintRow('SEED-1', { lat: 45.75, lon: 126.63 }),
      complaintRow('SEED-2'),
      complaintRow('SEED-3', { category: 'bogus' }),
    ]),
  );
  const before = await dumpAll(db);
  await db.close();
  expect(existsSync(`${path}.wal`)).toBe(false);
  return { path, before };
}

/**
 * After the kill: either none of the ingest (everything as before) or all of it (N more rows and one consistent run).
 */
async function expectAllOrNone(path: string, before: Awaited<ReturnType<typeof dumpAll>>): Promise<'none' | 'all'> {
  const db = await Database.open(path);
  try {
    const complaints = await countRows(db, 'complaints');
    expect([2, 2 + N]).toContain(complaints);
    if (complaints === 2) {
      expect(await dumpAll(db)).toEqual(before);
      return 'none';
    }
    const runs = await dumpTable(db, 'ingest_runs', ['started_at', 'finished_at', 'actor', 'run_id']);
    expect(runs.slice(1)).toEqual([
      {
        kind: 'complaints',
        source: big,
        format: 'csv',
        crs: 'wgs84',
        total_rows: N,
        accepted: N,
        updated: 0,
        rejected: 0,
      },
    ]);
    expect(
      await countRows(db, 'complaints', `complaint_id LIKE 'BIG-%' AND run_id = (SELECT max(run_id) FROM ingest_runs)`),
    ).toBe(N);
    expect(await countRows(db, 'complaints', `h3 IS NOT NULL AND complaint_id LIKE 'BIG-%'`)).toBe(N / 10);
    return 'all';
  } finally {
    await db.close();
  }
}

describe('a killed ingest leaves all of it or none of it', () => {
  it('SIGKILL while the rows are being written (before the commit): none of it', async () => {
    const { path, before } = await seededDb('mid-write');
    const initialSize = statSync(path).size;
    const child = spawnCli(['ingest', 'complaints', big, '--db', path]);
    const result = collect(child, 60_000);
    // The file grows once the ingest's transaction writes its row groups; the WAL appears only at commit.
    const kill = await killWhen(child, () => existsSync(`${path}.wal`) || statSync(path).size > initialSize);
    const { stdout } = await result;
    expect(kill.killed, `the CLI finished before it could be killed: ${stdout}`).toBe(true);
    expect(stdout).not.toContain('accepted');
    const outcome = await expectAllOrNone(path, before);
    // Killed before any commit record: nothing of it may survive.
    if (!existsSync(`${path}.wal`)) expect(outcome).toBe('none');
  });

  it('SIGKILL the moment the commit starts (WAL appears): all or none, then a normal ingest works', async () => {
    const { path, before } = await seededDb('mid-commit');
    const child = spawnCli(['ingest', 'complaints', big, '--db', path]);
    const result = collect(child, 60_000);
    const kill = await killWhen(child, () => existsSync(`${path}.wal`), 1);
    await result;
    const outcome = await expectAllOrNone(path, before);
    expect(kill.killed || outcome === 'all').toBe(true);

    // The database is healthy: the CLI ingests into it and the counts add up.
    const after = await runCli(
      [
        'ingest',
        'complaints',
        writeCsv(join(dir, 'after.csv'), [complaintRow('AFTER-1'), complaintRow('SEED-2', { city: 'Daqing' })]),
        '--db',
        path,
      ],
      30_000,
    );
    expect(after.code, after.stderr).toBe(0);
    expect(after.lastLine).toBe(JSON.stringify({ accepted: 1, updated: 1, rejected: 0 }));
    const db = await Database.open(path);
    try {
      expect(await countRows(db, 'complaints')).toBe(outcome === 'all' ? 3 + N : 3);
      expect(await countRows(db, 'ingest_runs')).toBe(outcome === 'all' ? 3 : 2);
      expect(await countRows(db, 'complaints', `complaint_id = 'SEED-2' AND city = 'Daqing'`)).toBe(1);
    } finally {
      await db.close();
    }
  });
});
