import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlCharacterReason } from '../../../domain/control-characters.js';
import type { InputKind } from '../../../domain/enums.js';
import { ingest } from '../../../ingest/ingest.js';
import { complaintRow, ingestPath } from '../../helpers/ingest-rows.js';
import { dumpAll } from '../../helpers/table-dump.js';
import { tmpDbPerSuite } from '../../helpers/tmp-db.js';
import { writeCsv, type FixtureRow } from '../../helpers/write-fixture.js';

const t = tmpDbPerSuite();

const SITE = { cell_id: 'S-1', site_id: 'B-1', city: 'Harbin', technology: 'LTE', lat: 45.75, lon: 126.63 };
const SUBSCRIBERS = { city: 'Harbin', technology: 'LTE', month: '2026-03', subscribers: 1000 };
const EVENT = { event_id: 'E-1', cell_id: 'S-1', kind: 'outage', starts_at: '2026-03-05T08:00:00Z', note: 'mast down' };

/** Ingests request-body records; answers the per-row reasons (undefined for a written row). */
async function reasonsOf(kind: InputKind, records: FixtureRow[]): Promise<(string | undefined)[]> {
  const summary = await ingest(t.db, { kind, source: { records, name: 'test' }, withOutcomes: true });
  return (summary.outcomes ?? []).map((o) => o.reason);
}

describe('control characters in ids, names and text are rejected per row, naming the field', () => {
  const cases: [InputKind, FixtureRow, string][] = [
    ['complaints', complaintRow('C-\u0000-1'), 'item 1: complaint_id contains the control character U+0000; remove it'],
    [
      'complaints',
      complaintRow('C-2', { city: 'Har\u001Fbin' }),
      'item 1: city contains the control character U+001F; remove it',
    ],
    [
      'complaints',
      complaintRow('C-3', { cell_id: 'X\u007F' }),
      'item 1: cell_id contains the control character U+007F; remove it',
    ],
    ['sites', { ...SITE, site_id: 'B\u001B[31m' }, 'item 1: site_id contains the control character U+001B; remove it'],
    ['sites', { ...SITE, cell_id: '\tS-2' }, 'item 1: cell_id contains the control character U+0009; remove it'],
    [
      'subscribers',
      { ...SUBSCRIBERS, city: 'Harbin\r' },
      'item 1: city contains the control character U+000D; remove it',
    ],
    ['events', { ...EVENT, event_id: 'E\u00002' }, 'item 1: event_id contains the control character U+0000; remove it'],
    ['events', { ...EVENT, note: 'bell\u0007' }, 'item 1: note contains the control character U+0007; remove it'],
  ];
  for (const [kind, row, reason] of cases) {
    it(`${kind}: ${reason}`, async () => {
      const before = await dumpAll(t.db);
      expect(await reasonsOf(kind, [row])).toEqual([reason]);
      const after = await dumpAll(t.db);
      for (const table of ['complaints', 'cell_sites', 'subscribers', 'network_events'])
        expect(after[table]).toEqual(before[table]);
    });
  }

  it('keeps tabs and line breaks in an event note, and the clean rows of the same batch', async () => {
    const rows = [
      { ...EVENT, event_id: 'E-9', note: 'line 1\nline 2\tend\r\n' },
      { ...EVENT, event_id: 'E-10', cell_id: 'S\n1' },
    ];
    expect(await reasonsOf('events', rows)).toEqual([
      undefined,
      'item 2: cell_id contains the control character U+000A; remove it',
    ]);
  });

  it('rejects them in a CSV file as well, with the line', async () => {
    const path = writeCsv(join(t.dir, 'ctl.csv'), [complaintRow('F-1'), complaintRow('F-\u00012')]);
    const summary = await ingestPath(t.db, 'complaints', path);
    expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
    const rows = await t.db.all<{ reason: string }>(`SELECT reason FROM rejected_rows WHERE run_id = $r`, {
      r: summary.run_id,
    });
    expect(rows.map((r) => r.reason)).toEqual([
      'line 3: complaint_id contains the control character U+0001; remove it',
    ]);
  });

  it('property: the SQL check and the shared TypeScript rule give the same answer for any id', async () => {
    const unit = fc.oneof(
      fc.constantFrom('a', 'Z', '-', '7', ' ', '工'),
      fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
    );
    const id = fc.array(unit, { minLength: 1, maxLength: 8 }).map((units) => `K${units.join('')}`);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(id, { minLength: 1, maxLength: 20 }), async (ids) => {
        const reasons = await reasonsOf(
          'complaints',
          ids.map((x) => complaintRow(x)),
        );
        // The ingest trims spaces (SQL trim) around values before checking them.
        const expected = ids.map((x, i) => {
          const reason = controlCharacterReason('complaint_id', x.replace(/ +$/, ''));
          return reason === undefined ? undefined : `item ${i + 1}: ${reason}`;
        });
        expect(reasons).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
