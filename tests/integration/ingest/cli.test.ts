import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getResolution } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../store/database.js';
import { cellAt, complaintRow, ingestPath, SITE_ROWS } from '../../helpers/ingest-rows.js';
import { wgs84ToGcj02 } from '../../helpers/gcj02-reference.js';
import { runCli, type CliResult } from '../../helpers/run-cli.js';
import { dumpAll, dumpTable } from '../../helpers/table-dump.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';
import { writeCsv } from '../../helpers/write-fixture.js';

let dir: string;
beforeAll(() => {
  dir = makeTmpDir('cellpulse-cli-');
});
afterAll(() => removeDir(dir));

/** Opens a CLI-made database in-process, reads it, closes it again (the CLI needs the file lock). */
async function inspect<T>(dbPath: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(dbPath);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function expectSummary(result: CliResult, summary: { accepted: number; updated: number; rejected: number }): void {
  expect(result.timedOut, `the CLI did not exit on its own; stderr: ${result.stderr}`).toBe(false);
  expect(result.code, result.stderr).toBe(0);
  // Exactly the three counts, in this order, as the last line.
  expect(result.lastLine).toBe(JSON.stringify(summary));
}

const SUBS = [
  { city: 'Harbin', technology: 'LTE', month: '2026-11', subscribers: 100 },
  { city: 'Harbin', technology: 'NR', month: '2026-11', subscribers: 'many' },
];

describe('cellpulse ingest: the summary line and exit codes', () => {
  it('prints {"accepted","updated","rejected"} as the last stdout line and exits 0 with rejects', async () => {
    const db = join(dir, 'summary.duckdb');
    const subs = writeCsv(join(dir, 'subs.csv'), SUBS);
    const result = await runCli(['ingest', 'subscribers', subs, '--db', db]);
    expectSummary(result, { accepted: 1, updated: 0, rejected: 1 });
    expect(Object.keys(JSON.parse(result.lastLine) as object)).toEqual(['accepted', 'updated', 'rejected']);
  });

  // The point on line 2 goes through the H3 worker threads: the CLI must still exit on its own (expectSummary).
  it('ingests complaints with bad rows: exit 0, the counts, and exits by itself after using H3 workers', async () => {
    const db = join(dir, 'complaints.duckdb');
    const path = writeCsv(join(dir, 'complaints.csv'), [
      complaintRow('A', { lat: 45.75, lon: 126.63 }),
      complaintRow('B', { category: 'bogus' }),
      complaintRow('A', { city: 'Daqing' }),
    ]);
    expectSummary(await runCli(['ingest', 'complaints', path, '--db', db], 20_000), {
      accepted: 1,
      updated: 1,
      rejected: 1,
    });
    const rows = await inspect(db, (d) => dumpTable(d, 'complaints'));
    expect(rows.map((r) => [r.complaint_id, r.city])).toEqual([['A', 'Daqing']]);
  });

  it('exits 3 when the file is refused, and changes nothing', async () => {
    const db = join(dir, 'refused.duckdb');
    const before = await inspect(db, async (d) => {
      await ingestPath(d, 'subscribers', writeCsv(join(dir, 's0.csv'), SUBS));
      return dumpAll(d);
    });
    expect(before.subscribers).toHaveLength(1);

    const noColumn = writeCsv(join(dir, 'no-month.csv'), [{ city: 'Harbin', technology: 'LTE', subscribers: 5 }]);
    const missing = await runCli(['ingest', 'subscribers', noColumn, '--db', db]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('missing required column(s) month/月份 for subscribers');
    expect(missing.stdout).not.toContain('accepted');

    const xlsx = join(dir, 'subs.xlsx');
    writeFileSync(xlsx, 'PK\u0003\u0004 not really a workbook');
    const broken = await runCli(['ingest', 'subscribers', xlsx, '--db', db]);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toContain('subs.xlsx: the workbook could not be read as .xlsx');
    const ods = join(dir, 'subs.ods');
    writeFileSync(ods, 'PK\u0003\u0004 a spreadsheet of another kind');
    const unknown = await runCli(['ingest', 'subscribers', ods, '--db', db]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('cannot tell the format from the extension ".ods"');

    const absent = await runCli(['ingest', 'subscribers', join(dir, 'absent.csv'), '--db', db]);
    expect(absent.code).toBe(3);
    expect(absent.stderr).toContain('absent.csv: the file could not be read');
    expect(absent.stderr).not.toMatch(/\n\s+at /);

    expect(await inspect(db, dumpAll)).toEqual(before);
  });

  async function badOptions(template: string[]): Promise<void> {
    const subs = writeCsv(join(dir, 'opt-subs.csv'), SUBS);
    const db = join(dir, 'options.duckdb');
    const result = await runCli(template.map((a) => (a === 'SUBS' ? subs : a === 'DB' ? db : a)));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim()).not.toBe('');
    expect(result.stdout).not.toContain('accepted');
  }

  it.each([
    ['an unknown kind', ['ingest', 'complainz', 'SUBS', '--db', 'DB']],
    ['a resolution out of range', ['ingest', 'subscribers', 'SUBS', '--db', 'DB', '--res', '16']],
    ['an unknown --crs (a commander parse error)', ['ingest', 'subscribers', 'SUBS', '--db', 'DB', '--crs', 'utm']],
  ])('exits 2 for bad options: %s', async (_name, template) => {
    await badOptions(template);
  });
});

describe('settings chosen at creation', () => {
  it('--res 9 stores resolution 9; later runs use it without --res; a mismatching --res exits 2', async () => {
    const db = join(dir, 'res9.duckdb');
    const sites = writeCsv(join(dir, 'res-sites.csv'), SITE_ROWS);
    expectSummary(await runCli(['ingest', 'sites', sites, '--db', db, '--res', '9'], 20_000), {
      accepted: 3,
      updated: 0,
      rejected: 0,
    });
    const complaints = writeCsv(join(dir, 'res-complaints.csv'), [complaintRow('R9', { lat: 45.75, lon: 126.63 })]);
    expectSummary(await runCli(['ingest', 'complaints', complaints, '--db', db], 20_000), {
      accepted: 1,
      updated: 0,
      rejected: 0,
    });

    const mismatch = await runCli(['ingest', 'sites', sites, '--db', db, '--res', '8']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain(
      'this database was created with H3 resolution 9; --res applies only when a database is created',
    );

    await inspect(db, async (d) => {
      expect(d.settings.h3Resolution).toBe(9);
      expect(await d.all(`SELECT value FROM settings WHERE key = 'h3_resolution'`)).toEqual([{ value: '9' }]);
      const cells = (await d.all<{ h3: string }>('SELECT h3 FROM cell_sites UNION ALL SELECT h3 FROM complaints')).map(
        (r) => r.h3,
      );
      expect(cells).toHaveLength(4);
      for (const h of cells) expect(getResolution(h)).toBe(9);
      expect(cells).toContain(cellAt(45.75, 126.63, 9));
    });
  });

  it('--tz Europe/London at creation: offset-less times are London time from then on', async () => {
    const db = join(dir, 'london.duckdb');
    const events = writeCsv(join(dir, 'london-events.csv'), [
      { event_id: 'W', cell_id: 'C', kind: 'outage', starts_at: '2026-10-31 23:30:00' },
      { event_id: 'S', cell_id: 'C', kind: 'outage', starts_at: '2026-07-01 12:00:00' },
    ]);
    expectSummary(await runCli(['ingest', 'events', events, '--db', db, '--tz', 'Europe/London']), {
      accepted: 2,
      updated: 0,
      rejected: 0,
    });
    const mismatch = await runCli(['ingest', 'events', events, '--db', db, '--tz', 'Asia/Shanghai']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('created with time zone Europe/London');
    const rows = await inspect(db, async (d) => {
      expect(d.settings.timeZone).toBe('Europe/London');
      // Opened here without settings, it keeps its own zone: an offset-less time is London time.
      await ingestPath(
        d,
        'events',
        writeCsv(join(dir, 'london-events-2.csv'), [
          { event_id: 'N', cell_id: 'C', kind: 'outage', starts_at: '2026-11-01 00:30:00' },
        ]),
      );
      return dumpTable(d, 'network_events');
    });
    expect(rows.map((r) => [r.event_id, r.starts_at])).toEqual([
      ['N', '2026-11-01T00:30:00.000Z'],
      ['S', '2026-07-01T11:00:00.000Z'],
      ['W', '2026-10-31T23:30:00.000Z'],
    ]);
  });

  it('--crs gcj02 converts points and is recorded with the run', async () => {
    const db = join(dir, 'gcj.duckdb');
    const wgs: [number, number] = [45.75, 126.63];
    const gcj = wgs84ToGcj02(...wgs);
    const sites = writeCsv(join(dir, 'gcj-sites.csv'), [
      { cell_id: 'G', site_id: 'S', city: 'Harbin', technology: 'LTE', lat: gcj[0], lon: gcj[1] },
    ]);
    expectSummary(await runCli(['ingest', 'sites', sites, '--db', db, '--crs', 'gcj02'], 20_000), {
      accepted: 1,
      updated: 0,
      rejected: 0,
    });
    await inspect(db, async (d) => {
      const [site] = await dumpTable(d, 'cell_sites');
      expect(Math.abs(Number(site!.lat) - wgs[0])).toBeLessThan(1e-5);
      expect(Math.abs(Number(site!.lon) - wgs[1])).toBeLessThan(1e-5);
      expect(site!.h3).toBe(cellAt(...wgs));
      expect(await d.all('SELECT kind, format, crs FROM ingest_runs')).toEqual([
        { kind: 'sites', format: 'csv', crs: 'gcj02' },
      ]);
    });
  });
});
