import fc from 'fast-check';
import { gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedRegions } from '../../../analytics/coverage/hex-regions.js';
import { siteCandidates, type SiteCandidate } from '../../../analytics/coverage/site-candidates.js';
import { weakCoverage } from '../../../analytics/coverage/weak-coverage.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { COVERAGE_CATEGORIES } from '../../../domain/enums.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import * as area from './coverage-fixture.js';

let tmp: TmpDb;
let candidates: SiteCandidate[];
beforeAll(async () => {
  tmp = await openTmpDb();
  await area.ingestArea(tmp.db);
  candidates = await siteCandidates(tmp.db);
});
afterAll(async () => tmp?.cleanup());

function inHole(candidate: SiteCandidate): keyof typeof area.HOLES | undefined {
  const names = Object.keys(area.HOLES) as (keyof typeof area.HOLES)[];
  return names.find((name) => {
    const hole = area.holePoint(name);
    return (
      area.haversineKm(hole.lat, hole.lon, candidate.proposed_point.lat, candidate.proposed_point.lon) <
      area.HOLE_RADIUS_KM
    );
  });
}

function ofHole(name: keyof typeof area.HOLES): SiteCandidate[] {
  return candidates.filter((c) => inHole(c) === name);
}

describe('siteCandidates', () => {
  it('proposes a site inside the hole, at the complaint-weighted centroid of its connected hexagons', () => {
    const [a, ...more] = ofHole('A');
    expect(more).toEqual([]);
    expect(a!.status).toBe('proposed');
    expect(a!.status_reason).toBeNull();
    expect(a!.hexes).toEqual([area.hexCentreOf(area.holePoint('A')).h3, area.holeANeighbour()].sort());
    const mine = area
      .areaComplaints()
      .filter((c) => COVERAGE_CATEGORIES.includes(c.category as never) && a!.hexes.includes(area.hexCentreOf(c).h3));
    expect(a!.complaints).toBe(17);
    expect(a!.complaint_ids).toEqual(mine.map((c) => c.complaint_id).sort());
    expect(a!.proposed_point.lat).toBeCloseTo(mine.reduce((s, c) => s + c.lat, 0) / mine.length, 9);
    expect(a!.proposed_point.lon).toBeCloseTo(mine.reduce((s, c) => s + c.lon, 0) / mine.length, 9);
    const p = a!.proposed_point;
    expect(area.bruteNearestKm(p.lat, p.lon, 'LTE')).toBeGreaterThan(area.HOLE_RADIUS_KM - area.HEX_ACROSS_KM);
    expect(a!.nearest_active!.distance_km).toBeCloseTo(area.bruteNearestKm(p.lat, p.lon, 'LTE'), 9);
    expect(a!.technology).toBe('LTE');
    expect(a!.technologies).toEqual({ LTE: 15, NR: 2 });
  });

  it('marks a region in a no_investment event circle, and ignores an event that had ended', async () => {
    const [b] = ofHole('B');
    expect(b).toMatchObject({ status: 'no_investment' });
    expect(b!.status_reason).toContain('NOINV-B');
    // The ENDED event over hole A applies only when asked about a time before its end.
    const then = await siteCandidates(tmp.db, { at: '2023-03-01T00:00:00+08:00' });
    const aThen = then.find((c) => c.candidate_id === ofHole('A')[0]!.candidate_id);
    expect(aThen).toMatchObject({ status: 'no_investment' });
    expect(aThen!.status_reason).toContain('ENDED');
  });

  it('marks a region with a no_investment cell in one of its hexagons', () => {
    const [e] = ofHole('E');
    expect(e).toMatchObject({ status: 'no_investment' });
    expect(e!.status_reason).toContain('NOINV-E');
  });

  it('marks a region with a planned site as planned_site, naming the planned cell', () => {
    const [c] = ofHole('C');
    expect(c).toMatchObject({ status: 'planned_site' });
    expect(c!.status_reason).toContain('PLAN-C');
    expect(c!.nearest_planned!.cell_id).toBe('PLAN-C');
    const p = c!.proposed_point;
    const plan = area.areaSites().find((s) => s.cell_id === 'PLAN-C')!;
    expect(c!.nearest_planned!.distance_km).toBeCloseTo(area.haversineKm(p.lat, p.lon, plan.lat, plan.lon), 9);
  });

  it('splits hexagons that are not adjacent into separate regions', () => {
    const d = ofHole('D');
    expect(d).toHaveLength(2);
    expect(d.map((c) => c.complaints).sort()).toEqual([3, 4]);
    for (const x of d[0]!.hexes) for (const y of d[1]!.hexes) expect(gridDistance(x, y)).toBeGreaterThan(1);
    expect(d.every((c) => c.status === 'proposed')).toBe(true);
  });

  it('ranks proposed regions first, by complaints, then planned_site, then no_investment', () => {
    expect(candidates.map((c) => inHole(c))).toEqual(['A', 'D', 'D', 'C', 'B', 'E']);
    expect(candidates.map((c) => c.status)).toEqual(area.RANKED_STATUSES);
    expect(candidates.slice(0, 3).map((c) => c.complaints)).toEqual([17, 4, 3]);
  });

  it('keeps candidate ids stable, and drops hexagons under the threshold', async () => {
    const again = await siteCandidates(tmp.db, { from: '2024-04-01T00:00:00', to: '2024-06-01T00:00:00' });
    expect(again.map((c) => c.candidate_id)).toEqual(candidates.map((c) => c.candidate_id));
    expect(new Set(candidates.map((c) => c.candidate_id)).size).toBe(candidates.length);
    const busier = await siteCandidates(tmp.db, { minComplaints: 4 });
    expect(busier.map((c) => c.complaints)).toEqual([14, 4, 5, 4]);
    // Region A lost its 3-complaint hexagon, so it is another set of hexes and another id.
    expect(busier[0]!.candidate_id).not.toBe(candidates[0]!.candidate_id);
  });

  // Last in this block: it adds events to the shared database.
  it('marks regions near planned_construction areas, given by a point or by a cell', async () => {
    const [d1, d2] = ofHole('D').sort((x, y) => y.complaints - x.complaints);
    const near = d1!.nearest_active!;
    const gapKm = 0.5;
    await ingestFile(tmp.db, {
      kind: 'events',
      source: {
        name: 'construction',
        records: [
          {
            event_id: 'BUILD-D2',
            ...d2!.proposed_point,
            radius_m: 200,
            kind: 'planned_construction',
            starts_at: '2024-04-01T00:00:00+08:00',
          },
          {
            event_id: 'BUILD-D1',
            cell_id: near.cell_id,
            radius_m: (near.distance_km - gapKm) * 1000,
            kind: 'planned_construction',
            starts_at: '2024-04-01T00:00:00+08:00',
          },
        ],
      },
    });
    const after = await siteCandidates(tmp.db);
    const byId = new Map(after.map((c) => [c.candidate_id, c]));
    expect(byId.get(d2!.candidate_id)).toMatchObject({ status: 'planned_site' });
    expect(byId.get(d2!.candidate_id)!.status_reason).toContain('BUILD-D2');
    expect(byId.get(d1!.candidate_id)).toMatchObject({ status: 'planned_site' });
    expect(byId.get(d1!.candidate_id)!.status_reason).toContain('BUILD-D1');
    // The cell's circle ends 0.5 km short of the point: within the default 1 km, not within 0.25 km.
    const strict = await siteCandidates(tmp.db, { plannedWithinKm: gapKm / 2 });
    expect(strict.find((c) => c.candidate_id === d1!.candidate_id)).toMatchObject({ status: 'proposed' });
  });

  it('refuses bad parameters', async () => {
    await expect(siteCandidates(tmp.db, { minComplaints: 0 })).rejects.toMatchObject({ code: 'invalid_parameter' });
    await expect(siteCandidates(tmp.db, { plannedWithinKm: -1 })).rejects.toMatchObject({ code: 'invalid_parameter' });
  });
});

describe('an empty database', () => {
  it('gives no candidates and no hexagons (regression: kdbush refused an empty event tree)', async () => {
    const empty = await openTmpDb();
    try {
      expect(await siteCandidates(empty.db)).toEqual([]);
      expect(await weakCoverage(empty.db)).toEqual([]);
    } finally {
      await empty.cleanup();
    }
  });
});

describe('connectedRegions', () => {
  it('partitions any hexagon set into connected, mutually non-adjacent regions', () => {
    const origin = latLngToCell(area.CENTRE.lat, area.CENTRE.lon, area.RES);
    const pool = gridDisk(origin, 4);
    fc.assert(
      fc.property(fc.subarray(pool, { minLength: 0, maxLength: 30 }), (hexes) => {
        const regions = connectedRegions(hexes);
        expect(regions.flat().sort()).toEqual([...hexes].sort());
        for (const region of regions) expect(isConnected(region)).toBe(true);
        for (let i = 0; i < regions.length; i += 1) {
          for (let j = i + 1; j < regions.length; j += 1) {
            for (const x of regions[i]!) for (const y of regions[j]!) expect(gridDistance(x, y)).toBeGreaterThan(1);
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

/** Brute force: every hexagon reachable from the first by steps of grid distance 1 within the set. */
function isConnected(region: readonly string[]): boolean {
  const reached = new Set([region[0]!]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const h of region) {
      if (!reached.has(h) && [...reached].some((r) => gridDistance(r, h) === 1)) {
        reached.add(h);
        grew = true;
      }
    }
  }
  return reached.size === region.length;
}
