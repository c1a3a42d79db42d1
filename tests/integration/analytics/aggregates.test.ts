import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { hexagonCounts, type HexagonQuery } from '../../../analytics/hexagon-counts.js';
import { serviceKpis, type ServiceKpiQuery } from '../../../analytics/kpis/service-kpis.js';
import {
  AggregateDeltas,
  FOLD_AFTER_ROWS,
  foldAggregateDeltas,
} from '../../../analytics/aggregates/aggregate-deltas.js';
import { ingestComplaints, ingestFile } from '../../../api/services/ingest-service.js';
import { ingest } from '../../../ingest/ingest.js';
import type { Database, Params } from '../../../store/database.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';

/**
 * Every aggregate the write path keeps (analytics/aggregates) equals a full recomputation from
 * `complaints` and `cluster_members` after every write, and what rates, KPIs and hexagons answer
 * equals the answer of the full scans they replaced (kept here as the twins).
 */

let t: TmpDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const TWIN_DAYS = `SELECT city, technology, category, strftime(received_at, '%Y-%m-%d') AS day,
    count(*) AS complaints,
    count(*) FILTER (WHERE on_time) AS on_time,
    count(*) FILTER (WHERE is_resolved) AS resolved,
    count(*) FILTER (WHERE on_time AND is_resolved AND satisfied IS DISTINCT FROM false) AS compliant,
    count(satisfied) AS surveyed,
    count(*) FILTER (WHERE satisfied) AS satisfied
  FROM (SELECT c.*, coalesce(epoch_ms(c.replied_at) - epoch_ms(c.received_at)
      <= CASE WHEN m.complaint_id IS NULL THEN 86400000 ELSE 7200000 END, false) AS on_time,
    c.resolved_at IS NOT NULL AND c.resolution IS DISTINCT FROM 'unresolved' AS is_resolved
    FROM complaints c LEFT JOIN cluster_members m USING (complaint_id))
  GROUP BY ALL ORDER BY ALL`;
/** What the aggregates hold, base and live deltas summed per key (`table`: the base alone). */
const storedDays = (table = 'agg_complaint_day_rows'): string => `SELECT city, technology, category, day,
    sum(complaints) AS complaints, sum(on_time) AS on_time, sum(resolved) AS resolved, sum(compliant) AS compliant,
    sum(surveyed) AS surveyed, sum(satisfied) AS satisfied
  FROM ${table} GROUP BY ALL
  HAVING sum(complaints) <> 0 OR sum(on_time) <> 0 OR sum(resolved) <> 0 OR sum(compliant) <> 0
    OR sum(surveyed) <> 0 OR sum(satisfied) <> 0 ORDER BY ALL`;
const TWIN_HEX = `SELECT h3, strftime(received_at, '%Y-%m') AS month, city, count(*) AS complaints
  FROM complaints WHERE h3 IS NOT NULL GROUP BY ALL ORDER BY ALL`;
const storedHex = (table = 'agg_hexagon_month_rows'): string =>
  `SELECT h3, month, city, sum(complaints) AS complaints FROM ${table} GROUP BY ALL HAVING sum(complaints) <> 0
  ORDER BY ALL`;

/** The rate cells' old full scan (analytics/rates/sql/complaint-cells.sql before the aggregates). */
const TWIN_RATE_CELLS = `SELECT city, technology, strftime(received_at, '%Y-%m-%d') AS day, count(*) AS complaints
  FROM complaints
  WHERE ($city IS NULL OR city = $city) AND ($technology IS NULL OR technology = $technology)
    AND ($category IS NULL OR category = $category)
    AND ($first_day IS NULL OR received_at >= $first_day::TIMESTAMP::TIMESTAMPTZ)
    AND ($end_day IS NULL OR received_at < $end_day::TIMESTAMP::TIMESTAMPTZ)
  GROUP BY ALL ORDER BY ALL`;
const RATE_CELLS = readFileSync(new URL('../../../analytics/rates/sql/complaint-cells.sql', import.meta.url), 'utf8');
/** The KPIs' full scan, which the aggregate path must match. */
const TWIN_KPIS = readFileSync(new URL('../../../analytics/kpis/sql/service-kpis.sql', import.meta.url), 'utf8');
/** The hexagon counts' old full scan, at the stored resolution. */
const TWIN_HEXAGONS = `SELECT h3, count(*) AS complaints FROM complaints
  WHERE h3 IS NOT NULL AND ($from IS NULL OR received_at >= $from::TIMESTAMPTZ)
    AND ($to IS NULL OR received_at < $to::TIMESTAMPTZ)
    AND ($category IS NULL OR category = $category) AND ($city IS NULL OR city = $city)
  GROUP BY h3 ORDER BY complaints DESC, h3`;

const plain = (rows: Record<string, unknown>[]): Record<string, unknown>[] =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
const read = async (db: Database, sql: string, params?: Params): Promise<Record<string, unknown>[]> =>
  plain(await db.all(sql, params));

// Around a month end in Asia/Shanghai, so moves cross local days and months.
const BASE = Date.parse('2026-03-31T22:00:00+08:00');
const at = (minutes: number): string => new Date(BASE + minutes * 60_000).toISOString();
const POINTS = [
  { lat: 45.75, lon: 126.63 },
  { lat: 45.758, lon: 126.641 },
];

const complaint = fc.record({
  id: fc.integer({ min: 0, max: 15 }),
  minute: fc.integer({ min: -3000, max: 3000 }),
  city: fc.constantFrom('Harbin', 'Daqing'),
  category: fc.constantFrom('no_signal', 'call_drop'),
  technology: fc.constantFrom('LTE', 'NR'),
  where: fc.constantFrom('p0', 'p1', 'cell', 'none'),
  replyAfter: fc.option(fc.constantFrom<number>(0, 60, 120, 121, 600, 1440, 1441, 3000), { nil: undefined }),
  resolution: fc.option(fc.constantFrom('fault_repair', 'unresolved'), { nil: undefined }),
  satisfied: fc.option(fc.boolean(), { nil: undefined }),
});
type Gen = typeof complaint extends fc.Arbitrary<infer T> ? T : never;

function record(c: Gen): Record<string, unknown> {
  const point = c.where === 'p0' ? POINTS[0] : c.where === 'p1' ? POINTS[1] : undefined;
  return {
    complaint_id: `C${c.id}`,
    received_at: at(c.minute),
    city: c.city,
    category: c.category,
    technology: c.technology,
    ...point,
    ...(c.where === 'cell' ? { cell_id: 'CELL-1' } : {}),
    ...(c.replyAfter === undefined ? {} : { replied_at: at(c.minute + c.replyAfter) }),
    ...(c.resolution === undefined ? {} : { resolution: c.resolution, resolved_at: at(c.minute + 30) }),
    ...(c.satisfied === undefined ? {} : { satisfied: c.satisfied }),
  };
}

/** Six to eight complaints of one category at one point within 35 minutes: a major cluster. */
const burst = fc
  .record({
    first: fc.integer({ min: 0, max: 10 }),
    minute: fc.integer({ min: -2000, max: 2000 }),
    size: fc.integer({ min: 6, max: 8 }),
  })
  .map(({ first, minute, size }) =>
    Array.from({ length: size }, (_, i) =>
      record({
        id: first + i,
        minute: minute + i * 5,
        city: 'Harbin',
        category: 'no_signal',
        technology: 'LTE',
        where: 'p0',
        replyAfter: i % 2 === 0 ? 100 : 200,
        resolution: 'fault_repair',
        satisfied: undefined,
      }),
    ),
  );

function site(p: number): Record<string, unknown> {
  return { cell_id: 'CELL-1', site_id: 'S1', city: 'Harbin', technology: 'LTE', status: 'active', ...POINTS[p] };
}

const operation = fc.oneof(
  {
    arbitrary: fc
      .array(complaint, { minLength: 1, maxLength: 5 })
      .map((cs) => ({ kind: 'complaints' as const, records: cs.map(record) })),
    weight: 4,
  },
  { arbitrary: burst.map((records) => ({ kind: 'complaints' as const, records })), weight: 2 },
  {
    arbitrary: fc
      .record({
        city: fc.constantFrom('Harbin', 'Daqing'),
        month: fc.constantFrom('2026-03', '2026-04'),
        n: fc.integer({ min: 1, max: 9e5 }),
      })
      .map((s) => ({
        kind: 'subscribers' as const,
        records: [{ city: s.city, technology: 'LTE', month: s.month, subscribers: s.n }],
      })),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(0, 1).map((p) => ({
      kind: 'sites' as const,
      records: [site(p)],
    })),
    weight: 1,
  },
);

const reads = fc.record({
  from: fc.option(fc.integer({ min: -3200, max: 3200 }), { nil: undefined }),
  span: fc.integer({ min: 1, max: 4000 }),
  city: fc.option(fc.constantFrom('Harbin', 'Daqing'), { nil: undefined }),
  category: fc.option(fc.constantFrom('no_signal', 'call_drop'), { nil: undefined }),
  asOf: fc.option(fc.integer({ min: -3000, max: 3500 }), { nil: undefined }),
  res: fc.constantFrom(6, 7, 8),
  /** Hexagons from the start of March (a whole local month, then part of April, or to its end). */
  fromMarch: fc.boolean(),
});
type Reads = typeof reads extends fc.Arbitrary<infer T> ? T : never;

async function expectAggregatesExact(db: Database, days = storedDays(), hex = storedHex()): Promise<void> {
  expect(await read(db, days)).toEqual(await read(db, TWIN_DAYS));
  expect(await read(db, hex)).toEqual(await read(db, TWIN_HEX));
}

async function expectReadsAsBefore(db: Database, r: Reads): Promise<void> {
  const from = r.from === undefined ? undefined : at(r.from);
  const to = r.from === undefined ? undefined : at(r.from + r.span);
  // The local (UTC+8) day of an instant.
  const day = (iso: string | undefined): string | null =>
    iso === undefined ? null : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
  const cells = {
    city: r.city ?? null,
    technology: null,
    category: r.category ?? null,
    first_day: day(from),
    end_day: day(to),
  };
  expect(await read(db, `${RATE_CELLS} ORDER BY ALL`, cells)).toEqual(await read(db, TWIN_RATE_CELLS, cells));

  const kpiQuery: ServiceKpiQuery = {
    totals: true,
    ...(r.city ? { city: r.city } : {}),
    ...(r.asOf === undefined ? {} : { asOf: at(r.asOf) }),
  };
  const twinKpis = await read(db, TWIN_KPIS, {
    as_of: kpiQuery.asOf ?? null,
    reply_limit_ms: 86_400_000,
    cluster_reply_limit_ms: 7_200_000,
    city: r.city ?? null,
    from_month: null,
    to_month: null,
    totals: true,
  });
  // The twin's columns: the incident-handling columns beside them are not counted from complaints.
  const kpis = (await serviceKpis(db, kpiQuery)) as unknown as Record<string, unknown>[];
  const columns = Object.keys(twinKpis[0] ?? {});
  expect(kpis.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])))).toEqual(twinKpis);

  const march =
    r.span % 2 === 0 ? { from: '2026-03-01T00:00:00+08:00', to: at(r.span) } : { from: '2026-03-01', to: '2026-04-01' };
  const period = r.fromMarch ? march : from ? { from, to: to! } : undefined;
  const filters = {
    ...(r.city ? { city: r.city } : {}),
    ...(r.category ? { category: r.category as 'no_signal' } : {}),
  };
  const hexQuery: HexagonQuery = { ...period, ...filters };
  const twinHex = await read(db, TWIN_HEXAGONS, {
    from: period?.from ?? null,
    to: period?.to ?? null,
    category: r.category ?? null,
    city: r.city ?? null,
  });
  const stored = await hexagonCounts(db, hexQuery);
  expect(stored.map((h) => [h.h3, h.complaints])).toEqual(twinHex.map((h) => [h.h3, h.complaints]));
  const parents = await hexagonCounts(db, { ...hexQuery, resolution: r.res });
  expect(parents.reduce((n, h) => n + h.complaints, 0)).toBe(twinHex.reduce((n, h) => n + Number(h.complaints), 0));
}

describe('aggregates kept by the write path', () => {
  it('equal a full recomputation after every write, and reads answer as the full scans did', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(operation, reads), { minLength: 1, maxLength: 7 }), async (steps) => {
        await t?.cleanup();
        t = await openTmpDb();
        for (const [i, [op, r]] of steps.entries()) {
          const source = { records: op.records, name: `step-${op.kind}` };
          // Complaints arrive as files and as live batches in turn: both write paths keep the aggregates.
          if (op.kind === 'complaints' && i % 2 === 1)
            await ingestComplaints(t.db, { items: op.records, name: 'live' });
          else if (op.kind === 'complaints') await ingestFile(t.db, { kind: op.kind, source });
          else await ingest(t.db, { kind: op.kind, source });
          await expectAggregatesExact(t.db);
          await expectReadsAsBefore(t.db, r);
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it('follows cluster membership: a burst joins, an upsert moving one complaint away breaks it', async () => {
    t = await openTmpDb();
    const members = async (): Promise<number> =>
      Number((await t!.db.all('SELECT count(*) AS n FROM cluster_members'))[0]?.n);
    const six = fc.sample(
      burst.filter((b) => b.length === 6),
      { numRuns: 1, seed: 7 },
    )[0]!;
    await ingestFile(t.db, { kind: 'complaints', source: { records: six, name: 'burst' } });
    expect(await members()).toBe(6);
    await expectAggregatesExact(t.db);
    const moved = { ...six[0], city: 'Daqing', lat: 40, lon: 120 };
    await ingestFile(t.db, { kind: 'complaints', source: { records: [moved], name: 'move' } });
    expect(await members()).toBe(0);
    await expectAggregatesExact(t.db);
  });

  it('keep live changes as delta rows until a fold sums them into the base, answers unchanged', async () => {
    t = await openTmpDb();
    const deltaRows = async (db: Database): Promise<number> =>
      Number((await db.all(`SELECT count(*) AS n FROM agg_deltas`))[0]?.n);
    const batches = fc.sample(fc.array(complaint, { minLength: 2, maxLength: 5 }), { numRuns: 4, seed: 11 });
    await ingestFile(t.db, { kind: 'complaints', source: { records: batches[0]!.map(record), name: 'file' } });
    // The first live write of a process folds (what an earlier one held); the next ones append.
    for (const batch of batches.slice(1)) await ingestComplaints(t.db, { items: batch.map(record), name: 'live' });
    // Upserts that move complaints to another city and day: negative delta rows.
    const moved = batches[1]!.map((c) => record({ ...c, city: c.city === 'Harbin' ? 'Daqing' : 'Harbin', minute: 0 }));
    await ingestComplaints(t.db, { items: moved, name: 'live' });
    expect(await deltaRows(t.db)).toBeGreaterThan(0);
    await expectAggregatesExact(t.db);
    await t.db.write(foldAggregateDeltas, { dataChange: false });
    expect(await deltaRows(t.db)).toBe(0);
    await expectAggregatesExact(t.db, storedDays('agg_complaint_days'), storedHex('agg_hexagon_months'));

    // The live write whose rows reach the mark folds them all.
    await ingestComplaints(t.db, { items: batches[2]!.map((c) => record({ ...c, minute: 7 })), name: 'live' });
    expect(await deltaRows(t.db)).toBeGreaterThan(0);
    AggregateDeltas.of(t.db).committed(FOLD_AFTER_ROWS - 1, false);
    await ingestComplaints(t.db, { items: batches[3]!.map((c) => record({ ...c, minute: 8 })), name: 'live' });
    expect(await deltaRows(t.db)).toBe(0);
    await expectAggregatesExact(t.db, storedDays('agg_complaint_days'), storedHex('agg_hexagon_months'));

    // Rows a process left behind are folded by the first live write of the next one.
    // Moved to another city and day, so their keys change (a move within one key nets to no delta row).
    const later = batches[3]!.map((c) =>
      record({ ...c, city: c.city === 'Harbin' ? 'Daqing' : 'Harbin', minute: 600 }),
    );
    await ingestComplaints(t.db, { items: later, name: 'live' });
    expect(await deltaRows(t.db)).toBeGreaterThan(0);
    const db = await t.reopen();
    await expectAggregatesExact(db);
    await ingestComplaints(db, { items: [record({ ...batches[1]![0]!, minute: 11 })], name: 'live' });
    expect(await deltaRows(db)).toBe(0);
    await expectAggregatesExact(db, storedDays('agg_complaint_days'), storedHex('agg_hexagon_months'));
  });

  it('are built from the data already held when migration 004 first runs', async () => {
    t = await openTmpDb();
    const six = fc.sample(burst, { numRuns: 1, seed: 3 })[0]!;
    await ingestFile(t.db, { kind: 'complaints', source: { records: six, name: 'before-004' } });
    await t.db.write(async (conn) => {
      await conn.run('DROP TABLE agg_complaint_days; DROP TABLE agg_hexagon_months');
      await conn.run('DELETE FROM schema_migrations WHERE version = 4');
    });
    const db = await t.reopen();
    await expectAggregatesExact(db);
    expect(Number((await db.all('SELECT sum(complaints) AS n FROM agg_complaint_days'))[0]?.n)).toBe(six.length);
  });
});
