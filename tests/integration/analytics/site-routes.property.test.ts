import fc from 'fast-check';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listValue } from '@duckdb/node-api';
import type { LiveProbe } from '../../../analytics/triage/live-probe.js';
import { routeProbes } from '../../../analytics/triage/route-probes.js';
import { TriageReference } from '../../../analytics/triage/triage-reference.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { openTmpDb, TEST_SETTINGS, type TmpDb } from '../../helpers/tmp-db.js';
import { T0 } from './triage-reference.js';

/**
 * The live path decides planned-site and no-investment routes in memory when no event is near
 * (`TriageReference.siteRoute`); the SQL rules the look-up runs are the reference. Probes lie at every
 * distance up to just past the 1 km reach of a planned site — on it, a few metres off (a reason of
 * "0.0 km"), at two sites equally far — and in no-investment hexagons, so the reasons' numbers, the
 * nearest-site choice and the reach are held to the SQL's own.
 */
// P1 and P2 tie (the SQL names P1; in memory a tie is left to it); P3 is 0.87 km from them, P5 0.58 km from P4.
const PLANNED = [
  { cell_id: 'P1', lat: 45.75, lon: 126.65 },
  { cell_id: 'P2', lat: 45.75, lon: 126.65 },
  { cell_id: 'P3', lat: 45.7512, lon: 126.6611 },
  { cell_id: 'P4', lat: 45.7705, lon: 126.6205 },
  { cell_id: 'P5', lat: 45.7705, lon: 126.628 },
];
const NO_INVESTMENT = [
  { cell_id: 'N2', lat: 45.781, lon: 126.681 },
  { cell_id: 'N1', lat: 45.7811, lon: 126.6812 },
];
const KM_PER_DEG_LAT = 111.195;

const arbProbe = fc.record({
  from: fc.constantFrom(...PLANNED, ...NO_INVESTMENT),
  // fast-check's doubles lean to the small ones: the reach gets draws of its own.
  km: fc.oneof(
    fc.double({ min: 0, max: 1.03, noNaN: true }),
    fc.double({ min: 0.97, max: 1.03, noNaN: true }),
    fc.constantFrom(0, 0.003, 0.005, 0.995, 1),
  ),
  bearing: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
  category: fc.constantFrom('weak_coverage', 'no_signal', 'no_service', 'call_drop'),
});

type DrawnProbe = typeof arbProbe extends fc.Arbitrary<infer T> ? T : never;

function probeOf({ from, km, bearing, category }: DrawnProbe, i: number): LiveProbe {
  const lat = from.lat + (km * Math.cos(bearing)) / KM_PER_DEG_LAT;
  const lon = from.lon + (km * Math.sin(bearing)) / (KM_PER_DEG_LAT * Math.cos((from.lat * Math.PI) / 180));
  const h3 = latLngToCell(lat, lon, TEST_SETTINGS.h3Resolution);
  return { complaint_id: `Q${i}`, received_us: BigInt(T0) * 1000n, category, lat, lon, h3, cell_id: null };
}

describe('routes by planned sites and no-investment cells, in memory', () => {
  let tmp: TmpDb;
  beforeAll(async () => {
    tmp = await openTmpDb();
    const site = (s: { cell_id: string; lat: number; lon: number }, status: string) => ({
      ...s,
      site_id: s.cell_id,
      city: 'Harbin',
      technology: 'LTE',
      status,
    });
    const records = [...PLANNED.map((s) => site(s, 'planned')), ...NO_INVESTMENT.map((s) => site(s, 'no_investment'))];
    await ingestFile(tmp.db, { kind: 'sites', source: { name: 'sites', records } });
  });
  afterAll(async () => tmp.cleanup());

  /** Compares each probe's in-memory answer with the SQL's; counts what was decided, by answer. */
  async function compare(drawn: readonly DrawnProbe[], decided: Map<string, number>): Promise<void> {
    const probes = drawn.map(probeOf);
    const bySql = await tmp.db.write((conn) => sqlRoutes(conn, probes), { dataChange: false });
    const reference = await tmp.db.write((conn) => TriageReference.load(conn), { dataChange: false });
    const count = (key: string) => decided.set(key, (decided.get(key) ?? 0) + 1);
    for (const p of probes) {
      const inMemory = reference.siteRoute(p);
      // Away from the tie, only a distance within a hair of a boundary goes to the SQL: none is drawn.
      if (inMemory === undefined && !nearTie(p)) count('left away from the tie');
      if (inMemory === undefined) continue;
      count(inMemory?.route ?? 'none');
      if (inMemory?.route_reason.endsWith('.0 km')) count('whole km');
      if (inMemory === null) expect(bySql.get(p.complaint_id)?.route, show(p)).toMatch(/^(construction|optimisation)$/);
      else expect(inMemory, show(p)).toEqual(bySql.get(p.complaint_id));
    }
  }

  it('gives the route and reason the SQL rules give, or leaves the probe to them (random places)', async () => {
    const decided = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(arbProbe, { minLength: 1, maxLength: 30 }), (drawn) => compare(drawn, decided)),
      { numRuns: 60, seed: 11 },
    );
    for (const route of ['reply_planned', 'reply_no_investment', 'none'])
      expect(decided.get(route)).toBeGreaterThan(20);
    expect(decided.get('whole km')).toBeGreaterThan(0);
    expect(decided.get('left away from the tie')).toBeUndefined();
  }, 120_000);

  it('does so every 5 m out to past the reach, in 12 directions from every site', async () => {
    const decided = new Map<string, number>();
    const drawn = [...PLANNED, ...NO_INVESTMENT].flatMap((from) =>
      Array.from({ length: 207 }, (_, step) =>
        Array.from({ length: 12 }, (_, b) => ({
          from,
          km: step * 0.005 + 0.0004,
          bearing: (b * Math.PI) / 6 + 0.1,
          category: b % 4 === 3 ? ('call_drop' as const) : ('weak_coverage' as const),
        })),
      ).flat(),
    );
    await compare(drawn, decided);
    expect(decided.get('reply_planned')).toBeGreaterThan(1000);
    expect(decided.get('left away from the tie')).toBeUndefined();
  }, 120_000);
});

/** Whether the tied sites P1 and P2 may be the nearest planned ones (within reach, with slack). */
function nearTie(p: LiveProbe): boolean {
  const [dLat, dLon] = [p.lat! - PLANNED[0]!.lat, p.lon! - PLANNED[0]!.lon];
  const km = Math.hypot(dLat * KM_PER_DEG_LAT, dLon * KM_PER_DEG_LAT * Math.cos((p.lat! * Math.PI) / 180));
  return km <= 1.02;
}

function show(p: LiveProbe): string {
  return JSON.stringify({ ...p, received_us: String(p.received_us) });
}

async function sqlRoutes(
  conn: Parameters<typeof TriageReference.load>[0],
  probes: readonly LiveProbe[],
): Promise<Map<unknown, { route: string; route_reason: string }>> {
  const probesSql = `SELECT unnest($ids) AS probe_id, to_timestamp(0) + to_microseconds($us::BIGINT) AS t,
    unnest($lats) AS lat, unnest($lons) AS lon, unnest($hexes) AS h3, NULL::VARCHAR AS cell_id,
    unnest($categories) AS category, false AS counts, NULL::VARCHAR AS cluster_id, false AS cluster_coverage`;
  const routed = await routeProbes(conn, probesSql, {
    ids: listValue(probes.map((p) => p.complaint_id)),
    us: BigInt(T0) * 1000n,
    lats: listValue(probes.map((p) => p.lat)),
    lons: listValue(probes.map((p) => p.lon)),
    hexes: listValue(probes.map((p) => p.h3)),
    categories: listValue(probes.map((p) => p.category)),
  });
  return new Map([...routed].map(([id, r]) => [id, { route: r.route, route_reason: r.route_reason }]));
}
