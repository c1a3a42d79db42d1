import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteIndexOf } from '../../../analytics/coverage/site-index.js';
import { weakCoverage, type WeakCoverageHex } from '../../../analytics/coverage/weak-coverage.js';
import { COVERAGE_CATEGORIES, type Technology } from '../../../domain/enums.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import {
  areaComplaints,
  areaSites,
  bruteNearestKm,
  CENTRE,
  HEX_ACROSS_KM,
  haversineKm,
  hexCentreOf,
  HOLE_RADIUS_KM,
  holePoint,
  ingestArea,
  type ComplaintRecord,
} from './coverage-fixture.js';

let tmp: TmpDb;
beforeAll(async () => {
  tmp = await openTmpDb();
  await ingestArea(tmp.db);
});
afterAll(async () => tmp?.cleanup());

/** Coverage complaints of the fixture in hexagon h3, counted from the records (local days from the +08:00 text). */
function expectedHex(
  h3: string,
  filter: (c: ComplaintRecord) => boolean = () => true,
): { complaints: number; days: number } {
  const mine = areaComplaints().filter(
    (c) => COVERAGE_CATEGORIES.includes(c.category as never) && hexCentreOf(c).h3 === h3 && filter(c),
  );
  return { complaints: mine.length, days: new Set(mine.map((c) => c.received_at.slice(0, 10))).size };
}

describe('weakCoverage', () => {
  it('ranks the hexagon in the hole first, with its complaints, local distinct days and per-day rate', async () => {
    const hexes = await weakCoverage(tmp.db);
    const holeA = hexCentreOf(holePoint('A'));
    const top = hexes[0]!;
    expect(top.h3).toBe(holeA.h3);
    const expected = expectedHex(holeA.h3);
    expect(expected).toEqual({ complaints: 14, days: 4 });
    expect(top.complaints).toBe(expected.complaints);
    expect(top.distinct_days).toBe(expected.days);
    expect(top.complaints_per_day).toBeCloseTo(14 / 4, 12);
    expect(top.technologies).toEqual({ LTE: 12, NR: 2 });
    expect(top.technology).toBe('LTE');
    expect(top.lat).toBeCloseTo(holeA.lat, 9);
    expect(top.lon).toBeCloseTo(holeA.lon, 9);
    for (let i = 1; i < hexes.length; i += 1)
      expect(hexes[i]!.complaints).toBeLessThanOrEqual(hexes[i - 1]!.complaints);
  });

  it('counts distinct days in the database zone, not UTC (07:00 +08:00 is still yesterday in UTC)', async () => {
    const [top] = await weakCoverage(tmp.db, { technology: 'LTE', limit: 1 });
    const utcDays = new Set(
      areaComplaints()
        .filter((c) => c.complaint_id.startsWith('A-') && c.technology === 'LTE')
        .map((c) => new Date(c.received_at).toISOString().slice(0, 10)),
    );
    expect(utcDays.size).toBe(4);
    expect(top!.complaints).toBe(12);
    expect(top!.distinct_days).toBe(3);
    expect(top!.complaints_per_day).toBe(4);
  });

  it('takes [from, to) without an offset as local time in the database zone', async () => {
    const [top] = await weakCoverage(tmp.db, {
      technology: 'LTE',
      from: '2024-05-01T12:00:00',
      to: '2024-05-02T09:00:00',
      limit: 1,
    });
    // 13:00, 17:00, 23:30 on May 1 and 00:30 on May 2 (local); 09:00 on May 2 is excluded.
    expect(top!.complaints).toBe(4);
    expect(top!.distinct_days).toBe(2);
  });

  it('counts coverage categories only: 20 call drops in one spot do not appear', async () => {
    const hexes = await weakCoverage(tmp.db);
    const callDropHexes = new Set(
      areaComplaints()
        .filter((c) => c.category === 'call_drop')
        .map((c) => hexCentreOf(c).h3),
    );
    expect(callDropHexes.size).toBeGreaterThan(0);
    for (const hex of hexes) expect(callDropHexes.has(hex.h3)).toBe(false);
    const total = hexes.reduce((sum, h) => sum + h.complaints, 0);
    const seedCoverage = areaComplaints().filter((c) => COVERAGE_CATEGORIES.includes(c.category as never)).length;
    expect(total).toBe(seedCoverage);
  });

  it("gives each hexagon's nearest active site of its technology, equal to a brute-force minimum", async () => {
    const hexes = await weakCoverage(tmp.db);
    expect(hexes.length).toBeGreaterThan(8);
    for (const hex of hexes) {
      expect(hex.nearest_site).not.toBeNull();
      expect(hex.nearest_site!.distance_km).toBeCloseTo(bruteNearestKm(hex.lat, hex.lon, hex.technology), 9);
    }
    // The faulty cell at the hole centre is not coverage: the nearest active cell is outside the hole.
    expect(hexes[0]!.nearest_site!.cell_id).not.toBe('FAULT-A');
    expect(hexes[0]!.nearest_site!.distance_km).toBeGreaterThan(HOLE_RADIUS_KM - HEX_ACROSS_KM);
  });

  it('with a technology filter counts that technology only and measures to its sites', async () => {
    const hexes = await weakCoverage(tmp.db, { technology: 'NR' });
    expect(hexes).toHaveLength(1);
    const [nr] = hexes as [WeakCoverageHex];
    expect(nr.h3).toBe(hexCentreOf(holePoint('A')).h3);
    expect(nr).toMatchObject({ complaints: 2, distinct_days: 1, technology: 'NR', technologies: { NR: 2 } });
    expect(nr.nearest_site!.cell_id).toMatch(/-N$/);
    expect(nr.nearest_site!.distance_km).toBeCloseTo(bruteNearestKm(nr.lat, nr.lon, 'NR'), 9);
  });

  it('honours minComplaints, limit and city', async () => {
    const all = await weakCoverage(tmp.db);
    expect(await weakCoverage(tmp.db, { limit: 3 })).toEqual(all.slice(0, 3));
    const busy = await weakCoverage(tmp.db, { minComplaints: 4 });
    expect(busy).toEqual(all.filter((h) => h.complaints >= 4));
    expect(busy.length).toBeGreaterThan(1);
    expect(await weakCoverage(tmp.db, { city: 'Nowhere' })).toEqual([]);
    expect((await weakCoverage(tmp.db, { city: 'Shanghai' })).length).toBe(all.length);
  });

  it('refuses a limit or minimum that is not a whole number >= 1', async () => {
    await expect(weakCoverage(tmp.db, { limit: 0 })).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(weakCoverage(tmp.db, { minComplaints: 1.5 })).rejects.toMatchObject({ code: 'invalid_parameter' });
  });
});

describe('the site index', () => {
  it('finds the nearest cell of a technology and status as a brute-force scan does, on random points', async () => {
    const index = await siteIndexOf(tmp.db);
    const cases = fc.record({
      east: fc.double({ min: -25, max: 25, noNaN: true }),
      north: fc.double({ min: -25, max: 25, noNaN: true }),
      technology: fc.constantFrom<Technology>('LTE', 'NR'),
    });
    fc.assert(
      fc.property(cases, ({ east, north, technology }) => {
        const lat = CENTRE.lat + north / 110.574;
        const lon = CENTRE.lon + east / (111.32 * Math.cos((CENTRE.lat * Math.PI) / 180));
        const found = index.nearest(lat, lon, technology, 'active');
        expect(found).not.toBeNull();
        expect(found!.distance_km).toBeCloseTo(bruteNearestKm(lat, lon, technology), 9);
        expect(haversineKm(lat, lon, found!.lat, found!.lon)).toBeCloseTo(found!.distance_km, 9);
      }),
      { numRuns: 300, seed: 20240501 },
    );
  });

  it('keeps statuses apart and answers null when no cell matches', async () => {
    const index = await siteIndexOf(tmp.db);
    const a = holePoint('A');
    expect(index.nearest(a.lat, a.lon, 'LTE', 'fault')?.cell_id).toBe('FAULT-A');
    expect(index.nearest(a.lat, a.lon, 'LTE', 'planned')?.cell_id).toBe('PLAN-C');
    expect(index.nearest(a.lat, a.lon, 'GSM', 'active')).toBeNull();
    expect(index.nearest(a.lat, a.lon, undefined, 'fault')?.cell_id).toBe('FAULT-A');
    const close = index.within(a.lat, a.lon, HOLE_RADIUS_KM + 1.2, 'LTE', 'active');
    const brute = areaSites().filter(
      (s) =>
        s.technology === 'LTE' &&
        s.status === 'active' &&
        haversineKm(a.lat, a.lon, s.lat, s.lon) <= HOLE_RADIUS_KM + 1.2,
    );
    expect(close.length).toBeGreaterThan(0);
    expect(close.map((s) => s.cell_id).sort()).toEqual(brute.map((s) => s.cell_id).sort());
    for (const site of close) expect(site.distance_km).toBeLessThanOrEqual(HOLE_RADIUS_KM + 1.2);
    expect(close.map((s) => s.distance_km)).toEqual([...close.map((s) => s.distance_km)].sort((x, y) => x - y));
  });
});
