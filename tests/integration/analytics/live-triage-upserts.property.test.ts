import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestComplaints, ingestFile } from '../../../api/services/ingest-service.js';
import type { Database } from '../../../store/database.js';
import { openTmpDb } from '../../helpers/tmp-db.js';

/**
 * The live path counts known weak coverage on marks it holds in memory between writes, kept in step
 * with every live batch, upserts included: a complaint that moves to another hexagon, time or
 * category leaves its old place's count. Its routes must stay those of the file path (the SQL
 * rules over the stored data) batch after batch.
 */
const SPOTS = [
  { lat: 45.75, lon: 126.65 },
  { lat: 45.7508, lon: 126.6512 },
];
const T0 = Date.parse('2026-10-05T08:00:00+08:00');
const HOUR = 3_600_000;

const arbComplaint = fc.record({
  id: fc.integer({ min: 0, max: 11 }),
  spot: fc.constantFrom(...SPOTS),
  // Days back over the 90-day window's edge, so marks enter and leave windows.
  hours: fc.integer({ min: -92 * 24, max: 4 }),
  category: fc.constantFrom('weak_coverage', 'no_signal', 'call_drop'),
});

type Complaint = typeof arbComplaint extends fc.Arbitrary<infer T> ? T : never;

function record(c: Complaint): Record<string, unknown> {
  return {
    complaint_id: `C${c.id}`,
    received_at: new Date(T0 + c.hours * HOUR).toISOString(),
    city: 'Harbin',
    category: c.category,
    technology: 'LTE',
    ...c.spot,
  };
}

async function routes(db: Database): Promise<unknown[]> {
  return db.all('SELECT complaint_id, route, route_reason FROM complaints ORDER BY complaint_id');
}

describe('live triage under upserts', () => {
  it('keeps the weak-coverage counts of the file path batch after batch', async () => {
    let construction = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbComplaint, { minLength: 4, maxLength: 12 }),
        fc.array(fc.array(arbComplaint, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 5 }),
        async (history, batches) => {
          const live = await openTmpDb();
          const file = await openTmpDb();
          try {
            for (const { db } of [live, file]) {
              await ingestFile(db, { kind: 'complaints', source: { name: 'history', records: history.map(record) } });
            }
            for (const batch of batches) {
              const items = batch.map(record);
              await ingestComplaints(live.db, { items, name: 'api' });
              await ingestFile(file.db, { kind: 'complaints', source: { name: 'api', records: items } });
              const stored = await routes(live.db);
              expect(stored).toEqual(await routes(file.db));
              construction += stored.filter((r) => (r as { route: string }).route === 'construction').length;
            }
          } finally {
            await live.cleanup();
            await file.cleanup();
          }
        },
      ),
      { numRuns: 20, seed: 11 },
    );
    expect(construction).toBeGreaterThan(0);
  }, 300_000);
});
