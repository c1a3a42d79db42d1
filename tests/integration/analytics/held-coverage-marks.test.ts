import { latLngToCell } from 'h3-js';
import { afterEach, describe, expect, it } from 'vitest';
import { CoverageMarks, HeldCoverageMarks, type CoverageMark } from '../../../analytics/triage/coverage-marks.js';
import type { Database } from '../../../store/database.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';

/**
 * The coverage marks a server holds equal a fresh load of the stored complaints after any mix of
 * live writes (applied in memory), other writes of complaints (a background reload) and writes that
 * commit while a reload runs.
 */

let t: TmpDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const HEXES = [0, 1, 2].map((i) => latLngToCell(45.7 + i * 0.05, 126.6, 8));
const START_US = BigInt(Date.parse('2026-10-01T00:00:00Z')) * 1000n;
let serial = 0;

/** `n` coverage complaints, one per hexagon in turn, an hour apart from the serial number on. */
function marks(n: number): CoverageMark[] {
  return Array.from({ length: n }, () => {
    serial += 1;
    return { h3: HEXES[serial % HEXES.length]!, us: START_US + BigInt(serial) * 3_600_000_000n };
  });
}

async function insert(conn: Parameters<Parameters<Database['write']>[0]>[0], rows: CoverageMark[]): Promise<void> {
  for (const { h3, us } of rows) {
    await conn.run(
      `INSERT INTO complaints (complaint_id, received_at, city, category, technology, h3, run_id)
       VALUES ($id, to_timestamp(0) + to_microseconds($us::BIGINT), 'Harbin', 'no_signal', 'LTE', $h3, 0)`,
      { id: `c${us}`, us, h3 },
    );
  }
}

/** A live write as the service makes one: marks taken at its start, its rows applied after the commit. */
function liveWrite(db: Database, held: HeldCoverageMarks, rows: CoverageMark[]): Promise<void> {
  let taken: ReturnType<HeldCoverageMarks['take']> | undefined;
  return db.write(
    async (conn) => {
      taken = held.take();
      await insert(conn, rows);
    },
    { touches: ['complaints'], afterCommit: () => held.afterLiveWrite(taken!, rows, []) },
  );
}

/** Any other write of complaints (a file ingest), followed by the reload the service asks for. */
async function otherWrite(db: Database, held: HeldCoverageMarks, rows: CoverageMark[]): Promise<void> {
  await db.write((conn) => insert(conn, rows), { touches: ['complaints'] });
  void held.reload();
}

async function expectExact(db: Database, held: HeldCoverageMarks): Promise<void> {
  await held.idle();
  let taken = held.take();
  if (!taken.marks) {
    await held.idle();
    taken = held.take();
  }
  const fresh = await db.use((conn) => CoverageMarks.load(conn, db.settings.timeZone));
  const windows = [0n, 5n, 20n].map((h) => [START_US + h * 3_600_000_000n, START_US + 10_000n * 3_600_000_000n]);
  for (const h3 of HEXES) {
    for (const [lo, hi] of windows) expect(taken.marks!.count(h3, lo!, hi!)).toBe(fresh.count(h3, lo!, hi!));
  }
}

describe('held coverage marks', () => {
  it('equal a fresh load after live writes, other writes and writes during a reload', async () => {
    t = await openTmpDb();
    const { db } = t;
    const held = new HeldCoverageMarks(db);
    await db.write((conn) => insert(conn, marks(30)), { touches: ['complaints'] });
    for (let round = 0; round < 8; round += 1) {
      // Started together: the writes queue behind each other and commit before, during or after the reload.
      const writes = [held.reload(), liveWrite(db, held, marks(2)), liveWrite(db, held, marks(3))];
      if (round % 2 === 1) writes.push(otherWrite(db, held, marks(4)), liveWrite(db, held, marks(1)));
      await Promise.all(writes);
      await liveWrite(db, held, marks(2));
      await expectExact(db, held);
    }
  });

  it('takes no marks while they are behind the committed complaints, and holds them once reloaded', async () => {
    t = await openTmpDb();
    const { db } = t;
    const held = new HeldCoverageMarks(db);
    await held.reload();
    expect(held.take().marks).toBeDefined();
    await db.write((conn) => insert(conn, marks(5)), { touches: ['complaints'] });
    expect(held.take().marks).toBeUndefined();
    await held.idle();
    expect(held.take().marks).toBeDefined();
    await expectExact(db, held);
  });

  it('hold the 92 days before the newest complaint and leave earlier windows to the SQL', async () => {
    t = await openTmpDb();
    const { db } = t;
    const day = 86_400_000_000n;
    const rows = Array.from({ length: 200 }, (_, i) => ({ h3: HEXES[0]!, us: START_US + BigInt(i) * day }));
    await db.write((conn) => insert(conn, rows), { touches: ['complaints'] });
    const loaded = await db.use((conn) => CoverageMarks.load(conn, db.settings.timeZone));
    const newest = rows.at(-1)!.us;
    // 92 days back from the newest the marks are held; a window starting a day earlier is not answered.
    expect(loaded.windowStart(newest - 2n * day)).toBe(newest - 92n * day);
    expect(loaded.windowStart(newest - 3n * day)).toBeUndefined();
    const since = loaded.windowStart(newest)!;
    const [sql] = await db.all<{ n: bigint }>(
      `SELECT count(*) AS n FROM complaints WHERE h3 = $h3
       AND received_at >= to_timestamp(0) + to_microseconds($lo::BIGINT)
       AND received_at < to_timestamp(0) + to_microseconds($hi::BIGINT)`,
      { h3: HEXES[0]!, lo: since, hi: newest },
    );
    expect(loaded.count(HEXES[0]!, since, newest)).toBe(Number(sql!.n));
    expect(Number(sql!.n)).toBe(90);
  });
});
