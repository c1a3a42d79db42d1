import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PAIRS, wgs84ToGcj02 } from '../../helpers/gcj02-reference.js';
import { cellAt, complaintRow, ingestPath } from '../../helpers/ingest-rows.js';
import { dumpTable } from '../../helpers/table-dump.js';
import { tmpDbPerTest } from '../../helpers/tmp-db.js';
import { writeCsv, writeNdjson } from '../../helpers/write-fixture.js';

/** WGS-84 points in China whose GCJ-02 twin falls in another resolution-8 hexagon. */
const WGS_POINTS: Record<string, [number, number]> = {
  harbin: [45.75, 126.63],
  shanghai: [31.2304, 121.4737],
  shenzhen: [22.5431, 114.0579],
  chengdu: [30.5728, 104.0668],
};
const LONDON: [number, number] = [51.5007, -0.1246];

const t = tmpDbPerTest();

interface Stored {
  complaint_id: string;
  lat: number;
  lon: number;
  h3: string;
  located_by: string;
}

async function storedComplaints(): Promise<Map<string, Stored>> {
  const rows = (await dumpTable(t.db, 'complaints')) as unknown as Stored[];
  return new Map(rows.map((r) => [r.complaint_id, r]));
}

function expectGcjInverse(stored: { lat: number; lon: number }, gcj: [number, number]): void {
  const [backLat, backLon] = wgs84ToGcj02(stored.lat, stored.lon);
  expect(Math.abs(backLat - gcj[0])).toBeLessThanOrEqual(1e-6 + 1e-12);
  expect(Math.abs(backLon - gcj[1])).toBeLessThanOrEqual(1e-6 + 1e-12);
}

describe('--crs gcj02', () => {
  it('converts the published Tiananmen GCJ-02 point to WGS-84, with the H3 cell of the converted point', async () => {
    const [pair] = REFERENCE_PAIRS;
    const { gcj, wgs } = pair!;
    const path = writeCsv(join(t.dir, 'c.csv'), [complaintRow('BJ-1', { lat: gcj[0], lon: gcj[1] })]);
    expect(await ingestPath(t.db, 'complaints', path, 'gcj02')).toMatchObject({ accepted: 1, rejected: 0 });
    const stored = (await storedComplaints()).get('BJ-1')!;
    expectGcjInverse(stored, gcj);
    // The published pair is rounded to 6 decimals.
    expect(Math.abs(stored.lat - wgs[0])).toBeLessThan(5e-6);
    expect(Math.abs(stored.lon - wgs[1])).toBeLessThan(5e-6);
    expect(stored.h3).toBe(cellAt(stored.lat, stored.lon));
    expect(stored.located_by).toBe('point');
    const runs = await t.db.all<{ crs: string }>('SELECT crs FROM ingest_runs');
    expect(runs).toEqual([{ crs: 'gcj02' }]);
  });

  it('recovers WGS-84 points from their forward GCJ-02 twins, and hexagons move with them', async () => {
    const rows = Object.entries(WGS_POINTS).map(([name, wgs]) => {
      const gcj = wgs84ToGcj02(...wgs);
      return complaintRow(name, { lat: gcj[0], lon: gcj[1] });
    });
    await ingestPath(t.db, 'complaints', writeNdjson(join(t.dir, 'c.ndjson'), rows), 'gcj02');
    const stored = await storedComplaints();
    for (const [name, wgs] of Object.entries(WGS_POINTS)) {
      const gcj = wgs84ToGcj02(...wgs);
      const row = stored.get(name)!;
      expectGcjInverse(row, gcj);
      expect(Math.abs(row.lat - wgs[0])).toBeLessThan(1e-5);
      expect(Math.abs(row.lon - wgs[1])).toBeLessThan(1e-5);
      // The offset (hundreds of metres) moves the point to another hexagon: the cell is the converted point's.
      expect(cellAt(...gcj)).not.toBe(cellAt(...wgs));
      expect(row.h3).toBe(cellAt(...wgs));
    }
  });

  it('leaves a point outside China unchanged', async () => {
    await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'c.csv'), [complaintRow('LDN', { lat: LONDON[0], lon: LONDON[1] })]),
      'gcj02',
    );
    const row = (await storedComplaints()).get('LDN')!;
    expect([row.lat, row.lon]).toEqual(LONDON);
    expect(row.h3).toBe(cellAt(...LONDON));
  });

  it('without --crs the same numbers are taken as WGS-84', async () => {
    const gcj = wgs84ToGcj02(...WGS_POINTS.harbin!);
    await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'c.csv'), [complaintRow('HRB', { lat: gcj[0], lon: gcj[1] })]),
    );
    const row = (await storedComplaints()).get('HRB')!;
    expect([row.lat, row.lon]).toEqual(gcj);
    expect(row.h3).toBe(cellAt(...gcj));
  });

  it('converts sites and event points too; a complaint located by cell takes the converted site point', async () => {
    const wgs = WGS_POINTS.harbin!;
    const gcj = wgs84ToGcj02(...wgs);
    const sites = writeCsv(join(t.dir, 's.csv'), [
      { cell_id: 'HRB-1', site_id: 'S', city: 'Harbin', technology: 'LTE', lat: gcj[0], lon: gcj[1] },
    ]);
    await ingestPath(t.db, 'sites', sites, 'gcj02');
    const [site] = await dumpTable(t.db, 'cell_sites');
    expectGcjInverse(site as { lat: number; lon: number }, gcj);
    expect(site!.h3).toBe(cellAt(...wgs));

    const events = writeCsv(join(t.dir, 'e.csv'), [
      { event_id: 'E', lat: gcj[0], lon: gcj[1], kind: 'outage', starts_at: '2026-11-01T00:00:00Z' },
    ]);
    await ingestPath(t.db, 'events', events, 'gcj02');
    const [event] = await dumpTable(t.db, 'network_events');
    expectGcjInverse(event as { lat: number; lon: number }, gcj);

    await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'c.csv'), [complaintRow('BY-CELL', { cell_id: 'HRB-1' })]),
      'gcj02',
    );
    const row = (await storedComplaints()).get('BY-CELL')!;
    expect(row).toMatchObject({ lat: site!.lat, lon: site!.lon, h3: cellAt(...wgs), located_by: 'cell' });
  });
});
