import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frontDeskLookup } from '../../../analytics/lookup/front-desk-lookup.js';
import { getComplaint } from '../../../analytics/triage/complaint-records.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { openTmpDb } from '../../helpers/tmp-db.js';
import { arbEvent, arbPointNear, CELLS, ingestReferenceData, iso } from './triage-reference.js';

/** A few spots about a kilometre apart, so probes share hexagons, clusters form and areas overlap them. */
const SPOTS = [
  { lat: 45.75, lon: 126.65 },
  { lat: 45.754, lon: 126.656 },
  { lat: 45.745, lon: 126.66 },
  { lat: 45.758, lon: 126.64 },
];

const arbPoint = arbPointNear(SPOTS, 0.002);

const arbSite = fc.record({
  point: arbPoint,
  status: fc.constantFrom('active', 'active', 'active', 'planned', 'no_investment'),
});

const arbEventNear = arbEvent(arbPoint, { radius: 1500, start: 180, length: 240 });

const arbComplaint = fc.record({
  point: arbPoint,
  minute: fc.integer({ min: 0, max: 90 }),
  category: fc.constantFrom('weak_coverage', 'no_signal', 'call_drop'),
  cell: fc.option(fc.constantFrom(...CELLS, 'UNKNOWN')),
});

type Complaint = typeof arbComplaint extends fc.Arbitrary<infer T> ? T : never;

describe('the front-desk look-up and triage agree (SPEC §11)', () => {
  it('answers, for a point, time and category, the route the complaint then gets when written', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbSite, { minLength: 3, maxLength: 3 }),
        fc.array(arbEventNear, { maxLength: 3 }),
        fc.array(arbComplaint, { minLength: 20, maxLength: 60 }),
        fc.array(arbComplaint, { minLength: 1, maxLength: 8 }),
        async (sites, events, history, probes) => {
          const tmp = await openTmpDb(undefined, 'cellpulse-triage-prop-');
          try {
            const db = tmp.db;
            await ingestReferenceData(db, sites, events);
            const record = (c: Complaint, id: string): Record<string, unknown> => ({
              complaint_id: id,
              received_at: iso(c.minute),
              city: 'Harbin',
              category: c.category,
              technology: 'LTE',
              ...c.point,
              ...(c.cell === null ? {} : { cell_id: c.cell }),
            });
            if (history.length > 0)
              await ingestFile(db, {
                kind: 'complaints',
                source: { name: 'history', records: history.map((c, i) => record(c, `H${i}`)) },
              });
            for (const [i, probe] of probes.entries()) {
              const asked = await frontDeskLookup(db, {
                ...probe.point,
                at: iso(probe.minute),
                category: probe.category as 'call_drop',
                ...(probe.cell === null ? {} : { cellId: probe.cell }),
              });
              await ingestFile(db, {
                kind: 'complaints',
                source: { name: `probe-${i}`, records: [record(probe, `P${i}`)] },
              });
              seen.add(asked.route);
              expect(
                (await getComplaint(db, `P${i}`))?.route,
                JSON.stringify({ probe, asked: asked.route_reason }),
              ).toBe(asked.route);
            }
          } finally {
            await tmp.cleanup();
          }
        },
      ),
      { numRuns: 12, seed: 1 },
    );
    // The random places and times reach most rules, clusters included; the seed is pinned because twelve
    // unseeded runs miss construction or the cluster routes now and then, and a test must not flip.
    expect(seen.has('construction') && (seen.has('priority') || seen.has('escalate')), [...seen].join(' ')).toBe(true);
  }, 240_000);
});
