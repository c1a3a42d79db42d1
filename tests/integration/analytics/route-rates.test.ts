import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complaintRates, type RateField, type RateRow } from '../../../analytics/rates/complaint-rates.js';
import { retriage } from '../../../analytics/triage/triage-complaints.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { ROUTES } from '../../../domain/triage.js';
import type { Database } from '../../../store/database.js';
import type { ComplaintInput as Complaint, SubscriberInput as Subscribers } from '../../helpers/input-records.js';
import { rateComplaintFields, subscriberTables } from '../../helpers/subscriber-tables.js';
import { tmpDbOnDemand } from '../../helpers/tmp-db.js';

const tmp = tmpDbOnDemand('cellpulse-route-rates-');

async function open(timeZone = 'Asia/Shanghai'): Promise<Database> {
  return tmp.open({ h3Resolution: 8, timeZone });
}

async function ingest(db: Database, kind: 'complaints' | 'subscribers' | 'events', records: object[]): Promise<void> {
  if (records.length > 0) await ingestFile(db, { kind, source: { records: records as never, name: kind } });
}

const HARBIN = { lat: 45.75, lon: 126.65 };
const located = (id: string, at: string, technology: string, category = 'call_drop'): Complaint => ({
  complaint_id: id,
  received_at: at,
  city: 'Harbin',
  category,
  technology,
  ...HARBIN,
});

function byRoute(rows: readonly RateRow[], city: string): Record<string, [number, number | null, number | null]> {
  const mine = rows.filter((r) => r.city === city);
  return Object.fromEntries(mine.map((r) => [r.route!, [r.complaints, r.subscribers, r.rate_per_10k]]));
}

describe('complaint rates grouped by triage route', () => {
  it("divides a route's complaints by all its city's subscribers, every route listed in the rules' order", async () => {
    const db = await open();
    await ingest(db, 'subscribers', [
      { city: 'Harbin', technology: 'LTE', month: '2026-10', subscribers: 20_000 },
      { city: 'Harbin', technology: 'GSM', month: '2026-10', subscribers: 10_000 },
    ]);
    await ingest(db, 'complaints', [
      located('H1', '2026-10-05T10:00:00+08:00', 'LTE'),
      located('H2', '2026-10-06T10:00:00+08:00', 'LTE'),
      {
        complaint_id: 'H3',
        received_at: '2026-10-07T10:00:00+08:00',
        city: 'Harbin',
        category: 'call_drop',
        technology: 'GSM',
      },
      {
        complaint_id: 'K1',
        received_at: '2026-10-07T11:00:00+08:00',
        city: 'Heihe',
        category: 'call_drop',
        technology: 'LTE',
      },
    ]);
    const rows = await complaintRates(db, { by: ['city', 'route'], from: '2026-10', to: '2026-10' });
    const harbin = rows.filter((r) => r.city === 'Harbin');
    expect(harbin.map((r) => r.route)).toEqual([...ROUTES]);
    // The GSM subscribers count for the LTE-only optimisation route too: a route has no subscribers of its own.
    expect(byRoute(rows, 'Harbin')).toMatchObject({
      optimisation: [2, 30_000, (2 * 10_000) / 30_000],
      unlocated: [1, 30_000, (1 * 10_000) / 30_000],
      maintenance: [0, 30_000, 0],
    });
    expect(harbin.every((r) => r.target_per_10k === null && r.above_target === null)).toBe(true);
    // A city without subscribers: only the routes it has complaints on, a null rate and a warning.
    expect(rows.filter((r) => r.city === 'Heihe')).toEqual([
      expect.objectContaining({ route: 'unlocated', complaints: 1, subscribers: null, rate_per_10k: null }),
    ]);
    expect(rows.find((r) => r.city === 'Heihe')!.warning).toMatch(/no subscriber count for Heihe\/LTE\/2026-10/);
    const [total] = await complaintRates(db, { by: ['city'], city: 'Harbin', from: '2026-10', to: '2026-10' });
    expect(harbin.reduce((n, r) => n + r.complaints, 0)).toBe(total!.complaints);
    expect(harbin.reduce((n, r) => n + r.rate_per_10k!, 0)).toBeCloseTo(total!.rate_per_10k!, 12);
  });

  it('puts a complaint in its local day and month (America/New_York, across the end of DST)', async () => {
    const db = await open('America/New_York');
    const at = (id: string, local: string): Complaint => ({
      complaint_id: id,
      received_at: local,
      city: 'Boston',
      category: 'call_drop',
      technology: 'LTE',
    });
    // 21:30 on 31 October is already 1 November in UTC; 23:30 on 1 November (EST) is 2 November in UTC.
    await ingest(db, 'complaints', [
      at('N1', '2026-10-31 21:30:00'),
      at('N2', '2026-11-01 23:30:00'),
      at('N3', '2026-11-02 00:30:00'),
    ]);
    const days = await complaintRates(db, { by: ['route', 'day'], from: '2026-10-31', to: '2026-11-02' });
    expect(days.filter((r) => r.route === 'unlocated').map((r) => [r.day, r.complaints])).toEqual([
      ['2026-10-31', 1],
      ['2026-11-01', 1],
      ['2026-11-02', 1],
    ]);
    const months = await complaintRates(db, { by: ['month', 'route'], to: '2026-11' });
    expect(months.filter((r) => r.route === 'unlocated').map((r) => [r.month, r.complaints])).toEqual([
      ['2026-10', 1],
      ['2026-11', 2],
    ]);
  });

  it('follows a route that changes after the write: joining a cluster, and an outage found by re-triage', async () => {
    const db = await open();
    await ingest(db, 'subscribers', [{ city: 'Harbin', technology: 'LTE', month: '2026-10', subscribers: 10_000 }]);
    const burst = [0, 10, 20, 30, 40, 50].map((m, i) =>
      located(`B${i}`, `2026-10-05T10:${String(m).padStart(2, '0')}:00+08:00`, 'LTE'),
    );
    await ingest(db, 'complaints', burst.slice(0, 5));
    const before = await complaintRates(db, { by: ['route'] });
    expect(before.find((r) => r.route === 'optimisation')).toMatchObject({ complaints: 5, rate_per_10k: 5 });
    await ingest(db, 'complaints', burst.slice(5));
    const after = await complaintRates(db, { by: ['route'] });
    expect(after.find((r) => r.route === 'priority')).toMatchObject({ complaints: 6, rate_per_10k: 6 });
    expect(after.find((r) => r.route === 'optimisation')).toMatchObject({ complaints: 0, rate_per_10k: 0 });

    await ingest(db, 'complaints', [located('Q1', '2026-10-20T10:00:00+08:00', 'LTE')]);
    await ingest(db, 'events', [
      {
        event_id: 'E1',
        kind: 'outage',
        lat: HARBIN.lat,
        lon: HARBIN.lon,
        radius_m: 500,
        starts_at: '2026-10-20T09:00:00+08:00',
        ends_at: '2026-10-20T12:00:00+08:00',
      },
    ]);
    expect((await complaintRates(db, { by: ['route'] })).find((r) => r.route === 'maintenance')!.complaints).toBe(0);
    await db.write((conn) => retriage(conn, '2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'));
    const retriaged = await complaintRates(db, { by: ['route', 'day'], from: '2026-10-20', to: '2026-10-20' });
    expect(retriaged.find((r) => r.route === 'maintenance')).toMatchObject({ day: '2026-10-20', complaints: 1 });
  });
});

const CITIES = ['Harbin', 'Daqing'];
const TECHS = ['GSM', 'LTE'];
const MONTHS = ['2026-09', '2026-10'];
const localMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

type Group = { city: string; technology: string; month: string; route: string };
interface Expected {
  complaints: number;
  subscribers: number | null;
}

/**
 * The hand computation: a group's complaints are the stored complaints with its field values; its
 * subscribers are Σ of the subscriber rows matching its fields other than the route.
 */
function handRates(
  complaints: readonly Group[],
  subscribers: readonly Subscribers[],
  by: readonly RateField[],
): Map<string, Expected> {
  const key = (g: Group): string => by.map((f) => g[f as keyof Group]).join('|');
  const matches = (s: Subscribers, g: Group): boolean =>
    by.every((f) => f === 'route' || s[f as 'city' | 'technology' | 'month'] === g[f as keyof Group]);
  const groups = new Map<string, Group>();
  for (const c of complaints) groups.set(key(c), c);
  const routes = by.includes('route') ? ROUTES : ['-'];
  for (const s of subscribers) for (const route of routes) groups.set(key({ ...s, route }), { ...s, route });
  const out = new Map<string, Expected>();
  for (const [k, g] of groups) {
    const counted = subscribers.filter((s) => matches(s, g));
    out.set(k, {
      complaints: complaints.filter((c) => key(c) === k).length,
      subscribers: counted.length === 0 ? null : counted.reduce((n, s) => n + s.subscribers, 0),
    });
  }
  return out;
}

describe('rates by route against a hand computation', () => {
  it('agrees on random complaints (located or not, coverage or not) and subscriber tables with holes', async () => {
    const arbComplaint = fc.record({
      ...rateComplaintFields(CITIES, TECHS, MONTHS),
      category: fc.constantFrom('call_drop', 'weak_coverage'),
      spot: fc.constantFrom(null, 0, 1),
    });
    const arbSubs = subscriberTables(CITIES, TECHS, MONTHS, 8);
    const arbBy = fc
      .subarray<RateField>(['city', 'technology', 'route', 'month'], { minLength: 1 })
      .filter((by) => by.includes('route'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbComplaint, { minLength: 1, maxLength: 40 }),
        arbSubs,
        arbBy,
        async (raw, subscribers, by) => {
          const complaints = raw.map(
            (c, i): Complaint => ({
              complaint_id: `P${i}`,
              received_at: new Date(c.at).toISOString(),
              city: c.city,
              category: c.category,
              technology: c.technology,
              ...(c.spot === null ? {} : { lat: 45.75 + c.spot * 0.05, lon: 126.65 }),
            }),
          );
          const db = await open();
          try {
            await ingest(db, 'subscribers', subscribers);
            await ingest(db, 'complaints', complaints);
            const stored = await db.all<{ complaint_id: string; route: string }>(
              'SELECT complaint_id, route FROM complaints',
            );
            const routeOf = new Map(stored.map((s) => [s.complaint_id, s.route]));
            const groups = complaints.map(
              (c): Group => ({
                city: c.city,
                technology: c.technology,
                month: localMonth.format(new Date(c.received_at)).slice(0, 7),
                route: routeOf.get(c.complaint_id)!,
              }),
            );
            const rows = await complaintRates(db, { by, from: '2026-09', to: '2026-10' });
            const expected = handRates(groups, subscribers, by);
            expect(rows).toHaveLength(expected.size);
            for (const row of rows) {
              const want = expected.get(by.map((f) => row[f]).join('|'))!;
              expect([row.complaints, row.subscribers]).toEqual([want.complaints, want.subscribers]);
              // The same formula as a hand computation: × 10,000 first, then ÷ subscribers.
              expect(row.rate_per_10k).toBe(
                want.subscribers === null ? null : (want.complaints * 10_000) / want.subscribers,
              );
            }
          } finally {
            await tmp.close();
          }
        },
      ),
      { numRuns: 20, seed: 1616 },
    );
  }, 300_000);
});
