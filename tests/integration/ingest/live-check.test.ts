import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listValue } from '@duckdb/node-api';
import { ingestComplaints, ingestFile } from '../../../api/services/ingest-service.js';
import { CellpulseError } from '../../../domain/errors.js';
import { zonedIsoMicros } from '../../../ingest/live-check.js';
import { dumpTable } from '../../helpers/table-dump.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';

const base = {
  complaint_id: 'X',
  received_at: '2026-10-05T10:00:00+08:00',
  city: 'Harbin',
  category: 'other',
  technology: 'LTE',
};

/** Items that probe every rule and every way a value can be written. */
const TRICKY: unknown[] = [
  { ...base, complaint_id: 'OK-1', lat: 45.75, lon: 126.63 },
  { ...base, complaint_id: 'OK-2', lat: '45.7', lon: ' 126.6 ', category: 'CALL_DROP', technology: 'nr' },
  { ...base, complaint_id: 'YES', satisfied: 'Y' },
  { ...base, complaint_id: 'LOCAL', received_at: '2026-10-05 10:00', replied_at: '2026-10-05T11:00:00Z' },
  { ...base, complaint_id: 'RES', resolution: 'Explained' },
  { ...base, complaint_id: 'DATE-ONLY', received_at: '2026-10-05', satisfied: false },
  {
    ...base,
    complaint_id: 'ZH',
    received_at: '2026年10月5日 10:00',
    category: '掉话',
    technology: '４Ｇ',
    satisfied: '是',
  },
  { ...base, complaint_id: 'SLASH', received_at: '2026/10/5 10:00', resolution: '故障修复', satisfied: '不满意' },
  { ...base, complaint_id: 'MICROS', received_at: '2026-10-05T10:00:00.123456+08:00', satisfied: 0 },
  { ...base, complaint_id: 'EXP', lat: '4.5e1', lon: '1.266e2' },
  { ...base, complaint_id: 'NAN', lat: 'nan', lon: 'inf' },
  { ...base, complaint_id: 'HEX', lat: '0x10', lon: '1_0' },
  { ...base, complaint_id: 'FAR', lat: 123.4, lon: -200 },
  { ...base, complaint_id: 'HALF', lat: 45.7 },
  { ...base, complaint_id: 'BAD-TS', received_at: '2026-13-45 25:00', replied_at: 'soon', resolved_at: 12 },
  { ...base, complaint_id: 'NUM-TS', received_at: 1_790_000_000 },
  { ...base, complaint_id: 'BAD-ENUMS', category: 'dropped', technology: '5G', resolution: 'fixed', satisfied: 'mb' },
  { ...base, complaint_id: '   ', city: ' ', category: '', technology: null },
  { ...base, complaint_id: 42, city: { name: 'Harbin' }, cell_id: ['HRB-1'] },
  { ...base, complaint_id: 'BOOL', satisfied: true, lat: true, lon: false },
  { ...base, complaint_id: 'OK-1', city: 'Daqing' },
  'not an object',
  [1, 2],
  null,
  { ...base, complaint_id: 'CELL', cell_id: 'HRB-404' },
  { ...base, complaint_id: 'OK-2', received_at: '2026-10-05T10:30:00Z' },
];

let live: TmpDb;
let file: TmpDb;
beforeEach(async () => {
  [live, file] = await Promise.all([openTmpDb(), openTmpDb()]);
});
afterEach(async () => {
  await Promise.all([live.cleanup(), file.cleanup()]);
});

/**
 * Posts `items` through the live path and through the file pipeline (both as the service runs them, triage
 * included); both must answer and store the same.
 */
async function expectSameAsFile(items: readonly unknown[]): Promise<void> {
  const viaLive = await ingestComplaints(live.db, { items, name: 'api' }).catch((e: unknown) => e as Error);
  const source = { records: items, name: 'api' };
  const viaFile = await ingestFile(file.db, { kind: 'complaints', source, withOutcomes: true }).catch(
    (e: unknown) => e as Error,
  );
  if (viaLive instanceof Error || viaFile instanceof Error) {
    // The file pipeline lists the found keys in no set order: compare what is missing.
    const missing = (e: unknown): string => String((e as Error).message).split('; found')[0]!;
    const refusal = (e: unknown): unknown[] => [e instanceof CellpulseError, missing(e)];
    expect(refusal(viaLive)).toEqual(refusal(viaFile));
    return;
  }
  const counts = (s: typeof viaFile): unknown => [s.total, s.accepted, s.updated, s.rejected];
  expect(counts(viaLive)).toEqual(counts(viaFile));
  expect(viaLive.outcomes).toEqual(viaFile.outcomes);
  for (const table of ['complaints', 'rejected_rows']) {
    expect(await dumpTable(live.db, table, ['run_id'])).toEqual(await dumpTable(file.db, table, ['run_id']));
  }
  const run = (db: TmpDb): Promise<unknown[]> =>
    dumpTable(db.db, 'ingest_runs', ['run_id', 'started_at', 'finished_at', 'actor']);
  expect(await run(live)).toEqual(await run(file));
}

describe('the live path judges and stores items exactly as the file pipeline', () => {
  it('on items that probe every rule, alias-free spelling and value type', async () => {
    await expectSameAsFile(TRICKY);
    expect((await dumpTable(live.db, 'rejected_rows')).length).toBeGreaterThan(10);
  });

  it('on random values in every field (fast-check)', async () => {
    const value = fc.oneof(
      fc.constantFrom(
        '2026-10-05T10:00:00Z',
        '2026-10-05 09:00',
        'LTE',
        'gsm',
        'no_signal',
        'Unresolved',
        'yes',
        'N',
        '45.7',
        ' 12 ',
      ),
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the generator leaves out the controls that are refused
      fc.string({ maxLength: 6 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s)),
      fc.double({ noNaN: true, min: -300, max: 300 }),
      fc.boolean(),
      fc.constant(null),
    );
    const item = fc.record(
      {
        complaint_id: fc.constantFrom('A', 'B', 'C', ' D'),
        received_at: value,
        city: value,
        category: value,
        technology: value,
        lat: value,
        lon: value,
        replied_at: value,
        satisfied: value,
        resolution: value,
      },
      { requiredKeys: ['complaint_id'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 8 }), async (items) => {
        await Promise.all([live.cleanup(), file.cleanup()]);
        [live, file] = await Promise.all([openTmpDb(), openTmpDb()]);
        await expectSameAsFile(items);
      }),
      { numRuns: 15 },
    );
  }, 300_000);

  it('refuses a batch where no item has a required field, as a file, writing nothing', async () => {
    const items = [{ complaint_id: 'N-1', received_at: '2026-11-01T00:00:00Z', city: 'Harbin', technology: 'LTE' }];
    const refusal = await ingestComplaints(live.db, { items, name: 'api' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CellpulseError);
    expect((refusal as CellpulseError).message).toMatch(/missing required column\(s\) category\/投诉类型/);
    for (const table of ['complaints', 'rejected_rows', 'ingest_runs']) {
      expect(await dumpTable(live.db, table)).toEqual([]);
    }
  });
});

describe('control characters', () => {
  it('are refused in ids and names with a reason naming the field, as by file ingest; nothing is written', async () => {
    const items = [
      { ...base, complaint_id: 'A\u0000B' },
      { ...base, complaint_id: 'C-1', city: 'Har\u0007bin' },
      { ...base, complaint_id: 'C-2', cell_id: 'HRB\u007f1', category: 'nope' },
    ];
    await expectSameAsFile(items);
    const reasons = (await dumpTable(live.db, 'rejected_rows')).map((r) => r.reason);
    expect(reasons).toEqual([
      'item 1: complaint_id contains the control character U+0000; remove it',
      'item 2: city contains the control character U+0007; remove it',
      expect.stringMatching(
        /^item 3: cell_id contains the control character U\+007F; remove it; category "nope" is not one of /,
      ),
    ]);
    expect(await dumpTable(live.db, 'complaints')).toEqual([]);
    expect((await dumpTable(live.db, 'rejected_rows')).map((r) => r.line)).toEqual([1, 2, 3]);
  });
});

describe('zoned ISO times read in process', () => {
  it('give the instant DuckDB gives, to the microsecond, or are left to DuckDB (fast-check)', async () => {
    const two = (max: number): fc.Arbitrary<string> =>
      fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(
        fc.integer({ min: 900, max: 9999 }),
        two(13),
        two(32),
        fc.constantFrom('T', ' '),
        two(24),
        two(60),
        two(60),
        fc.option(fc.stringMatching(/^[0-9]{1,7}$/)),
        fc.oneof(
          fc.constant('Z'),
          fc.tuple(fc.constantFrom('+', '-'), two(15), two(60)).map((p) => p.join('')),
        ),
      )
      .map(([y, mo, d, sep, h, mi, s, frac, zone]) => {
        const offset = zone === 'Z' ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
        const fraction = frac === null ? '' : `.${frac}`;
        return `${String(y).padStart(4, '0')}-${mo}-${d}${sep}${h}:${mi}:${s}${fraction}${offset}`;
      });
    const samples = fc.sample(text, { numRuns: 400, seed: 17 });
    // As text: microseconds of far years pass 2^53.
    const cast = await live.db.all<{ t: string; us: string | null }>(
      `SELECT t, CASE WHEN isfinite(TRY_CAST(t AS TIMESTAMPTZ))
         THEN epoch_us(TRY_CAST(t AS TIMESTAMPTZ))::VARCHAR END AS us
       FROM (SELECT unnest($texts) AS t)`,
      { texts: listValue(samples) },
    );
    const read = cast.filter((r) => zonedIsoMicros(r.t) !== undefined);
    expect(read.length).toBeGreaterThan(100);
    for (const r of read) expect([r.t, zonedIsoMicros(r.t)]).toEqual([r.t, r.us === null ? null : BigInt(r.us)]);
  });
});
