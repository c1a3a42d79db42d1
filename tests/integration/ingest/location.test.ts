import { join } from 'node:path';
import { getResolution } from 'h3-js';
import { afterEach, describe, expect, it } from 'vitest';
import { cellAt, complaintRow, ingestPath } from '../../helpers/ingest-rows.js';
import { dumpTable } from '../../helpers/table-dump.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { writeCsv } from '../../helpers/write-fixture.js';

const SITE = { cell_id: 'HRB-7', site_id: 'S7', city: 'Harbin', technology: 'LTE', lat: 45.7712, lon: 126.6101 };

let t: TmpDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

async function located(tmp: TmpDb): Promise<Record<string, [unknown, unknown, unknown, unknown, unknown]>> {
  const rows = await dumpTable(tmp.db, 'complaints');
  return Object.fromEntries(rows.map((r) => [String(r.complaint_id), [r.lat, r.lon, r.h3, r.located_by, r.cell_id]]));
}

const COMPLAINTS = [
  complaintRow('CELL-ONLY', { cell_id: 'HRB-7' }),
  complaintRow('POINT-AND-CELL', { cell_id: 'HRB-7', lat: 45.7, lon: 126.7 }),
  complaintRow('NEITHER'),
  complaintRow('UNKNOWN-CELL', { cell_id: 'NOPE-1' }),
];

describe('where a complaint is', () => {
  it("sites first: by its point, else its cell's site, else unlocated (and still accepted)", async () => {
    t = await openTmpDb();
    await ingestPath(t.db, 'sites', writeCsv(join(t.dir, 'sites.csv'), [SITE]));
    expect(await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'c.csv'), COMPLAINTS))).toMatchObject({
      accepted: 4,
      rejected: 0,
    });
    expect(await located(t)).toEqual({
      'CELL-ONLY': [SITE.lat, SITE.lon, cellAt(SITE.lat, SITE.lon), 'cell', 'HRB-7'],
      'POINT-AND-CELL': [45.7, 126.7, cellAt(45.7, 126.7), 'point', 'HRB-7'],
      NEITHER: [null, null, null, null, null],
      'UNKNOWN-CELL': [null, null, null, null, 'NOPE-1'],
    });
  });

  it('complaints first: those naming a cell are located when its site arrives; a point is never replaced', async () => {
    t = await openTmpDb();
    await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'c.csv'), COMPLAINTS));
    expect((await located(t))['CELL-ONLY']).toEqual([null, null, null, null, 'HRB-7']);
    await ingestPath(
      t.db,
      'sites',
      writeCsv(join(t.dir, 'sites.csv'), [SITE, { ...SITE, cell_id: 'OTHER', lat: 10, lon: 10 }]),
    );
    expect(await located(t)).toEqual({
      'CELL-ONLY': [SITE.lat, SITE.lon, cellAt(SITE.lat, SITE.lon), 'cell', 'HRB-7'],
      'POINT-AND-CELL': [45.7, 126.7, cellAt(45.7, 126.7), 'point', 'HRB-7'],
      NEITHER: [null, null, null, null, null],
      'UNKNOWN-CELL': [null, null, null, null, 'NOPE-1'],
    });
    await ingestPath(
      t.db,
      'sites',
      writeCsv(join(t.dir, 'late.csv'), [{ ...SITE, cell_id: 'NOPE-1', lat: 46.1, lon: 125.9 }]),
    );
    expect((await located(t))['UNKNOWN-CELL']).toEqual([46.1, 125.9, cellAt(46.1, 125.9), 'cell', 'NOPE-1']);
  });

  it("an update replaces the location with the new line's", async () => {
    t = await openTmpDb();
    await ingestPath(t.db, 'sites', writeCsv(join(t.dir, 'sites.csv'), [SITE]));
    await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'c1.csv'), [complaintRow('U', { cell_id: 'HRB-7' })]));
    await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'c2.csv'), [complaintRow('U', { lat: 45.9, lon: 126.9 })]),
    );
    expect((await located(t)).U).toEqual([45.9, 126.9, cellAt(45.9, 126.9), 'point', null]);
    await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'c3.csv'), [complaintRow('U', {})]));
    expect((await located(t)).U).toEqual([null, null, null, null, null]);
    await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'c4.csv'), [complaintRow('U', { cell_id: 'HRB-7' })]));
    expect((await located(t)).U).toEqual([SITE.lat, SITE.lon, cellAt(SITE.lat, SITE.lon), 'cell', 'HRB-7']);
  });

  it.each([5, 9, 12])('hexagons are at the database resolution (%i)', async (resolution) => {
    t = await openTmpDb({ h3Resolution: resolution, timeZone: 'Asia/Shanghai' });
    await ingestPath(t.db, 'sites', writeCsv(join(t.dir, 'sites.csv'), [SITE]));
    await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'c.csv'), COMPLAINTS));
    const cells = [
      ...(await dumpTable(t.db, 'complaints')).map((r) => r.h3),
      ...(await dumpTable(t.db, 'cell_sites')).map((r) => r.h3),
    ].filter((h): h is string => typeof h === 'string');
    expect(cells).toHaveLength(3);
    for (const h of cells) expect(getResolution(h)).toBe(resolution);
    expect((await located(t))['POINT-AND-CELL']![2]).toBe(cellAt(45.7, 126.7, resolution));
  });
});
