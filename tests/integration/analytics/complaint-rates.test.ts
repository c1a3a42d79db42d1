import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complaintRates, type RateField } from '../../../analytics/rates/complaint-rates.js';
import { writeRateTargets } from '../../../analytics/rates/rate-targets.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import type { Database } from '../../../store/database.js';
import type { ComplaintInput as Complaint, SubscriberInput as Subscribers } from '../../helpers/input-records.js';
import { rateComplaintFields, subscriberTables } from '../../helpers/subscriber-tables.js';
import { tmpDbOnDemand } from '../../helpers/tmp-db.js';

const tmp = tmpDbOnDemand('cellpulse-rates-');

async function load(
  complaints: Complaint[],
  subscribers: Subscribers[],
  timeZone = 'Asia/Shanghai',
): Promise<Database> {
  const db = await tmp.open({ h3Resolution: 8, timeZone });
  if (subscribers.length > 0)
    await ingestFile(db, { kind: 'subscribers', source: { records: subscribers, name: 'subs' } });
  if (complaints.length > 0)
    await ingestFile(db, { kind: 'complaints', source: { records: complaints, name: 'complaints' } });
  return db;
}

let next = 0;
function complaint(received_at: string, city: string, technology: string, category = 'call_drop'): Complaint {
  next += 1;
  return { complaint_id: `R-${next}`, received_at, city, category, technology };
}

describe('complaint rates per 10k subscribers', () => {
  it('gives a null rate and a warning for a city with no subscriber rows, still counting its complaints', async () => {
    const db = await load(
      [
        complaint('2026-10-05T10:00:00+08:00', 'Harbin', 'LTE'),
        complaint('2026-10-06T10:00:00+08:00', 'Heihe', 'LTE'),
        complaint('2026-10-07T10:00:00+08:00', 'Heihe', 'LTE'),
      ],
      [{ city: 'Harbin', technology: 'LTE', month: '2026-10', subscribers: 20_000 }],
    );
    const rows = await complaintRates(db, { by: ['city', 'technology', 'month'] });
    expect(rows).toEqual([
      expect.objectContaining({
        city: 'Harbin',
        technology: 'LTE',
        month: '2026-10',
        complaints: 1,
        subscribers: 20_000,
        rate_per_10k: 0.5,
        warning: null,
      }),
      expect.objectContaining({
        city: 'Heihe',
        technology: 'LTE',
        month: '2026-10',
        complaints: 2,
        subscribers: null,
        rate_per_10k: null,
      }),
    ]);
    expect(rows[1]!.warning).toMatch(/no subscriber count for Heihe\/LTE\/2026-10/);
  });

  it('puts a complaint in the local month: 07:00 on 1 November in Shanghai is still October in UTC', async () => {
    const db = await load(
      [
        complaint('2026-11-01T07:00:00+08:00', 'Harbin', 'GSM'),
        complaint('2026-10-31T23:59:00+08:00', 'Harbin', 'GSM'),
      ],
      [
        { city: 'Harbin', technology: 'GSM', month: '2026-10', subscribers: 10_000 },
        { city: 'Harbin', technology: 'GSM', month: '2026-11', subscribers: 40_000 },
      ],
    );
    const rows = await complaintRates(db, { by: ['month'] });
    expect(rows.map((r) => [r.month, r.complaints, r.rate_per_10k])).toEqual([
      ['2026-10', 1, 1],
      ['2026-11', 1, 0.25],
    ]);
  });

  it('keeps the last local evening of October in October when UTC is in November (America/New_York)', async () => {
    const db = await load(
      [complaint('2026-10-31T21:30:00', 'Boston', 'LTE'), complaint('2026-11-01T00:30:00', 'Boston', 'LTE')],
      [
        { city: 'Boston', technology: 'LTE', month: '2026-10', subscribers: 10_000 },
        { city: 'Boston', technology: 'LTE', month: '2026-11', subscribers: 10_000 },
      ],
      'America/New_York',
    );
    const rows = await complaintRates(db, { by: ['month'] });
    expect(rows.map((r) => [r.month, r.complaints])).toEqual([
      ['2026-10', 1],
      ['2026-11', 1],
    ]);
  });

  it('computes totals as Σcomplaints / Σsubscribers, not as the mean of the rates', async () => {
    const db = await load(
      [
        ...Array.from({ length: 9 }, (_, i) => complaint(`2026-10-0${i + 1}T10:00:00+08:00`, 'Harbin', 'WCDMA')),
        complaint('2026-10-01T10:00:00+08:00', 'Daqing', 'WCDMA'),
      ],
      [
        { city: 'Harbin', technology: 'WCDMA', month: '2026-10', subscribers: 90_000 },
        { city: 'Daqing', technology: 'WCDMA', month: '2026-10', subscribers: 1_000 },
      ],
    );
    const byCity = await complaintRates(db, { by: ['city'] });
    expect(byCity.map((r) => [r.city, r.rate_per_10k])).toEqual([
      ['Daqing', 10],
      ['Harbin', 1],
    ]);
    const [total] = await complaintRates(db, { by: ['technology'] });
    // The mean of the two cities' rates would be 5.5.
    expect(total).toMatchObject({ technology: 'WCDMA', complaints: 10, subscribers: 91_000 });
    expect(total!.rate_per_10k).toBeCloseTo((10 / 91_000) * 10_000, 12);
  });

  it('lists a group with subscribers, no complaints at rate 0; flags cities above target; gives change', async () => {
    const db = await load(
      [
        complaint('2026-09-10T10:00:00+08:00', 'Harbin', 'GSM'),
        ...Array.from({ length: 3 }, (_, i) => complaint(`2026-10-1${i}T10:00:00+08:00`, 'Harbin', 'GSM')),
      ],
      ['2026-09', '2026-10'].flatMap((month) => [
        { city: 'Harbin', technology: 'GSM', month, subscribers: 10_000 },
        { city: 'Daqing', technology: 'GSM', month, subscribers: 10_000 },
      ]),
    );
    await writeRateTargets(db, { GSM: 2 });
    const rows = await complaintRates(db, { by: ['city', 'month'], from: '2026-10', to: '2026-10', technology: 'GSM' });
    expect(rows).toEqual([
      expect.objectContaining({
        city: 'Daqing',
        month: '2026-10',
        complaints: 0,
        rate_per_10k: 0,
        above_target: false,
        previous_rate_per_10k: 0,
        change_per_10k: 0,
      }),
      expect.objectContaining({
        city: 'Harbin',
        month: '2026-10',
        complaints: 3,
        rate_per_10k: 3,
        target_per_10k: 2,
        above_target: true,
        previous_rate_per_10k: 1,
        change_per_10k: 2,
      }),
    ]);
    const overridden = await complaintRates(db, {
      by: ['city', 'technology'],
      from: '2026-10',
      to: '2026-10',
      targets: { GSM: 5 },
    });
    expect(overridden.find((r) => r.city === 'Harbin')).toMatchObject({
      target_per_10k: 5,
      above_target: false,
      previous_rate_per_10k: 1,
    });
  });

  it('refuses two period fields and a bad month', async () => {
    const db = await load([], []);
    await expect(complaintRates(db, { by: ['month', 'day'] })).rejects.toThrow(/at most one of month, week, day/);
    await expect(complaintRates(db, { by: ['city'], from: '2026-13' })).rejects.toThrow(/YYYY-MM/);
  });
});

const CITIES = ['Harbin', 'Daqing', 'Heihe'];
const TECHS = ['GSM', 'WCDMA', 'LTE'];
const MONTHS = ['2026-09', '2026-10', '2026-11'];
const localMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

/** The hand computation: a plain loop over the input rows, months by Intl in the zone. */
function handRates(
  complaints: Complaint[],
  subscribers: Subscribers[],
  by: RateField[],
): Map<string, { complaints: number; subscribers: number | null }> {
  const key = (city: string, technology: string, month: string): string =>
    by.map((f) => (f === 'city' ? city : f === 'technology' ? technology : month)).join('|');
  const out = new Map<string, { complaints: number; subscribers: number | null }>();
  for (const s of subscribers) {
    const entry = out.get(key(s.city, s.technology, s.month)) ?? { complaints: 0, subscribers: null };
    entry.subscribers = (entry.subscribers ?? 0) + s.subscribers;
    out.set(key(s.city, s.technology, s.month), entry);
  }
  for (const c of complaints) {
    const month = localMonth.format(new Date(c.received_at)).slice(0, 7);
    const entry = out.get(key(c.city, c.technology, month)) ?? { complaints: 0, subscribers: null };
    entry.complaints += 1;
    out.set(key(c.city, c.technology, month), entry);
  }
  return out;
}

describe('complaint rates against a hand computation', () => {
  it('agrees on random complaints and subscriber tables with holes', async () => {
    const arbComplaint = fc.record(rateComplaintFields(CITIES, TECHS, MONTHS));
    const arbSubs = subscriberTables(CITIES, TECHS, MONTHS, 27);
    const arbBy = fc.subarray<RateField>(['city', 'technology', 'month'], { minLength: 0 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbComplaint, { minLength: 1, maxLength: 60, size: 'max' }),
        arbSubs,
        arbBy,
        async (raw, subscribers, by) => {
          const complaints = raw.map((c) => complaint(new Date(c.at).toISOString(), c.city, c.technology));
          const db = await load(complaints, subscribers);
          try {
            const rows = await complaintRates(db, { by, from: '2026-09', to: '2026-11' });
            const expected = handRates(complaints, subscribers, by);
            expect(rows).toHaveLength(expected.size);
            for (const row of rows) {
              const want = expected.get(by.map((f) => row[f]).join('|'))!;
              expect(row.complaints).toBe(want.complaints);
              expect(row.subscribers).toBe(want.subscribers);
              if (want.subscribers === null) expect(row.rate_per_10k).toBeNull();
              else expect(row.rate_per_10k).toBeCloseTo((want.complaints / want.subscribers) * 10_000, 9);
            }
          } finally {
            await tmp.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
