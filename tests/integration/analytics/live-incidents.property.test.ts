import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellToLatLng, gridDisk } from 'h3-js';
import { detectClusters } from '../../../analytics/clusters/reference/enumeration-detector.js';
import { ingestComplaints } from '../../../api/services/ingest-service.js';
import type { Category } from '../../../domain/enums.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import type { Database } from '../../../store/database.js';
import { HARBIN, line } from '../../unit/analytics/clusters/cluster-fixtures.js';
import { openTmpDb } from '../../helpers/tmp-db.js';

const T0 = Date.parse('2026-10-05T02:00:00Z');
const NEAR = gridDisk(HARBIN, 1);
const PLACES = [...new Set([...gridDisk(HARBIN, 2), ...line(HARBIN, 9)])];
const CATEGORIES: Category[] = ['call_drop', 'weak_coverage'];

/** A posted complaint: ids from a small pool (so batches upsert), mostly near one hexagon, some late or unlocated. */
const posted = fc
  .record({
    id: fc.integer({ min: 0, max: 59 }),
    hex: fc.oneof(
      { arbitrary: fc.constantFrom(...NEAR), weight: 4 },
      { arbitrary: fc.constantFrom(...PLACES), weight: 1 },
    ),
    minute: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 240 }), weight: 6 },
      { arbitrary: fc.integer({ min: -1500, max: -1300 }), weight: 1 },
    ),
    category: fc.constantFrom(...CATEGORIES),
    located: fc.oneof({ arbitrary: fc.constant(true), weight: 12 }, { arbitrary: fc.constant(false), weight: 1 }),
  })
  .map(({ id, hex, minute, category, located }) => {
    const [lat, lon] = cellToLatLng(hex);
    return {
      complaint_id: `P${id}`,
      received_at: new Date(T0 + minute * 60_000).toISOString(),
      city: minute % 2 === 0 ? 'Harbin' : 'Daqing',
      category,
      technology: 'LTE',
      ...(located ? { lat, lon } : {}),
    };
  });

const batches = fc.array(fc.array(posted, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 6 });

/** Every field the detector gives an incident, as stored. */
async function storedIncidents(db: Database): Promise<unknown[]> {
  const rows = await db.all(`SELECT incident_id, category, city, start_at, end_at, hexes, complaint_ids,
      complaint_count, peak_count, centroid_lat, centroid_lon FROM incidents ORDER BY incident_id`);
  return rows.map((r) => ({
    incident_id: r.incident_id,
    category: r.category,
    city: r.city,
    start: r.start_at,
    end: r.end_at,
    hexes: r.hexes,
    complaint_ids: r.complaint_ids,
    complaint_count: r.complaint_count,
    peak_count: r.peak_count,
    centroid: { lat: r.centroid_lat, lon: r.centroid_lon },
  }));
}

async function storedComplaints(db: Database): Promise<ClusterComplaint[]> {
  const rows = await db.all(`SELECT complaint_id, category, h3, epoch_ms(received_at) AS t, city, lat, lon
    FROM complaints WHERE h3 IS NOT NULL`);
  return rows.map((r) => ({
    complaint_id: String(r.complaint_id),
    category: r.category as Category,
    h3: String(r.h3),
    t: Number(r.t),
    city: String(r.city),
    lat: Number(r.lat),
    lon: Number(r.lon),
  }));
}

/** What the batch detector finds over everything stored: incidents (every field) and members. */
async function expected(db: Database): Promise<{ incidents: unknown[]; members: [string, string][] }> {
  const { incidents } = detectClusters(await storedComplaints(db));
  const sorted = [...incidents].sort((a, b) => (a.incident_id < b.incident_id ? -1 : 1));
  return {
    incidents: sorted.map(({ last_t: _last, ...i }) => i),
    members: sorted.flatMap((i) => i.complaint_ids.map((c): [string, string] => [c, i.incident_id])).sort(byFirst),
  };
}

const byFirst = (a: [string, string], b: [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

describe('live batches keep incidents equal to the batch detector (fast-check)', () => {
  it('after every batch of inserts, upserts that move complaints, late and duplicate ids', async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (sequence) => {
        const t = await openTmpDb();
        try {
          const latest = new Map<string, Record<string, unknown>>();
          for (const batch of sequence) {
            await ingestComplaints(t.db, { items: batch, name: 'api' });
            for (const c of batch) latest.set(c.complaint_id, c);
            const want = await expected(t.db);
            expect(await storedIncidents(t.db)).toEqual(want.incidents);
            const members = (await t.db.all('SELECT complaint_id, incident_id FROM cluster_members'))
              .map((r): [string, string] => [String(r.complaint_id), String(r.incident_id)])
              .sort(byFirst);
            expect(members).toEqual(want.members);
          }
          const stored = await t.db.all(
            'SELECT complaint_id, category, epoch_ms(received_at) AS t FROM complaints ORDER BY complaint_id',
          );
          const model = [...latest.values()].sort((a, b) => (String(a.complaint_id) < String(b.complaint_id) ? -1 : 1));
          expect(stored.map((r) => [r.complaint_id, r.category, Number(r.t)])).toEqual(
            model.map((c) => [c.complaint_id, c.category, Date.parse(String(c.received_at))]),
          );
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  }, 600_000);
});
