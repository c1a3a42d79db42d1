import { describe, expect, it } from 'vitest';
import { cliDatabasePerSuite } from '../../helpers/cli-database.js';

const subscribers = [
  { city: 'Harbin', technology: 'GSM', month: '2026-10', subscribers: 40_000 },
  { city: 'Harbin', technology: 'LTE', month: '2026-10', subscribers: 80_000 },
];
const complaints = [
  {
    complaint_id: 'A1',
    received_at: '2026-10-03 09:00:00',
    city: 'Harbin',
    category: 'call_drop',
    technology: 'GSM',
  },
  {
    complaint_id: 'A2',
    received_at: '2026-10-04 09:00:00',
    city: 'Harbin',
    category: 'slow_data',
    technology: 'LTE',
  },
  {
    complaint_id: 'A3',
    received_at: '2026-10-31 23:30:00',
    city: 'Harbin',
    category: 'slow_data',
    technology: 'LTE',
  },
  { complaint_id: 'A4', received_at: '2026-10-05 09:00:00', city: 'Jixi', category: 'no_signal', technology: 'GSM' },
];
const cli = cliDatabasePerSuite('rates', { subscribers, complaints });

describe('cellpulse rates', () => {
  it('prints rows with the group fields, complaints, subscribers and rate_per_10k as JSON', async () => {
    const result = await cli.run('rates', '--by', 'city,technology,month');
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.lastLine) as Record<string, unknown>[];
    expect(rows.map((r) => [r.city, r.technology, r.month, r.complaints, r.subscribers, r.rate_per_10k])).toEqual([
      ['Harbin', 'GSM', '2026-10', 1, 40_000, 0.25],
      ['Harbin', 'LTE', '2026-10', 2, 80_000, 0.25],
      ['Jixi', 'GSM', '2026-10', 1, null, null],
    ]);
    expect(result.stderr).toContain('warning: no subscriber count for Jixi/GSM/2026-10');
  });

  it('prints CSV with a header row, and refuses an unknown group field with exit 2', async () => {
    const csv = await cli.run('rates', '--by', 'city', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['city', 'complaints', 'subscribers', 'rate_per_10k']);
    expect(lines[1]).toMatch(/^Harbin,3,120000,0\.25,/);
    const bad = await cli.run('rates', '--by', 'city,colour');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--by takes fields of');
  });

  it('groups by triage route with any other fields: every route over all the group’s subscribers', async () => {
    const result = await cli.run('rates', '--by', 'city,route,month');
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.lastLine) as Record<string, unknown>[];
    const harbin = rows.filter((r) => r.city === 'Harbin');
    expect(harbin).toHaveLength(8);
    // No complaint has a location: all are unlocated; the other routes are 0 over the same 120,000 subscribers.
    expect(harbin.find((r) => r.route === 'unlocated')).toMatchObject({
      month: '2026-10',
      complaints: 3,
      subscribers: 120_000,
      rate_per_10k: 0.25,
    });
    expect(harbin.find((r) => r.route === 'optimisation')).toMatchObject({
      complaints: 0,
      subscribers: 120_000,
      rate_per_10k: 0,
    });
    expect(rows.filter((r) => r.city === 'Jixi')).toEqual([
      expect.objectContaining({ route: 'unlocated', complaints: 1, rate_per_10k: null }),
    ]);
    const csv = await cli.run('rates', '--by', 'technology,route', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]!.split(',').slice(0, 3)).toEqual(['technology', 'route', 'complaints']);
    expect(csv.stdout).toContain('\nGSM,unlocated,2,40000,0.5,');
  });

  it('reads and sets the monthly targets', async () => {
    const set = await cli.run('targets', '--set', 'GSM=0.1');
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.lastLine)).toMatchObject({ GSM: 0.1 });
    const rows = JSON.parse(
      (await cli.run('rates', '--by', 'city,technology', '--technology', 'GSM')).lastLine,
    ) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ city: 'Harbin', target_per_10k: 0.1, above_target: true });
  });
});
