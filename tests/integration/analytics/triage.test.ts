import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getComplaint } from '../../../analytics/triage/complaint-records.js';
import { routeCounts } from '../../../analytics/triage/route-counts.js';
import { retriage } from '../../../analytics/triage/triage-complaints.js';
import { ingestFile } from '../../../api/services/ingest-service.js';
import { openTmpDb, type TmpDb } from '../../helpers/tmp-db.js';

/** Places around Harbin, each far enough from the others (≥ 5 km) to meet only its own rule. */
const OUTAGE = { lat: 45.75, lon: 126.65 };
const PLANNED_AREA = { lat: 45.8, lon: 126.9 };
const PLANNED_SITE = { lat: 45.9, lon: 126.65 };
const NO_INVESTMENT = { lat: 46.1, lon: 127.2 };
const BURST = { lat: 45.6, lon: 126.5 };
const WEAK = { lat: 45.65, lon: 126.95 };
const PLAIN = { lat: 46.0, lon: 126.3 };
const WEAK_ALONE = { lat: 45.7, lon: 127.3 };
const WEAK_REASON = 'known weak-coverage hexagon (at least 3 coverage complaints in 90 days)';
/** Degrees of latitude per metre. */
const DEG_PER_M = 1 / 111_195;

type Row = Record<string, unknown>;
let seq = 0;
function complaint(
  at: string,
  place: { lat: number; lon: number } | null,
  category = 'weak_coverage',
  extra: Row = {},
): Row {
  seq += 1;
  return {
    complaint_id: `T-${seq}`,
    received_at: at,
    city: 'Harbin',
    category,
    technology: 'LTE',
    ...(place ? { lat: place.lat, lon: place.lon } : {}),
    ...extra,
  };
}
async function write(records: Row[]): Promise<string[]> {
  await ingestFile(tmp.db, { kind: 'complaints', source: { records, name: `batch-${seq}` } });
  return records.map((r) => String(r.complaint_id));
}
async function routeOf(id: string): Promise<string | null | undefined> {
  return (await getComplaint(tmp.db, id))?.route;
}

let tmp: TmpDb;
beforeAll(async () => {
  tmp = await openTmpDb(undefined, 'cellpulse-triage-');
  await ingestFile(tmp.db, {
    kind: 'sites',
    source: {
      name: 'sites',
      records: [
        { cell_id: 'OUT-1', site_id: 'S1', city: 'Harbin', technology: 'LTE', ...OUTAGE, status: 'active' },
        { cell_id: 'PLN-1', site_id: 'S2', city: 'Harbin', technology: 'NR', ...PLANNED_SITE, status: 'planned' },
      ],
    },
  });
  await ingestFile(tmp.db, {
    kind: 'events',
    source: {
      name: 'events',
      records: [
        {
          event_id: 'E-OUT',
          cell_id: 'OUT-1',
          kind: 'outage',
          starts_at: '2026-10-05T08:00:00+08:00',
          ends_at: '2026-10-05T10:00:00+08:00',
        },
        {
          event_id: 'E-PLN',
          ...PLANNED_AREA,
          radius_m: 1000,
          kind: 'planned_construction',
          starts_at: '2026-01-01T00:00:00+08:00',
        },
        {
          event_id: 'E-NOI',
          ...NO_INVESTMENT,
          radius_m: 3000,
          kind: 'no_investment',
          starts_at: '2026-01-01T00:00:00+08:00',
        },
      ],
    },
  });
});
afterAll(async () => tmp.cleanup());

describe('triage at write time (SPEC §11)', () => {
  it('routes to maintenance while an outage is in force on the cell, not at the minute it ends', async () => {
    const [during, atEnd, plain] = await write([
      complaint('2026-10-05T09:59:00+08:00', null, 'call_drop', { cell_id: 'OUT-1' }),
      complaint('2026-10-05T10:00:00+08:00', null, 'call_drop', { cell_id: 'OUT-1' }),
      complaint('2026-10-05T09:00:00+08:00', PLAIN, 'call_drop'),
    ]);
    expect(await getComplaint(tmp.db, during!)).toMatchObject({
      route: 'maintenance',
      route_reason: 'outage E-OUT (cell OUT-1) in force',
    });
    expect(await routeOf(atEnd!)).toBe('optimisation');
    expect(await routeOf(plain!)).toBe('optimisation');
  });

  it('answers coverage complaints inside a planned area, up to its edge, and near a planned site', async () => {
    const inside = { lat: PLANNED_AREA.lat + 995 * DEG_PER_M, lon: PLANNED_AREA.lon };
    const outside = { lat: PLANNED_AREA.lat + 1005 * DEG_PER_M, lon: PLANNED_AREA.lon };
    const ids = await write([
      complaint('2026-10-06T09:00:00+08:00', inside),
      complaint('2026-10-06T09:00:00+08:00', outside),
      complaint('2026-10-06T09:00:00+08:00', inside, 'slow_data'),
      complaint(
        '2026-10-06T09:00:00+08:00',
        { lat: PLANNED_SITE.lat + 900 * DEG_PER_M, lon: PLANNED_SITE.lon },
        'no_signal',
      ),
      complaint(
        '2026-10-06T09:00:00+08:00',
        { lat: PLANNED_SITE.lat + 1100 * DEG_PER_M, lon: PLANNED_SITE.lon },
        'no_signal',
      ),
    ]);
    expect(await Promise.all(ids.map(routeOf))).toEqual([
      'reply_planned',
      'optimisation',
      'optimisation',
      'reply_planned',
      'optimisation',
    ]);
  });

  it('moves a burst to priority when its sixth complaint arrives, and routes later members there at once', async () => {
    const five = await write(
      [0, 4, 8, 12, 16].map((m) =>
        complaint(`2026-10-07T10:${String(m).padStart(2, '0')}:00+08:00`, BURST, 'call_drop'),
      ),
    );
    expect(new Set(await Promise.all(five.map(routeOf)))).toEqual(new Set(['optimisation']));
    const [sixth] = await write([complaint('2026-10-07T10:20:00+08:00', BURST, 'call_drop')]);
    const [later] = await write([complaint('2026-10-07T10:50:00+08:00', BURST, 'call_drop')]);
    const [otherKind] = await write([complaint('2026-10-07T10:30:00+08:00', BURST, 'slow_data')]);
    expect(new Set(await Promise.all([...five, sixth!, later!].map(routeOf)))).toEqual(new Set(['priority']));
    expect((await getComplaint(tmp.db, later!))?.incident_ids).toHaveLength(1);
    expect(await routeOf(otherKind!)).toBe('optimisation');
  });

  it('escalates a coverage cluster with no plan, and answers one inside a no-investment area', async () => {
    const open = await write(
      [0, 5, 10, 15, 20, 25].map((m) =>
        complaint(`2026-10-08T10:${String(m).padStart(2, '0')}:00+08:00`, PLAIN, 'no_signal'),
      ),
    );
    const noInvestment = await write(
      [0, 5, 10, 15, 20, 25].map((m) =>
        complaint(`2026-10-08T10:${String(m).padStart(2, '0')}:00+08:00`, NO_INVESTMENT),
      ),
    );
    expect(new Set(await Promise.all(open.map(routeOf)))).toEqual(new Set(['escalate']));
    expect(new Set(await Promise.all(noInvestment.map(routeOf)))).toEqual(new Set(['reply_no_investment']));
    expect((await getComplaint(tmp.db, noInvestment[0]!))?.incident_ids).toHaveLength(1);
  });

  it('sends a coverage complaint to construction once its hexagon had 3 in the 90 days before', async () => {
    const days = ['2026-07-10', '2026-08-01', '2026-09-01', '2026-10-08'];
    const ids = await write(days.map((d) => complaint(`${d}T20:00:00+08:00`, WEAK)));
    const [late] = await write([complaint('2026-12-31T09:00:00+08:00', WEAK)]);
    expect(await Promise.all([...ids, late!].map(routeOf))).toEqual([
      'optimisation',
      'optimisation',
      'optimisation',
      'construction',
      'optimisation',
    ]);
    expect((await getComplaint(tmp.db, ids[3]!))?.route_reason).toBe(WEAK_REASON);
  });

  it('re-triages one day with the whole 90 days before it counted, up to its first instant', async () => {
    const days = ['2026-03-01', '2026-03-20', '2026-04-10', '2026-05-30'];
    const ids = await write(days.map((d) => complaint(`${d}T20:00:00+08:00`, WEAK_ALONE)));
    expect(await routeOf(ids[3]!)).toBe('construction');
    const changed = await tmp.db.write((conn) =>
      retriage(conn, '2026-05-30T00:00:00+08:00', '2026-05-31T00:00:00+08:00'),
    );
    expect(changed).toBe(0);
    expect(await routeOf(ids[3]!)).toBe('construction');
  });

  it('routes complaints sent again as they were first routed: the rows they replace are not counted', async () => {
    const place = { lat: WEAK.lat + 0.05, lon: WEAK.lon };
    // Two before the last: not yet weak coverage; counting the replaced rows as well would make it four.
    const first = ['2026-08-02', '2026-09-02', '2026-10-09'].map((d) => complaint(`${d}T20:00:00+08:00`, place));
    await write(first.slice(0, 2));
    await write(first.slice(2));
    const stored = async (): Promise<unknown[]> =>
      Promise.all(first.map(async (c) => (await getComplaint(tmp.db, String(c.complaint_id)))?.route_reason));
    const before = await stored();
    await write(first);
    expect(await stored()).toEqual(before);
    expect(before[2]).toBe('no known problem');
    // One more makes it weak coverage: the rule counts, and the reason names it.
    const [more] = await write([complaint('2026-10-10T20:00:00+08:00', place)]);
    expect((await getComplaint(tmp.db, more!))?.route_reason).toBe(WEAK_REASON);
  });

  it('keeps a complaint without a point or known cell as unlocated', async () => {
    const [id] = await write([complaint('2026-10-09T09:00:00+08:00', null, 'other', { cell_id: 'NOWHERE' })]);
    expect(await getComplaint(tmp.db, id!)).toMatchObject({ route: 'unlocated', h3: null, incident_ids: [] });
  });

  it('stores the reasons a route implies as NULL and reads them in full; re-triage keeps full ones', async () => {
    const [plain, unlocated] = await write([
      complaint('2026-10-10T09:00:00+08:00', PLAIN, 'call_drop'),
      complaint('2026-10-10T09:05:00+08:00', null, 'other'),
    ]);
    const stored = async (id: string): Promise<unknown> =>
      (await tmp.db.all('SELECT route_reason FROM complaints WHERE complaint_id = $id', { id }))[0]?.route_reason;
    expect([await stored(plain!), await stored(unlocated!)]).toEqual([null, null]);
    expect((await getComplaint(tmp.db, plain!))?.route_reason).toBe('no known problem');
    expect((await getComplaint(tmp.db, unlocated!))?.route_reason).toBe('no point and no known cell');
    // As a database written before the convention holds it: the same reason, in full.
    await tmp.db.write((conn) =>
      conn.run(`UPDATE complaints SET route_reason = 'no known problem' WHERE complaint_id = $id`, { id: plain! }),
    );
    const day = ['2026-10-10T00:00:00+08:00', '2026-10-11T00:00:00+08:00'] as const;
    expect(await tmp.db.write((conn) => retriage(conn, ...day))).toBe(0);
    expect((await getComplaint(tmp.db, plain!))?.route_reason).toBe('no known problem');
  });

  it('counts routes per city as a SQL count over the stored routes does', async () => {
    const counts = await routeCounts(tmp.db);
    const sql = await tmp.db.all('SELECT city, route, count(*) AS n FROM complaints GROUP BY ALL');
    expect(counts.map((c) => [c.city, c.route, c.complaints]).sort()).toEqual(
      sql.map((r) => [r.city, r.route, Number(r.n)]).sort(),
    );
    expect(counts.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 12);
  });

  it('re-triages explicitly, idempotently, and never moves a route back from priority or escalate', async () => {
    await ingestFile(tmp.db, {
      kind: 'events',
      source: {
        name: 'late-event',
        records: [
          {
            event_id: 'E-LATE',
            ...BURST,
            radius_m: 500,
            kind: 'outage',
            starts_at: '2026-10-07T00:00:00+08:00',
            ends_at: '2026-10-08T00:00:00+08:00',
          },
          {
            event_id: 'E-LATE2',
            ...PLAIN,
            radius_m: 500,
            kind: 'maintenance',
            starts_at: '2026-10-06T00:00:00+08:00',
            ends_at: '2026-10-07T00:00:00+08:00',
          },
        ],
      },
    });
    const before = await tmp.db.all('SELECT complaint_id, route, route_reason FROM complaints ORDER BY 1');
    expect(before.some((r) => r.route === 'maintenance' && String(r.route_reason).includes('E-LATE'))).toBe(false);
    const changed = await tmp.db.write((conn) => retriage(conn, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'));
    const after = await tmp.db.all('SELECT complaint_id, route, route_reason FROM complaints ORDER BY 1');
    const moved = after.filter((r, i) => r.route !== before[i]!.route);
    expect(moved.map((r) => [before[after.indexOf(r)]!.route, r.route])).toEqual([['optimisation', 'maintenance']]);
    expect(changed).toBe(
      after.filter((r, i) => r.route !== before[i]!.route || r.route_reason !== before[i]!.route_reason).length,
    );
    expect(after.filter((r) => r.route === 'priority')).toHaveLength(
      before.filter((r) => r.route === 'priority').length,
    );
    expect(await tmp.db.write((conn) => retriage(conn, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))).toBe(0);
    expect(await tmp.db.all('SELECT complaint_id, route, route_reason FROM complaints ORDER BY 1')).toEqual(after);
  });
});
