import { LIST, listValue, VARCHAR } from '@duckdb/node-api';
import fc from 'fast-check';
import { latLngToCell } from 'h3-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RecentComplaints,
  type RecentChange,
  type RegionCell,
} from '../../../analytics/clusters/incidents/recent-complaints.js';
import type { ClusterComplaint } from '../../../domain/incident.js';
import type { Database } from '../../../store/database.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';

/**
 * The recent located complaints a server holds answer every region that lies within them exactly as
 * a fresh read of the store does, after any sequence of writes applied to them (new rows, upserts
 * that move a complaint to another hexagon, category or time, rows older than what is held, a newest
 * time that moves far enough to drop the oldest), and their view of a write in progress (`with`)
 * answers as the store does inside that write.
 */

let t: TmpDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const HEXES = [0, 1, 2].map((i) => latLngToCell(45.7 + i * 0.005, 126.6, 8));
const CATEGORIES = ['no_signal', 'call_drop'] as const;
const START = Date.parse('2026-10-01T00:00:00Z');
const HOUR = 3_600_000;

const row = fc.record({
  id: fc.integer({ min: 0, max: 30 }),
  hex: fc.integer({ min: 0, max: 2 }),
  category: fc.integer({ min: 0, max: 1 }),
  // Milliseconds past the start, up to 30 h on: writes after 12 h make the held rows reach less far back.
  t: fc.integer({ min: 0, max: 30 * HOUR }),
});

function complaintOf(r: { id: number; hex: number; category: number; t: number }): ClusterComplaint {
  return {
    complaint_id: `c${r.id}`,
    category: CATEGORIES[r.category]!,
    h3: HEXES[r.hex]!,
    t: START + r.t,
    city: 'Harbin',
    lat: 45.7,
    lon: 126.6,
  };
}

/** Writes the rows (replacing stored ids) as a live write does; answers the write's change. */
async function write(conn: Parameters<Parameters<Database['write']>[0]>[0], rows: ClusterComplaint[]) {
  const latest = new Map(rows.map((r) => [r.complaint_id, r]));
  const ids = { ids: listValue([...latest.keys()]) };
  const types = { ids: LIST(VARCHAR) };
  const stored = await conn.runAndReadAll(
    'DELETE FROM complaints WHERE list_contains($ids, complaint_id) RETURNING complaint_id',
    ids,
    types,
  );
  const removed = new Set(stored.getRowsJS().map((r) => String(r[0])));
  for (const r of latest.values()) {
    await conn.run(
      `INSERT INTO complaints (complaint_id, received_at, city, category, technology, lat, lon, h3, run_id)
       VALUES ($id, to_timestamp(0) + to_microseconds($us::BIGINT), $city, $category, 'LTE', $lat, $lon, $h3, 0)`,
      {
        id: r.complaint_id,
        us: BigInt(r.t) * 1000n,
        city: r.city,
        category: r.category,
        lat: r.lat,
        lon: r.lon,
        h3: r.h3,
      },
    );
  }
  return { added: [...latest.values()], removed } satisfies RecentChange;
}

/** Every cell of the test over [lo, end of time]. */
function cellsFrom(lo: number): RegionCell[] {
  return CATEGORIES.flatMap((category) => HEXES.map((h3) => ({ category, h3, lo, hi: START + 100 * HOUR })));
}

const byId = (rows: ClusterComplaint[] | undefined): ClusterComplaint[] | undefined =>
  rows && [...rows].sort((a, b) => (a.complaint_id < b.complaint_id ? -1 : 1));

describe('recent complaints held in memory', () => {
  it('answer every region they hold as the store does, after any sequence of writes', async () => {
    t = await openTmpDb();
    const { db } = t;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(row, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        async (batches) => {
          await db.write((conn) => conn.run('DELETE FROM complaints'), { touches: ['complaints'] });
          await db.write((conn) => write(conn, [complaintOf({ id: 99, hex: 0, category: 0, t: 0 })]));
          const held = await db.use((conn) => RecentComplaints.load(conn));
          for (const batch of batches) {
            await db.write(async (conn) => {
              const change = await write(conn, batch.map(complaintOf));
              // Inside the write: the view with the change on top answers as the store does now.
              for (const lo of [START - HOUR, START + 6 * HOUR, START + 20 * HOUR]) {
                const seen = held.with(change).read(cellsFrom(lo));
                if (seen) expect(byId(seen)).toEqual(byId(await storeRows(conn, lo)));
              }
              held.apply(change);
            });
            const fresh = await db.use((conn) => RecentComplaints.load(conn));
            for (const lo of [START - HOUR, START + 6 * HOUR, START + 20 * HOUR, START + 29 * HOUR]) {
              const seen = held.read(cellsFrom(lo));
              if (seen) expect(byId(seen)).toEqual(byId(await db.use((conn) => storeRows(conn, lo))));
              const again = fresh.read(cellsFrom(lo));
              if (again) expect(byId(again)).toEqual(byId(await db.use((conn) => storeRows(conn, lo))));
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

/** The located complaints received from `lo` (ms) on, read from the store. */
async function storeRows(conn: Parameters<Parameters<Database['write']>[0]>[0], lo: number) {
  const reader = await conn.runAndReadAll(
    `SELECT complaint_id, category, h3, epoch_ms(received_at) AS t, city, lat, lon FROM complaints
     WHERE epoch_ms(received_at) >= $lo AND h3 IS NOT NULL`,
    { lo },
  );
  return reader.getRowObjectsJS().map(
    (r): ClusterComplaint => ({
      complaint_id: String(r.complaint_id),
      category: r.category as ClusterComplaint['category'],
      h3: String(r.h3),
      t: Number(r.t),
      city: String(r.city),
      lat: Number(r.lat),
      lon: Number(r.lon),
    }),
  );
}
