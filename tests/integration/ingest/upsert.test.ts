import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../ingest/ingest.js';
import { complaintRow, EVENT_ROWS, ingestPath, SITE_ROWS, storedComplaint } from '../../helpers/ingest-rows.js';
import { countRows, dumpTable } from '../../helpers/table-dump.js';
import { tmpDbPerTest } from '../../helpers/tmp-db.js';
import { writeCsv, writeNdjson, writeParquet } from '../../helpers/write-fixture.js';

const t = tmpDbPerTest();

describe('upsert by key', () => {
  it('the same complaint_id twice in one file: the later line wins, counted accepted 1 + updated 1', async () => {
    const path = writeCsv(join(t.dir, 'c.csv'), [
      complaintRow('DUP', { city: 'Harbin', category: 'weak_coverage', lat: 45.75, lon: 126.63 }),
      complaintRow('OTHER'),
      complaintRow('DUP', { city: 'Daqing', category: 'call_drop', received_at: '2026-03-06T10:00:00+08:00' }),
    ]);
    const summary = await ingest(t.db, { kind: 'complaints', source: { path, format: 'csv' }, withOutcomes: true });
    expect(summary).toMatchObject({ total: 3, accepted: 2, updated: 1, rejected: 0 });
    expect(summary.outcomes).toEqual([
      { line: 2, id: 'DUP', status: 'accepted' },
      { line: 3, id: 'OTHER', status: 'accepted' },
      { line: 4, id: 'DUP', status: 'updated' },
    ]);
    const rows = await dumpTable(t.db, 'complaints', ['run_id']);
    // The winning line has no point: nothing of the losing line survives.
    expect(rows.filter((r) => r.complaint_id === 'DUP')).toEqual([
      storedComplaint({
        complaint_id: 'DUP',
        received_at: '2026-03-06T02:00:00.000Z',
        city: 'Daqing',
        category: 'call_drop',
        technology: 'LTE',
      }),
    ]);
    expect(rows).toHaveLength(2);
  });

  it('a valid later line beats a rejected earlier one; a rejected later one does not erase the earlier', async () => {
    const path = writeCsv(join(t.dir, 'c.csv'), [
      complaintRow('A', { city: 'bad-first', category: 'nonsense' }),
      complaintRow('A', { city: 'good-second' }),
      complaintRow('B', { city: 'good-first' }),
      complaintRow('B', { city: 'bad-second', technology: '6G' }),
    ]);
    expect(await ingestPath(t.db, 'complaints', path)).toMatchObject({ accepted: 2, updated: 0, rejected: 2 });
    const rows = await dumpTable(t.db, 'complaints');
    expect(rows.map((r) => [r.complaint_id, r.city])).toEqual([
      ['A', 'good-second'],
      ['B', 'good-first'],
    ]);
  });

  it('a second file updates the complaints it names and adds the others', async () => {
    await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'one.csv'), [
        complaintRow('A', { city: 'Harbin' }),
        complaintRow('B', { city: 'Harbin', satisfied: 'true' }),
      ]),
    );
    const second = await ingestPath(
      t.db,
      'complaints',
      writeNdjson(join(t.dir, 'two.ndjson'), [
        complaintRow('B', { city: 'Mudanjiang' }),
        complaintRow('C', { city: 'Jixi' }),
      ]),
    );
    expect(second).toMatchObject({ total: 2, accepted: 1, updated: 1, rejected: 0 });
    const rows = await dumpTable(t.db, 'complaints');
    expect(rows.map((r) => [r.complaint_id, r.city, r.satisfied, r.run_id])).toEqual([
      ['A', 'Harbin', null, second.run_id - 1],
      ['B', 'Mudanjiang', null, second.run_id],
      ['C', 'Jixi', null, second.run_id],
    ]);
    const runs = await dumpTable(t.db, 'ingest_runs', ['started_at', 'finished_at', 'source', 'actor']);
    expect(runs.map((r) => [r.run_id, r.format, r.total_rows, r.accepted, r.updated, r.rejected])).toEqual([
      [second.run_id - 1, 'csv', 2, 2, 0, 0],
      [second.run_id, 'ndjson', 2, 1, 1, 0],
    ]);
  });

  it('subscribers are keyed by city, technology and month (technology in any case)', async () => {
    await ingestPath(
      t.db,
      'subscribers',
      writeCsv(join(t.dir, 's1.csv'), [
        { city: 'Harbin', technology: 'LTE', month: '2026-10', subscribers: 100 },
        { city: 'Harbin', technology: 'LTE', month: '2026-11', subscribers: 200 },
      ]),
    );
    const second = await ingestPath(
      t.db,
      'subscribers',
      writeCsv(join(t.dir, 's2.csv'), [
        { city: 'Harbin', technology: 'lte', month: '2026-11', subscribers: 250 },
        { city: 'Harbin', technology: 'NR', month: '2026-11', subscribers: 50 },
      ]),
    );
    expect(second).toMatchObject({ accepted: 1, updated: 1, rejected: 0 });
    expect(await dumpTable(t.db, 'subscribers', ['run_id'])).toEqual([
      { city: 'Harbin', technology: 'LTE', month: '2026-10', subscribers: 100 },
      { city: 'Harbin', technology: 'LTE', month: '2026-11', subscribers: 250 },
      { city: 'Harbin', technology: 'NR', month: '2026-11', subscribers: 50 },
    ]);
  });

  it('a site that moves moves the complaints located by its cell', async () => {
    await ingestPath(
      t.db,
      'sites',
      writeCsv(join(t.dir, 's1.csv'), [
        { cell_id: 'X', site_id: 'S', city: 'Harbin', technology: 'LTE', lat: 45.75, lon: 126.63 },
      ]),
    );
    await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'c.csv'), [
        complaintRow('BY-CELL', { cell_id: 'X' }),
        complaintRow('BY-POINT', { cell_id: 'X', lat: 45.8, lon: 126.7 }),
      ]),
    );
    const moved = await ingestPath(
      t.db,
      'sites',
      writeCsv(join(t.dir, 's2.csv'), [
        { cell_id: 'X', site_id: 'S', city: 'Harbin', technology: 'LTE', lat: 46.0, lon: 127.0 },
      ]),
    );
    expect(moved).toMatchObject({ accepted: 0, updated: 1 });
    const rows = await dumpTable(t.db, 'complaints');
    expect(rows.map((r) => [r.complaint_id, r.lat, r.lon, r.located_by])).toEqual([
      ['BY-CELL', 46.0, 127.0, 'cell'],
      ['BY-POINT', 45.8, 126.7, 'point'],
    ]);
  });
});

describe('re-ingesting the same file', () => {
  const complaints = [
    complaintRow('R-1', { lat: 45.75, lon: 126.63 }),
    complaintRow('R-2', { cell_id: 'HRB-001' }),
    complaintRow('R-3'),
    complaintRow('R-1', { city: 'Daqing', lat: 46.58, lon: 125.1 }),
    complaintRow('R-4', { received_at: 'yesterday' }),
    complaintRow('', {}),
  ];

  it.each(['csv', 'ndjson', 'parquet'] as const)(
    '%s: identical tables, and {accepted 0, updated N, rejected R} the second time',
    async (format) => {
      const sites = writeCsv(join(t.dir, 'sites.csv'), SITE_ROWS);
      const events = writeCsv(join(t.dir, 'events.csv'), EVENT_ROWS);
      const path =
        format === 'csv'
          ? writeCsv(join(t.dir, 'c.csv'), complaints)
          : format === 'ndjson'
            ? writeNdjson(join(t.dir, 'c.ndjson'), complaints)
            : await writeParquet(join(t.dir, 'c.parquet'), complaints);

      // Sites and events first, in this order, on both runs.
      const ingestAll = async () => [
        await ingestPath(t.db, 'sites', sites),
        await ingestPath(t.db, 'events', events),
        await ingestPath(t.db, 'complaints', path),
      ];
      const first = await ingestAll();
      expect(first.map((s) => [s.accepted, s.updated, s.rejected])).toEqual([
        [3, 0, 0],
        [3, 0, 0],
        [3, 1, 2],
      ]);
      const tables = ['complaints', 'cell_sites', 'network_events', 'subscribers'];
      const before = await Promise.all(tables.map((table) => dumpTable(t.db, table, ['run_id'])));
      const rejectedBefore = await dumpTable(t.db, 'rejected_rows', ['run_id']);

      const second = await ingestAll();
      // Every valid line updates (R-1's two lines both count); the bad lines are rejected again.
      expect(second.map((s) => [s.accepted, s.updated, s.rejected])).toEqual([
        [0, 3, 0],
        [0, 3, 0],
        [0, 4, 2],
      ]);
      expect(await Promise.all(tables.map((table) => dumpTable(t.db, table, ['run_id'])))).toEqual(before);
      // The rejects of the second run repeat those of the first, under the new run.
      const rejectedAfter = await dumpTable(t.db, 'rejected_rows', ['run_id']);
      expect(rejectedAfter).toEqual(rejectedBefore.flatMap((r) => [r, r]));
      expect(await countRows(t.db, 'ingest_runs')).toBe(6);
    },
  );
});

describe('a large file keeps its line order', () => {
  it('200k lines: the later duplicate wins and rejected rows carry their own line and raw text', async () => {
    const n = 200_000;
    const lines = ['complaint_id,received_at,city,category,technology,lat,lon'];
    for (let i = 0; i < n; i += 1) {
      const id = i === n - 5 ? 'L-000007' : `L-${String(i).padStart(6, '0')}`;
      const category = i === 150_000 || i === n - 1 ? 'bogus' : 'other';
      lines.push(
        `${id},2026-03-05T08:15:00+08:00,City${i},${category},LTE,${(45 + (i % 1000) / 1000).toFixed(3)},126.5`,
      );
    }
    const path = join(t.dir, 'big.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const summary = await ingestPath(t.db, 'complaints', path);
    expect(summary).toMatchObject({ total: n, accepted: n - 3, updated: 1, rejected: 2 });
    const [dup] = await t.db.all<{ city: string }>(`SELECT city FROM complaints WHERE complaint_id = 'L-000007'`);
    expect(dup!.city).toBe(`City${n - 5}`);
    const rejected = await dumpTable(t.db, 'rejected_rows', ['run_id']);
    expect(rejected.map((r) => [r.line, JSON.parse(String(r.raw)).city, r.reason])).toEqual([
      [
        150_002,
        'City150000',
        'line 150002: category "bogus" is not one of weak_coverage (弱覆盖), no_signal (无信号), call_drop (掉话), ' +
          'slow_data (上网慢/网速慢), voice_quality (通话质量/话音质量), no_service (无服务), other (其他/其它)',
      ],
      [
        n + 1,
        `City${n - 1}`,
        `line ${n + 1}: category "bogus" is not one of weak_coverage (弱覆盖), no_signal (无信号), call_drop (掉话), ` +
          `slow_data (上网慢/网速慢), voice_quality (通话质量/话音质量), no_service (无服务), other (其他/其它)`,
      ],
    ]);
  });
});

describe('ids are text', () => {
  it('a numeric complaint_id in NDJSON is the same complaint as that id in a CSV', async () => {
    await ingestPath(
      t.db,
      'complaints',
      writeNdjson(join(t.dir, 'n.ndjson'), [{ ...complaintRow('x'), complaint_id: 20261101001 }]),
    );
    const again = await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'c.csv'), [complaintRow('20261101001', { city: 'Suihua' })]),
    );
    expect(again).toMatchObject({ accepted: 0, updated: 1 });
    expect((await dumpTable(t.db, 'complaints')).map((r) => [r.complaint_id, r.city])).toEqual([
      ['20261101001', 'Suihua'],
    ]);
  });

  it('surrounding spaces are not part of a value', async () => {
    await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'a.csv'), [complaintRow(' S-1 ', { city: ' Harbin ', technology: ' lte ' })]),
    );
    expect(await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'b.csv'), [complaintRow('S-1')]))).toMatchObject({
      accepted: 0,
      updated: 1,
    });
    expect(await countRows(t.db, 'complaints')).toBe(1);
  });
});
