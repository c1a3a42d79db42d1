import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceKpis, type ServiceKpiQuery, type ServiceKpiRow } from '../../../analytics/kpis/service-kpis.js';
import { listIncidents } from '../../../analytics/clusters/incidents/incident-reader.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import type { Incident } from '../../../domain/incident.js';
import type { Database } from '../../../store/database.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';
import { kpiRow } from '../../helpers/kpi-row.js';

let t: TmpDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

type Input = Record<string, string | number | boolean | undefined>;

async function seed(records: Input[]): Promise<Database> {
  t = await openTmpDb();
  const outcome = await ingestFile(t.db, { kind: 'complaints', source: { records, name: 'kpi-seed' } });
  expect(outcome.rejected).toBe(0);
  return t.db;
}

/** An unlocated complaint (never in a cluster), one city per case so each row shows one complaint's flags. */
function single(city: string, received: string, extra: Input = {}): Input {
  return { complaint_id: city, received_at: received, city, category: 'other', technology: 'LTE', ...extra };
}

const RESOLVED: Input = { resolved_at: '2026-03-10T20:00:00+08:00', resolution: 'fault_repair' };
const BASE = '2026-03-10T10:00:00+08:00';
const AS_OF = '2026-03-12T12:00:00+08:00';

const SINGLES: Input[] = [
  single('exact-24h', BASE, { replied_at: '2026-03-11T10:00:00+08:00', ...RESOLVED, satisfied: true }),
  single('late-1s', BASE, { replied_at: '2026-03-11T10:00:01+08:00', ...RESOLVED, satisfied: true }),
  single('unreplied-late', BASE),
  single('limit-at-as-of', '2026-03-11T12:00:00+08:00'),
  single('pending', '2026-03-12T11:00:00+08:00'),
  single('no-resolved-at', BASE, { replied_at: '2026-03-10T11:00:00+08:00', resolution: 'optimisation' }),
  single('unresolved', BASE, {
    replied_at: '2026-03-10T11:00:00+08:00',
    resolved_at: '2026-03-10T12:00:00+08:00',
    resolution: 'unresolved',
  }),
  single('dissatisfied', BASE, { replied_at: '2026-03-10T11:00:00+08:00', ...RESOLVED, satisfied: false }),
  single('not-surveyed', BASE, { replied_at: '2026-03-10T11:00:00+08:00', ...RESOLVED, resolution: 'explained' }),
  single('no-resolution-value', BASE, {
    replied_at: '2026-03-10T11:00:00+08:00',
    resolved_at: '2026-03-10T12:00:00+08:00',
  }),
  single('replied-within-limit', '2026-03-12T10:00:00+08:00', {
    replied_at: '2026-03-12T11:00:00+08:00',
    resolved_at: '2026-03-12T11:30:00+08:00',
    resolution: 'fault_repair',
  }),
  single('solo-3h', BASE, { replied_at: '2026-03-10T13:00:00+08:00', ...RESOLVED }),
];

/** Six no_signal complaints in one hexagon within 25 minutes: a major cluster, so the 2 h limit. */
function clusterMember(i: number, city: string, extra: Input = {}): Input {
  const received = new Date(Date.parse(BASE) + i * 5 * 60_000);
  return {
    complaint_id: `K-${i}`,
    received_at: received.toISOString(),
    city,
    category: 'no_signal',
    technology: 'LTE',
    lat: 45.75,
    lon: 126.63,
    ...extra,
  };
}
const plus = (i: number, seconds: number): string =>
  new Date(Date.parse(BASE) + i * 5 * 60_000 + seconds * 1000).toISOString();

const CLUSTER: Input[] = [
  clusterMember(0, 'cl-exact-2h', { replied_at: plus(0, 7200), ...RESOLVED }),
  clusterMember(1, 'cl-late-1s', { replied_at: plus(1, 7201), ...RESOLVED }),
  clusterMember(2, 'cl-unreplied'),
  ...[3, 4, 5].map((i) => clusterMember(i, 'cl-3h', { replied_at: plus(i, 3 * 3600), ...RESOLVED })),
];

type Flags = Pick<
  ServiceKpiRow,
  'complaints' | 'due' | 'pending' | 'on_time' | 'limit_passed' | 'resolved' | 'compliant' | 'surveyed' | 'satisfied'
>;
function flags(
  due: number,
  onTime: number,
  limitPassed: number,
  resolved: number,
  compliant: number,
  surveyed = 0,
  satisfied = 0,
  complaints = 1,
): Flags {
  return {
    complaints,
    due,
    pending: complaints - due,
    on_time: onTime,
    limit_passed: limitPassed,
    resolved,
    compliant,
    surveyed,
    satisfied,
  };
}

function byCity(rows: ServiceKpiRow[]): Record<string, ServiceKpiRow> {
  return Object.fromEntries(rows.map((r) => [r.city, r]));
}

describe('service KPIs at the boundaries (SPEC §4)', () => {
  it('fills cluster_members through ingestFile for the burst of six', async () => {
    const db = await seed([...SINGLES, ...CLUSTER]);
    const members = await db.all<{ complaint_id: string }>(
      'SELECT complaint_id FROM cluster_members ORDER BY complaint_id',
    );
    expect(members.map((m) => m.complaint_id)).toEqual(['K-0', 'K-1', 'K-2', 'K-3', 'K-4', 'K-5']);
  });

  it('judges each complaint as decided: ≤ limit on time, pending not due, resolved needs resolved_at', async () => {
    const db = await seed([...SINGLES, ...CLUSTER]);
    const rows = byCity(await serviceKpis(db, { asOf: AS_OF }));
    const expected: Record<string, Flags> = {
      'exact-24h': flags(1, 1, 1, 1, 1, 1, 1),
      'late-1s': flags(1, 0, 1, 1, 0, 1, 1),
      'unreplied-late': flags(1, 0, 1, 0, 0),
      'limit-at-as-of': flags(1, 0, 1, 0, 0),
      pending: flags(0, 0, 0, 0, 0),
      'no-resolved-at': flags(1, 1, 1, 0, 0),
      unresolved: flags(1, 1, 1, 0, 0),
      dissatisfied: flags(1, 1, 1, 1, 0, 1, 0),
      'not-surveyed': flags(1, 1, 1, 1, 1),
      'no-resolution-value': flags(1, 1, 1, 1, 1),
      'replied-within-limit': flags(1, 1, 0, 0, 1),
      'solo-3h': flags(1, 1, 1, 1, 1),
      'cl-exact-2h': flags(1, 1, 1, 1, 1),
      'cl-late-1s': flags(1, 0, 1, 1, 0),
      'cl-unreplied': flags(1, 0, 1, 0, 0),
      'cl-3h': flags(3, 0, 3, 3, 0, 0, 0, 3),
    };
    expect(Object.keys(rows).sort()).toEqual(Object.keys(expected).sort());
    for (const [city, want] of Object.entries(expected))
      expect(rows[city], city).toMatchObject({ month: '2026-03', ...want });
  });

  it('gives null rates for empty denominators and exact ratios otherwise', async () => {
    const db = await seed([...SINGLES, ...CLUSTER]);
    const rows = byCity(await serviceKpis(db, { asOf: AS_OF }));
    expect(rows.pending).toMatchObject({
      on_time_rate: null,
      resolution_ratio: null,
      commitment_compliance: null,
      satisfaction_rate: null,
    });
    expect(rows['replied-within-limit']).toMatchObject({
      on_time_rate: 1,
      resolution_ratio: null,
      commitment_compliance: 1,
    });
    expect(rows.dissatisfied).toMatchObject({
      on_time_rate: 1,
      resolution_ratio: 1,
      commitment_compliance: 0,
      satisfaction_rate: 0,
    });
    expect(rows['exact-24h']?.satisfaction_rate).toBe(1);
  });

  it('applies configurable limits to ordinary and cluster complaints', async () => {
    const db = await seed([...SINGLES, ...CLUSTER]);
    const rows = byCity(await serviceKpis(db, { asOf: AS_OF, replyLimitHours: 23, clusterReplyLimitHours: 3 }));
    expect(rows['exact-24h']?.on_time).toBe(0);
    expect(rows['solo-3h']?.on_time).toBe(1);
    expect(rows['cl-3h']?.on_time).toBe(3);
    expect(rows['cl-late-1s']?.on_time).toBe(1);
    // With a 1 h ordinary limit, the complaint received 1 h before asOf has passed its limit exactly.
    expect(byCity(await serviceKpis(db, { asOf: AS_OF, replyLimitHours: 1 })).pending).toMatchObject({
      due: 1,
      pending: 0,
      limit_passed: 1,
    });
  });

  it('adds a province row per month whose ratios come from summed counts', async () => {
    const db = await seed([...SINGLES, ...CLUSTER]);
    const rows = await serviceKpis(db, { asOf: AS_OF, totals: true });
    const total = rows.at(-1)!;
    const cities = rows.slice(0, -1);
    expect(total.city).toBe('ALL');
    const sum = (key: keyof Flags): number => cities.reduce((s, r) => s + r[key], 0);
    for (const key of [
      'complaints',
      'due',
      'pending',
      'on_time',
      'limit_passed',
      'resolved',
      'compliant',
      'surveyed',
      'satisfied',
    ] as const) {
      expect(total[key], key).toBe(sum(key));
    }
    expect(total.on_time_rate).toBe(sum('on_time') / sum('due'));
    expect(total.resolution_ratio).toBe(sum('resolved') / sum('limit_passed'));
    expect(total.commitment_compliance).toBe(sum('compliant') / sum('due'));
    expect(total.satisfaction_rate).toBe(sum('satisfied') / sum('surveyed'));
    expect(await serviceKpis(db, { asOf: AS_OF, city: 'late-1s' })).toHaveLength(1);
  });
});

describe('asOf and months', () => {
  const three = [
    single('A', '2026-03-10T10:00:00+08:00'),
    single('B', '2026-03-11T09:00:00+08:00'),
    single('C', '2026-03-11T10:00:00+08:00'),
  ];

  it('judges "past its limit" at the newest received_at by default, and at asOf when given', async () => {
    const db = await seed(three.map((r) => ({ ...r, city: 'Harbin' })));
    expect(await serviceKpis(db)).toMatchObject([{ complaints: 3, due: 1, pending: 2 }]);
    // Without an offset asOf is local time in the database's zone.
    expect(await serviceKpis(db, { asOf: '2026-03-11T10:00:00' })).toMatchObject([{ due: 1 }]);
    expect(await serviceKpis(db, { asOf: '2026-03-11T01:59:59Z' })).toMatchObject([
      { due: 0, pending: 3, on_time_rate: null },
    ]);
    expect(await serviceKpis(db, { asOf: '2026-04-01' })).toMatchObject([{ due: 3, on_time: 0, on_time_rate: 0 }]);
  });

  it('counts a complaint in the local month of received_at', async () => {
    const db = await seed([
      single('a', '2026-10-31T23:30:00+08:00', { city: 'Harbin' }),
      single('b', '2026-11-01T00:30:00+08:00', { city: 'Harbin' }),
      single('c', '2026-10-01T00:10:00+08:00', { city: 'Harbin' }),
    ]);
    const rows = await serviceKpis(db);
    expect(rows.map((r) => [r.month, r.complaints])).toEqual([
      ['2026-10', 2],
      ['2026-11', 1],
    ]);
    expect((await serviceKpis(db, { month: '2026-11' })).map((r) => r.complaints)).toEqual([1]);
    expect((await serviceKpis(db, { fromMonth: '2026-09', toMonth: '2026-10' })).map((r) => r.month)).toEqual([
      '2026-10',
    ]);
    expect(await serviceKpis(db, { fromMonth: '2026-12' })).toEqual([]);
  });

  it('refuses bad months, ranges, asOf and limits', async () => {
    const db = await seed(three);
    const bad: ServiceKpiQuery[] = [
      { month: '2026-13' },
      { month: '2026-1' },
      { fromMonth: '2026-05', toMonth: '2026-04' },
      { month: '2026-04', toMonth: '2026-05' },
      { asOf: 'yesterday' },
      { replyLimitHours: 0 },
      { clusterReplyLimitHours: -1 },
      { replyLimitHours: Number.NaN },
    ];
    for (const query of bad)
      await expect(serviceKpis(db, query), JSON.stringify(query)).rejects.toMatchObject({ code: 'invalid_parameter' });
  });
});

describe('service KPIs against a hand computation', () => {
  interface Gen {
    id: string;
    city: string;
    received: number;
    replied?: number;
    resolvedAt?: number;
    resolution?: string;
    satisfied?: boolean;
    located: boolean;
  }
  const START = Date.parse('2026-10-28T00:00:00+08:00');
  const H = 3_600_000;
  const RESOLUTIONS = ['fault_repair', 'optimisation', 'construction', 'explained', 'unresolved'];

  const replyDelay = fc.oneof(
    fc.constantFrom(2 * H, 2 * H + 1000, 24 * H, 24 * H + 1000, 24 * H - 1000),
    fc.integer({ min: 0, max: 48 * 3600 }).map((s) => s * 1000),
  );
  const single_ = fc.record({
    city: fc.constantFrom('Harbin', 'Daqing', 'Qiqihar'),
    received: fc.integer({ min: 0, max: 8 * 24 * 3600 }).map((s) => START + s * 1000),
    delay: fc.option(replyDelay, { nil: undefined }),
    resolvedAfter: fc.option(
      fc.integer({ min: 0, max: 72 * 3600 }).map((s) => s * 1000),
      { nil: undefined },
    ),
    resolution: fc.option(fc.constantFrom(...RESOLUTIONS), { nil: undefined }),
    satisfied: fc.option(fc.boolean(), { nil: undefined }),
  });
  // A burst of 6-8 same-category complaints in one hexagon within 40 minutes: cluster members.
  const burst = fc.record({
    start: fc.integer({ min: 0, max: 8 * 24 * 60 }),
    size: fc.integer({ min: 6, max: 8 }),
    members: fc.array(single_, { minLength: 8, maxLength: 8 }),
  });
  const input = fc.record({
    singles: fc.array(single_, { minLength: 150, maxLength: 300 }),
    bursts: fc.array(burst, { minLength: 1, maxLength: 3 }),
    // asOf: the default (newest complaint), a random hour, or exactly some complaint's deadline.
    asOf: fc.oneof(
      fc.constant({ default: true }),
      fc.integer({ min: 0, max: 10 * 24 }).map((hours) => ({ hours })),
      { arbitrary: fc.nat().map((deadlineOf) => ({ deadlineOf })), weight: 2 },
    ),
    limits: fc.constantFrom([24, 2], [12, 1.5], [48, 4]),
  });

  type Single = typeof single_ extends fc.Arbitrary<infer S> ? S : never;
  function toGen(s: Single, id: string, located: boolean, received = s.received): Gen {
    const replied = s.delay === undefined ? undefined : received + s.delay;
    const resolvedAt = s.resolvedAfter === undefined ? undefined : received + s.resolvedAfter;
    return {
      id,
      city: s.city,
      received,
      replied,
      resolvedAt,
      resolution: s.resolution,
      satisfied: s.satisfied,
      located,
    };
  }

  function toRecord(g: Gen): Input {
    const iso = (ms: number | undefined): string | undefined =>
      ms === undefined ? undefined : new Date(ms).toISOString();
    // Bursts sit on one point; singles are unlocated, so they can never form a cluster by chance.
    const place = g.located ? { lat: 45.75 + (g.id.charCodeAt(1) % 3) * 0.2, lon: 126.63 } : {};
    return {
      complaint_id: g.id,
      received_at: iso(g.received),
      city: g.city,
      category: g.located ? 'no_signal' : 'other',
      technology: 'LTE',
      ...place,
      replied_at: iso(g.replied),
      resolved_at: iso(g.resolvedAt),
      resolution: g.resolution,
      satisfied: g.satisfied,
    };
  }

  /** The §4 rules as a plain loop: the brute-force twin of service-kpis.sql. */
  function handKpis(
    rows: Gen[],
    members: Set<string>,
    asOf: number,
    [limitH, clusterH]: readonly number[],
    incidents: readonly Incident[] = [],
  ): ServiceKpiRow[] {
    const groups = new Map<string, ServiceKpiRow>();
    // None is acknowledged here: the incident count per city and month of its start is what is checked.
    for (const incident of incidents) {
      const month = new Date(Date.parse(incident.start) + 8 * H).toISOString().slice(0, 7);
      for (const city of [incident.city, 'ALL']) {
        const key = `${month} ${city === 'ALL' ? '~' : city}`;
        const r = groups.get(key) ?? emptyRow(city, month);
        r.incidents++;
        groups.set(key, r);
      }
    }
    for (const g of rows) {
      const month = new Date(g.received + 8 * H).toISOString().slice(0, 7);
      const limit = (members.has(g.id) ? clusterH! : limitH!) * H;
      const onTime = g.replied !== undefined && g.replied - g.received <= limit;
      const passed = g.received + limit <= asOf;
      const due = g.replied !== undefined || passed;
      const resolved = g.resolvedAt !== undefined && g.resolution !== 'unresolved';
      for (const city of [g.city, 'ALL']) {
        const key = `${month} ${city === 'ALL' ? '~' : city}`;
        const r = groups.get(key) ?? emptyRow(city, month);
        r.complaints++;
        r.due += +due;
        r.pending += +!due;
        r.on_time += +onTime;
        r.limit_passed += +passed;
        r.resolved += +(passed && resolved);
        r.compliant += +(onTime && resolved && g.satisfied !== false);
        r.surveyed += +(g.satisfied !== undefined);
        r.satisfied += +(g.satisfied === true);
        groups.set(key, r);
      }
    }
    return [...groups.keys()].sort().map((k) => withRates(groups.get(k)!));
  }

  function asOfOf(
    pick: { default: boolean } | { hours: number } | { deadlineOf: number },
    rows: Gen[],
    members: Set<string>,
    [limitH, clusterH]: readonly number[],
  ): number {
    if ('hours' in pick) return START + pick.hours * H;
    if ('deadlineOf' in pick) {
      const row = rows[pick.deadlineOf % rows.length]!;
      return row.received + (members.has(row.id) ? clusterH! : limitH!) * H;
    }
    return Math.max(...rows.map((r) => r.received));
  }

  function emptyRow(city: string, month: string): ServiceKpiRow {
    return kpiRow(city, month);
  }
  function withRates(r: ServiceKpiRow): ServiceKpiRow {
    const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
    return {
      ...r,
      on_time_rate: ratio(r.on_time, r.due),
      resolution_ratio: ratio(r.resolved, r.limit_passed),
      commitment_compliance: ratio(r.compliant, r.due),
      satisfaction_rate: ratio(r.satisfied, r.surveyed),
      acknowledged_2h_rate: ratio(r.acknowledged_2h, r.incidents),
    };
  }

  it('agrees with the SQL on a few hundred random complaints per run', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ singles, bursts, asOf: pick, limits }) => {
        const rows = singles.map((s, i) => toGen(s, `S${i}`, false));
        bursts.forEach((b, j) =>
          b.members
            .slice(0, b.size)
            .forEach((s, i) => rows.push(toGen(s, `B${j}-${i}`, true, START + b.start * 60_000 + i * 5 * 60_000))),
        );
        const db = await seed(rows.map(toRecord));
        try {
          const members = new Set(
            (await db.all<{ complaint_id: string }>('SELECT complaint_id FROM cluster_members')).map(
              (m) => m.complaint_id,
            ),
          );
          expect(members.size).toBeGreaterThanOrEqual(6);
          const asOf = asOfOf(pick, rows, members, limits);
          const query: ServiceKpiQuery = {
            totals: true,
            replyLimitHours: limits[0],
            clusterReplyLimitHours: limits[1],
            ...('default' in pick ? {} : { asOf: new Date(asOf).toISOString() }),
          };
          expect(await serviceKpis(db, query)).toEqual(handKpis(rows, members, asOf, limits, await listIncidents(db)));
        } finally {
          await t?.cleanup();
          t = undefined;
        }
      }),
      // No shrinking: every run builds a database, and the failing input is printed anyway.
      { numRuns: 8, endOnFailure: true },
    );
  });
});
