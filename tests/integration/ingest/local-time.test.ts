import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../../store/database.js';
import { complaintRow, ingestPath } from '../../helpers/ingest-rows.js';
import { dumpTable } from '../../helpers/table-dump.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { writeCsv } from '../../helpers/write-fixture.js';

let t: TmpDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

async function receivedAt(db: Database): Promise<Record<string, { utc: string; month: string; utcMonth: string }>> {
  const rows = await db.all<{ complaint_id: string; received_at: string; month: string; utc_month: string }>(
    `SELECT complaint_id, received_at, strftime(received_at, '%Y-%m') AS month,
            strftime(received_at AT TIME ZONE 'UTC', '%Y-%m') AS utc_month FROM complaints`,
  );
  return Object.fromEntries(
    rows.map((r) => [r.complaint_id, { utc: r.received_at, month: r.month, utcMonth: r.utc_month }]),
  );
}

/** Ingests one complaint per id, received at the given text; checks every row is accepted. */
async function ingestReceived(tmp: TmpDb, times: Record<string, string>): Promise<void> {
  const rows = Object.entries(times).map(([id, at]) => complaintRow(id, { received_at: at }));
  const summary = await ingestPath(tmp.db, 'complaints', writeCsv(join(tmp.dir, 'c.csv'), rows));
  expect(summary).toMatchObject({ accepted: rows.length, rejected: 0 });
}

describe('local time in the default zone (Asia/Shanghai)', () => {
  it('offset-less times are Shanghai time, across the October/November boundary', async () => {
    t = await openTmpDb({});
    expect(t.db.settings.timeZone).toBe('Asia/Shanghai');
    await ingestReceived(t, {
      before: '2026-10-31 23:30:00',
      after: '2026-11-01 00:30:00',
      't-sep': '2026-11-01T00:30:00',
      fraction: '2026-11-01 00:30:00.250',
      'date-only': '2026-11-01',
    });
    expect(await receivedAt(t.db)).toEqual({
      before: { utc: '2026-10-31T15:30:00.000Z', month: '2026-10', utcMonth: '2026-10' },
      // Still 31 October in UTC, but November where the complaint was made: the month is local.
      after: { utc: '2026-10-31T16:30:00.000Z', month: '2026-11', utcMonth: '2026-10' },
      't-sep': { utc: '2026-10-31T16:30:00.000Z', month: '2026-11', utcMonth: '2026-10' },
      fraction: { utc: '2026-10-31T16:30:00.250Z', month: '2026-11', utcMonth: '2026-10' },
      'date-only': { utc: '2026-10-31T16:00:00.000Z', month: '2026-11', utcMonth: '2026-10' },
    });
  });

  it('an explicit offset or Z is respected', async () => {
    t = await openTmpDb();
    await ingestReceived(t, {
      zulu: '2026-11-01T00:30:00Z',
      plus2: '2026-11-01T00:30:00+02:00',
      minus5: '2026-10-31T19:30:00-05:00',
      plus8: '2026-11-01 00:30:00+08:00',
      compact: '2026-11-01T00:30:00+0800',
    });
    const got = await receivedAt(t.db);
    expect(got.zulu).toEqual({ utc: '2026-11-01T00:30:00.000Z', month: '2026-11', utcMonth: '2026-11' });
    expect(got.plus2).toEqual({ utc: '2026-10-31T22:30:00.000Z', month: '2026-11', utcMonth: '2026-10' });
    expect(got.minus5).toEqual({ utc: '2026-11-01T00:30:00.000Z', month: '2026-11', utcMonth: '2026-11' });
    expect(got.plus8).toEqual({ utc: '2026-10-31T16:30:00.000Z', month: '2026-11', utcMonth: '2026-10' });
    expect(got.compact).toEqual(got.plus8);
  });

  it('the other timestamp fields follow the same rule', async () => {
    t = await openTmpDb();
    const complaints = writeCsv(join(t.dir, 'c.csv'), [
      complaintRow('x', {
        received_at: '2026-11-01 00:30:00',
        replied_at: '2026-11-01 02:00:00',
        resolved_at: '2026-11-01T02:00:00Z',
      }),
    ]);
    await ingestPath(t.db, 'complaints', complaints);
    expect(await dumpTable(t.db, 'complaints')).toMatchObject([
      { replied_at: '2026-10-31T18:00:00.000Z', resolved_at: '2026-11-01T02:00:00.000Z' },
    ]);
    const events = writeCsv(join(t.dir, 'e.csv'), [
      { event_id: 'E', cell_id: 'A', kind: 'outage', starts_at: '2026-11-01 00:00:00', ends_at: '2026-11-01 06:00:00' },
    ]);
    await ingestPath(t.db, 'events', events);
    expect(await dumpTable(t.db, 'network_events')).toMatchObject([
      { starts_at: '2026-10-31T16:00:00.000Z', ends_at: '2026-10-31T22:00:00.000Z' },
    ]);
  });
});

describe('a database created in Europe/London', () => {
  it('reads offset-less times as London time (GMT in winter, BST in summer), keeping the zone on reopen', async () => {
    t = await openTmpDb({ h3Resolution: 8, timeZone: 'Europe/London' });
    const path = writeCsv(join(t.dir, 'c.csv'), [
      complaintRow('winter', { received_at: '2026-10-31 23:30:00' }),
      complaintRow('summer', { received_at: '2026-07-01 12:00:00' }),
      complaintRow('offset', { received_at: '2026-07-01T12:00:00+08:00' }),
    ]);
    await ingestPath(t.db, 'complaints', path);
    const expected = {
      winter: { utc: '2026-10-31T23:30:00.000Z', month: '2026-10', utcMonth: '2026-10' },
      summer: { utc: '2026-07-01T11:00:00.000Z', month: '2026-07', utcMonth: '2026-07' },
      offset: { utc: '2026-07-01T04:00:00.000Z', month: '2026-07', utcMonth: '2026-07' },
    };
    expect(await receivedAt(t.db)).toEqual(expected);

    const db = await t.reopen();
    expect(db.settings.timeZone).toBe('Europe/London');
    await ingestPath(
      db,
      'complaints',
      writeCsv(join(t.dir, 'd.csv'), [complaintRow('later', { received_at: '2026-11-01 00:30:00' })]),
    );
    expect(await receivedAt(db)).toEqual({
      ...expected,
      later: { utc: '2026-11-01T00:30:00.000Z', month: '2026-11', utcMonth: '2026-11' },
    });
  });

  it('refuses to reopen it with another zone or resolution', async () => {
    t = await openTmpDb({ h3Resolution: 8, timeZone: 'Europe/London' });
    await t.db.close();
    await expect(Database.open(t.path, { settings: { timeZone: 'Asia/Shanghai' } })).rejects.toMatchObject({
      code: 'invalid_parameter',
    });
    await expect(Database.open(t.path, { settings: { h3Resolution: 9 } })).rejects.toMatchObject({
      code: 'invalid_parameter',
    });
    const same = await Database.open(t.path, { settings: { timeZone: 'Europe/London', h3Resolution: 8 } });
    expect(same.settings).toEqual({ h3Resolution: 8, timeZone: 'Europe/London' });
    await same.close();
    await t.reopen();
  });
});
