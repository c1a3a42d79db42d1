import { DuckDBInstance, listValue, TIMESTAMPTZ, LIST, timestampTZValue } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLocalKeys } from '../../../analytics/aggregates/complaint-aggregates.js';

// Zones with whole-hour, half-hour and 45-minute offsets, daylight saving (Lord Howe moves by 30 minutes), local mean
// times before 1900 and Monrovia's -0:44:30 until 1972 (its days end inside a span): every kind of span the look-up
// must get right or leave to strftime.
const ZONES = [
  'Asia/Shanghai',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Europe/London',
  'Australia/Lord_Howe',
  'Africa/Monrovia',
  'UTC',
];
const YEAR_US = 365.25 * 86_400_000_000;
const EPOCH_2026_US = 56 * YEAR_US;

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => instance.closeSync());

/** Rows whose local day or month from `withLocalKeys` differs from strftime's, in `zone`. */
async function mismatches(zone: string, micros: readonly number[]): Promise<number> {
  const conn = await instance.connect();
  try {
    await conn.run(`SET TimeZone = '${zone}'`);
    const rows = 'SELECT unnest($times) AS received_at';
    const reader = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER FROM (${withLocalKeys(rows)})
       WHERE local_day IS DISTINCT FROM strftime(received_at, '%Y-%m-%d')
         OR local_month IS DISTINCT FROM strftime(received_at, '%Y-%m')`,
      { times: listValue(micros.map((us) => timestampTZValue(BigInt(Math.trunc(us))))) },
      { times: LIST(TIMESTAMPTZ) },
    );
    return Number(reader.getRowsJS()[0]?.[0]);
  } finally {
    conn.closeSync();
  }
}

describe('withLocalKeys (the aggregates’ local day and month per 15-minute span)', () => {
  it('gives every row the day and month strftime gives it, in any zone and century (fast-check)', async () => {
    const instant = fc.oneof(
      // Around now, a few minutes either side of a quarter hour (where a day ends at whole or odd offsets).
      fc
        .integer({ min: 0, max: 3 * 366 * 96 })
        .chain((q) =>
          fc.integer({ min: -600_000_000, max: 600_000_000 }).map((d) => EPOCH_2026_US - YEAR_US + q * 900e6 + d),
        ),
      // Anywhere from 1850 to 2100, before 1970 included (where spans are not used).
      fc.double({ min: -120 * YEAR_US, max: 130 * YEAR_US, noNaN: true }),
      // Monrovia's midnights of 1970 and 1971 (00:44:30 UTC), a few minutes either side.
      fc
        .tuple(fc.integer({ min: 0, max: 729 }), fc.integer({ min: -300, max: 300 }))
        .map(([day, s]) => (day * 86_400 + 2670 + s) * 1e6),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.array(instant, { minLength: 1, maxLength: 200 }),
        async (z, ts) => {
          expect(await mismatches(z, ts)).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gets a whole month of a million-row file right at its daylight-saving changes', async () => {
    // Every minute of March and October 2026 in London and Lord Howe: both changes of each year.
    const minutes = (month: number): number[] =>
      Array.from({ length: 31 * 1440 }, (_, m) => Date.UTC(2026, month, 1) * 1000 + m * 60e6);
    for (const zone of ['Europe/London', 'Australia/Lord_Howe']) {
      expect(await mismatches(zone, [...minutes(2), ...minutes(9)])).toBe(0);
    }
  });
});
