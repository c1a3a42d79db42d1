import { describe, expect, it } from 'vitest';
import { cliDatabasePerSuite } from '../../helpers/cli-database.js';

const sites = [
  { cell_id: 'C1', site_id: 'S1', city: 'Harbin', technology: 'LTE', lat: 45.75, lon: 126.65, status: 'active' },
];
const events = [
  {
    event_id: 'M1',
    cell_id: 'C1',
    radius_m: 1000,
    kind: 'maintenance',
    starts_at: '2026-10-05 01:00:00',
    ends_at: '2026-10-05 05:00:00',
    note: 'software upgrade',
  },
];
const cli = cliDatabasePerSuite('lookup', { sites, events });

describe('cellpulse lookup', () => {
  it('tells the agent about maintenance in force at the serving cell, as JSON and as CSV', async () => {
    const json = await cli.run('lookup', '--cell-id', 'C1', '--at', '2026-10-05 02:00:00');
    expect(json.code, json.stderr).toBe(0);
    const found = JSON.parse(json.lastLine) as {
      events: { event_id: string }[];
      answer: { reason: string; zh: string };
    };
    expect(found.events.map((e) => e.event_id)).toEqual(['M1']);
    expect(found.answer.reason).toBe('maintenance');
    expect(found.answer.zh).toContain('网络维护');
    const csv = await cli.run(
      'lookup',
      '--lat',
      '45.7502',
      '--lon',
      '126.6502',
      '--at',
      '2026-10-05 02:00:00',
      '--format',
      'csv',
    );
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/^finding,id,detail,distance_km\nmaintenance,M1,software upgrade,/);
    expect(csv.stdout).toContain('answer_en,maintenance,');
    expect(csv.stdout).toContain('route,maintenance,maintenance M1 (hexagon 881496328bfffff) in force');
  });

  it("lists an event on a cell as context beyond its site's hexagon, not as the answer (SPEC §6, §11)", async () => {
    const json = await cli.run(
      'lookup',
      '--lat',
      '45.751',
      '--lon',
      '126.651',
      '--at',
      '2026-10-05 02:00:00',
      '--category',
      'call_drop',
    );
    expect(json.code, json.stderr).toBe(0);
    const found = JSON.parse(json.lastLine) as {
      events: { event_id: string }[];
      route: string;
      answer: { reason: string };
    };
    expect(found.events.map((e) => e.event_id)).toEqual(['M1']);
    expect([found.route, found.answer.reason]).toEqual(['optimisation', 'none']);
  });

  it('exits 2 without a point or cell', async () => {
    const result = await cli.run('lookup');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give lat and lon, or cell_id');
  });
});
