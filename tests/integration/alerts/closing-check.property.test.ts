import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestComplaints, ingestFile } from '../../../api/services/ingest-service.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { burst, complaint } from '../api/api-fixture.js';

/**
 * The alert closing check of live writes skips its read while no incident can close (it holds a
 * bound on the incidents' ends): after any sequence of live writes that move the newest time on,
 * open incidents up to an hour behind the newest time, and file ingests between them, every incident whose
 * last complaint is an hour or more older than the newest has exactly one `incident.closed`
 * event, and no other incident has one.
 */

let t: TmpDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const START = Date.parse('2024-09-02T00:00:00Z');
const MINUTE = 60_000;

const step = fc.record({
  /** Minutes the newest time moves on with one background complaint. */
  advance: fc.integer({ min: 0, max: 150 }),
  /** A burst (an incident) ending this many minutes before the newest time (open when written), or none. */
  burstBefore: fc.option(fc.integer({ min: 0, max: 55 }), { nil: undefined }),
  /** The write goes through the file path (the live path's held view is then stale). */
  file: fc.boolean(),
});

describe('alert closing check of live writes (fast-check)', () => {
  it('closes every incident an hour behind the newest complaint exactly once, and no other', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        t = await openTmpDb();
        try {
          let newest = START;
          const closed: string[] = [];
          // The first check only records the newest time: it comes before any incident.
          const first = complaint('first', new Date(START).toISOString(), 'Hangzhou', 'other', 'LTE', 20, 100);
          await ingestComplaints(t.db, { items: [first], name: 'api' });
          for (const [k, s] of steps.entries()) {
            newest += s.advance * MINUTE;
            // Far apart, so that no two bursts and no background complaint share a group.
            const background = complaint(`bg${k}`, new Date(newest).toISOString(), 'Hangzhou', 'other', 'LTE', 20, 100);
            const at = s.burstBefore === undefined ? undefined : new Date(newest - (s.burstBefore + 5) * MINUTE);
            const items = [background, ...(at ? burst(`b${k}`, at.toISOString(), 'call_drop', 30 + k, 120) : [])];
            const outcome = s.file
              ? await ingestFile(t.db, { kind: 'complaints', source: { records: items, name: `f${k}` } })
              : await ingestComplaints(t.db, { items, name: 'api' });
            closed.push(...outcome.events.filter((e) => e.type === 'incident.closed').map((e) => e.incident_id));
          }
          const incidents = await t.db.all<{ incident_id: string; end_ms: number }>(
            'SELECT incident_id, epoch_ms(end_at) AS end_ms FROM incidents',
          );
          const due = incidents.filter((i) => Number(i.end_ms) <= newest - 60 * MINUTE).map((i) => i.incident_id);
          expect([...closed].sort()).toEqual(due.sort());
        } finally {
          await t.cleanup();
          t = undefined;
        }
      }),
      { numRuns: 25 },
    );
  }, 600_000);
});
