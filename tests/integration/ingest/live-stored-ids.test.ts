import { listValue } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestComplaints, ingestFile, warmLivePath } from '../../../api/services/ingest-service.js';
import { duckdbHash, StoredIds } from '../../../ingest/live-stored-ids.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { harbinComplaint as item } from '../api/api-fixture.js';

/**
 * The filter of stored ids lets a live batch skip the key look-up for ids it has never seen. It
 * must never call a stored id new: every stored id is held after a load and after adds, and a live
 * write right after a file ingest (the filter then behind, reloading) still updates the ids that
 * file stored instead of storing them twice.
 */

let t: TmpDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe('filter of stored complaint ids', () => {
  it('holds every stored id after a load and every id added', async () => {
    t = await openTmpDb();
    const ids = Array.from({ length: 500 }, (_, i) => `id-${i}-${'x'.repeat(i % 7)}`);
    await ingestFile(t.db, { kind: 'complaints', source: { records: ids.map((id, i) => item(id, i)), name: 'seed' } });
    const filter = await t.db.use((conn) => StoredIds.load(conn));
    expect(ids.filter((id) => !filter.mayHold(id))).toEqual([]);
    filter.add('later-1');
    expect(filter.mayHold('later-1')).toBe(true);
    // A filter that called everything stored would skip nothing: most ids never seen are called new.
    const unseen = Array.from({ length: 1000 }, (_, i) => `unseen-${i}`).filter((id) => filter.mayHold(id));
    expect(unseen.length).toBeLessThan(20);
  });

  it('hashes any text as DuckDB hash() does, so the filter holds ids hashed here (fast-check)', async () => {
    t = await openTmpDb();
    const db = t.db;
    // Lengths around DuckDB's inlined strings (12 bytes) and its 8-byte blocks; any Unicode, NUL included.
    const text = fc.oneof(fc.string({ maxLength: 40, unit: 'binary' }), fc.string({ maxLength: 20, unit: 'grapheme' }));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 50 }), async (texts) => {
        const rows = await db.all<{ h: string }>(
          'SELECT hash(t) AS h FROM (SELECT unnest($texts) AS t, generate_subscripts($texts, 1) AS i) ORDER BY i',
          { texts: listValue(texts) },
        );
        const ours = texts.map((text) => duckdbHash(text)).map(([lo, hi]) => BigInt(lo) + (BigInt(hi) << 32n));
        expect(rows.map((r) => BigInt(r.h))).toEqual(ours);
      }),
      { numRuns: 50 },
    );
  });

  it('loads in chunks with the progress of the ids read, and holds every id of a table of several chunks', async () => {
    t = await openTmpDb();
    await t.db.use((conn) =>
      conn.run(`INSERT INTO complaints (complaint_id, received_at, city, category, technology, run_id)
        SELECT 'bulk-' || i, TIMESTAMPTZ '2026-10-01 00:00:00+00' + to_seconds(i), 'Harbin', 'other', 'LTE', 0
        FROM range(10000) r(i)`),
    );
    const shares: number[] = [];
    const filter = await t.db.use((conn) => StoredIds.load(conn, (share) => shares.push(share)));
    expect(Array.from({ length: 10000 }, (_, i) => `bulk-${i}`).filter((id) => !filter.mayHold(id))).toEqual([]);
    expect(shares.length).toBeGreaterThan(1);
    expect(shares.at(-1)).toBe(1);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
  });

  it('never lets a live write store an id twice, through file ingests and live upserts (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            file: fc.boolean(),
            ids: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }),
          }),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        async (writes) => {
          t = await openTmpDb();
          try {
            await warmLivePath(t.db);
            const stored = new Set<string>();
            for (const [k, w] of writes.entries()) {
              const items = [...new Set(w.ids)].map((n) => item(`c${n}`, k * 10 + n));
              const outcome = w.file
                ? await ingestFile(t.db, { kind: 'complaints', source: { records: items, name: `f${k}` } })
                : await ingestComplaints(t.db, { items, name: 'api' });
              const updated = items.filter((c) => stored.has(String(c.complaint_id))).length;
              expect([outcome.accepted, outcome.updated]).toEqual([items.length - updated, updated]);
              for (const c of items) stored.add(String(c.complaint_id));
            }
            const rows = await t.db.all<{ n: number; ids: number }>(
              'SELECT count(*) AS n, count(DISTINCT complaint_id) AS ids FROM complaints',
            );
            expect([Number(rows[0]!.n), Number(rows[0]!.ids)]).toEqual([stored.size, stored.size]);
          } finally {
            await t.cleanup();
            t = undefined;
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 300_000);
});
