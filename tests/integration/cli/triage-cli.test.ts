import { describe, expect, it } from 'vitest';
import { cliDatabasePerSuite } from '../../helpers/cli-database.js';

/** A weak-coverage spot with a few coverage complaints a day apart, and a planned cell 600 m from one part of it. */
const SPOT = { lat: 45.75, lon: 126.65 };

const sites = [
  { cell_id: 'A1', site_id: 'S1', city: 'Harbin', technology: 'LTE', lat: 45.74, lon: 126.64, status: 'active' },
  { cell_id: 'P1', site_id: 'S2', city: 'Harbin', technology: 'LTE', lat: 45.7554, lon: 126.65, status: 'planned' },
];
const subscribers = [{ city: 'Harbin', technology: 'LTE', month: '2026-10', subscribers: 20000 }];
const complaints = [
  ...Array.from({ length: 8 }, (_, i) => ({
    complaint_id: `W${i}`,
    received_at: `2026-10-${String(2 + i).padStart(2, '0')} 20:00:00`,
    city: 'Harbin',
    category: 'weak_coverage',
    technology: 'LTE',
    lat: SPOT.lat,
    lon: SPOT.lon + (i % 2) * 0.0001,
    replied_at: `2026-10-${String(2 + i).padStart(2, '0')} 21:00:00`,
  })),
  // A September complaint in a city without subscribers, replied on time and resolved: compliance but no rate.
  {
    complaint_id: 'N1',
    received_at: '2026-09-10 09:00:00',
    city: 'Heihe',
    category: 'call_drop',
    technology: 'GSM',
    replied_at: '2026-09-10 10:00:00',
    resolved_at: '2026-09-11 10:00:00',
    resolution: 'optimisation',
  },
];
const cli = cliDatabasePerSuite('triage', { sites, subscribers, complaints });

describe('cellpulse triage, appraisal, targets and the construction list', () => {
  it('counts complaints per city and route, and re-triages a period idempotently', async () => {
    const counts = await cli.run('triage', '--month', '2026-10');
    expect(counts.code, counts.stderr).toBe(0);
    expect(JSON.parse(counts.lastLine)).toEqual([{ city: 'Harbin', route: 'reply_planned', complaints: 8, share: 1 }]);
    const again = await cli.run('triage', '--recompute', '--from', '2026-10-01', '--to', '2026-11-01');
    expect(JSON.parse(again.lastLine)).toMatchObject({ changed: 0 });
    expect((await cli.run('triage', '--recompute', '--from', '2026-10-01')).code).toBe(2);
  });

  it('stores a compliance target and scores the city against it, as CSV', async () => {
    const set = await cli.run('targets', '--set', 'compliance=0.95,LTE=4');
    expect(JSON.parse(set.lastLine)).toMatchObject({ LTE: 4, compliance: 0.95 });
    const csv = await cli.run('appraisal', '--month', '2026-10', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    const [header, row] = csv.stdout.trim().split('\n');
    expect(header).toBe(
      'city,month,complaints,subscribers,rate,rate_target,rate_points,compliance,' +
        'compliance_target,compliance_points,total,rank,warning',
    );
    expect(row).toMatch(/^Harbin,2026-10,8,20000,4,4,4,/);
    expect((await cli.run('targets', '--set', 'compliance=1.5')).code).toBe(2);
  });

  it('gives a city without subscribers null rate points, no total and no rank, with a warning on stderr', async () => {
    const result = await cli.run('appraisal', '--month', '2026-09');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.lastLine)).toEqual([
      expect.objectContaining({
        city: 'Heihe',
        complaints: 1,
        subscribers: null,
        rate: null,
        rate_points: null,
        compliance: 1,
        compliance_points: 5,
        total: null,
        rank: null,
      }),
    ]);
    expect(result.stderr).toContain('cellpulse: Heihe: no subscriber count for the month');
  });

  it("writes the construction department's list as Excel-friendly CSV with Chinese headers", async () => {
    const list = await cli.run('coverage', '--for', 'construction', '--month', '2026-10', '--headers', 'zh');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.startsWith('\uFEFF候选编号,地市,状态')).toBe(true);
    const [, row] = list.stdout.trim().split('\n');
    expect(row).toContain(',Harbin,已有建设计划,');
    // complaints, then maintenance … unlocated and the untriaged column (complaints stored before triage).
    expect(list.stdout).toContain(',覆盖类投诉量,维护处理,已有建设计划答复,');
    expect(list.stdout).toContain(',未定位,未分拣,H3六边形,');
    expect(row).toContain(',8,0,8,0,0,0,0,0,0,0,');
  });
});
