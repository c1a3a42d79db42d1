import { describe, expect, it } from 'vitest';
import { kpiRow } from '../../helpers/kpi-row.js';
import { KpiRow } from '../../../domain/service-kpis.js';
import { cliDatabasePerSuite } from '../../helpers/cli-database.js';

// Offset-less times are Shanghai time (the database's zone).
const complaints = [
  complaint('H1', 'Harbin', '2026-10-03 09:00:00', {
    replied_at: '2026-10-03 10:00:00',
    resolved_at: '2026-10-04 09:00:00',
    resolution: 'fault_repair',
    satisfied: true,
  }),
  complaint('H2', 'Harbin', '2026-10-04 09:00:00', {
    replied_at: '2026-10-05 09:00:01',
    resolved_at: '2026-10-06 09:00:00',
    resolution: 'explained',
    satisfied: false,
  }),
  complaint('H3', 'Harbin', '2026-10-31 23:30:00'),
  complaint('J1', 'Jixi', '2026-10-05 09:00:00', { replied_at: '2026-10-05 20:00:00' }),
  complaint('J2', 'Jixi', '2026-11-02 09:00:00'),
];
const cli = cliDatabasePerSuite('kpis', { complaints });

function complaint(
  id: string,
  city: string,
  at: string,
  extra: Record<string, string | boolean> = {},
): Record<string, string | boolean> {
  return {
    complaint_id: id,
    received_at: at,
    city,
    category: 'slow_data',
    technology: 'LTE',
    replied_at: '',
    resolved_at: '',
    resolution: '',
    satisfied: '',
    ...extra,
  };
}

async function kpis(...args: string[]): Promise<Record<string, unknown>[]> {
  const result = await cli.run('kpis', ...args);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.lastLine) as Record<string, unknown>[];
}

const HARBIN_OCT = kpiRow('Harbin', '2026-10', {
  complaints: 3,
  due: 3,
  on_time: 1,
  on_time_rate: 1 / 3,
  limit_passed: 3,
  resolved: 2,
  resolution_ratio: 2 / 3,
  compliant: 1,
  commitment_compliance: 1 / 3,
  surveyed: 2,
  satisfied: 1,
  satisfaction_rate: 0.5,
});

describe('cellpulse kpis', () => {
  it('prints one row per city and local month, judged at the newest complaint', async () => {
    const rows = await kpis();
    expect(rows).toEqual([
      HARBIN_OCT,
      kpiRow('Jixi', '2026-10', {
        complaints: 1,
        due: 1,
        on_time: 1,
        on_time_rate: 1,
        limit_passed: 1,
        resolution_ratio: 0,
        commitment_compliance: 0,
      }),
      kpiRow('Jixi', '2026-11', { complaints: 1, pending: 1 }),
    ]);
  });

  it('filters by month, range and city, and adds province totals from summed counts', async () => {
    expect(await kpis('--month', '2026-10', '--city', 'Harbin')).toEqual([HARBIN_OCT]);
    expect((await kpis('--from-month', '2026-11', '--to-month', '2026-12')).map((r) => [r.city, r.month])).toEqual([
      ['Jixi', '2026-11'],
    ]);
    const totals = await kpis('--month', '2026-10', '--totals');
    expect(totals.map((r) => r.city)).toEqual(['Harbin', 'Jixi', 'ALL']);
    expect(totals[2]).toMatchObject({
      complaints: 4,
      due: 4,
      on_time: 2,
      on_time_rate: 0.5,
      resolved: 2,
      resolution_ratio: 0.5,
      compliant: 1,
      commitment_compliance: 0.25,
    });
  });

  it('takes --as-of and the reply limits', async () => {
    expect(await kpis('--month', '2026-11', '--as-of', '2026-11-03T09:00:00+08:00')).toMatchObject([
      { due: 1, pending: 0, on_time_rate: 0 },
    ]);
    expect(await kpis('--month', '2026-11', '--as-of', '2026-11-03 08:59:59')).toMatchObject([{ due: 0, pending: 1 }]);
    // H2 was replied 24 h + 1 s after it arrived: on time under a 25 h limit, yet not compliant (satisfied = false).
    expect(await kpis('--month', '2026-10', '--city', 'Harbin', '--reply-limit-h', '25')).toMatchObject([
      { on_time: 2, compliant: 1 },
    ]);
    expect(
      await kpis('--month', '2026-10', '--city', 'Jixi', '--reply-limit-h', '10', '--cluster-reply-limit-h', '1'),
    ).toMatchObject([{ on_time: 0 }]);
  });

  it('prints CSV with the row schema as header, even when nothing matches', async () => {
    const csv = await cli.run('kpis', '--format', 'csv', '--city', 'Harbin');
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(Object.keys(KpiRow.shape).join(','));
    expect(lines.slice(1)).toEqual([`Harbin,2026-10,3,3,0,1,${1 / 3},3,2,${2 / 3},1,${1 / 3},2,1,0.5,0,0,`]);
    const empty = await cli.run('kpis', '--format', 'csv', '--city', 'Nowhere');
    expect(empty.stdout).toBe(`${lines[0]}\n`);
  });

  it('exits 2 with a message on bad flags', async () => {
    const cases = [
      [['--month', '2026-13'], 'month must be YYYY-MM'],
      [['--from-month', '2026-11', '--to-month', '2026-10'], 'fromMonth is after toMonth'],
      [['--reply-limit-h', 'x'], '--reply-limit-h is not a number'],
      [['--format', 'xml'], 'xml'],
    ] as const;
    // One at a time: a DuckDB file takes one writing process.
    for (const [args, message] of cases) {
      const result = await cli.run('kpis', ...args);
      expect(result.code, message).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
