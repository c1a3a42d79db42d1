import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputKind } from '../../../domain/enums.js';
import { CellpulseError } from '../../../domain/errors.js';
import { ingest, type IngestSummary } from '../../../ingest/ingest.js';
import { complaintRow, ingestPath } from '../../helpers/ingest-rows.js';
import { countRows, dumpTable } from '../../helpers/table-dump.js';
import { tmpDbPerTest } from '../../helpers/tmp-db.js';
import {
  columnsOf,
  writeCsv,
  writeLines,
  writeNdjson,
  writeParquet,
  type FixtureRow,
} from '../../helpers/write-fixture.js';

const CATEGORY_LIST =
  'weak_coverage (弱覆盖), no_signal (无信号), call_drop (掉话), slow_data (上网慢/网速慢), ' +
  'voice_quality (通话质量/话音质量), no_service (无服务), other (其他/其它)';

const t = tmpDbPerTest();

/** The raw row as a CSV reader sees it: every header, text values, empty fields as null. */
function csvRaw(row: FixtureRow, columns: string[]): Record<string, string | null> {
  return Object.fromEntries(
    columns.map((c) => {
      const v = row[c];
      return [c, v === undefined || v === null || v === '' ? null : String(v)];
    }),
  );
}

/** Ingests complaints from a file of these raw lines; returns the summary and the rejected rows (without run ids). */
async function ingestLines(
  name: string,
  lines: string[],
): Promise<{ summary: IngestSummary; rejected: Record<string, unknown>[] }> {
  const summary = await ingestPath(t.db, 'complaints', writeLines(join(t.dir, name), lines));
  return { summary, rejected: await dumpTable(t.db, 'rejected_rows', ['run_id']) };
}

/**
 * Writes `cases` (each a row and the reason it must be rejected with, or null) as CSV, ingests it, checks counts and
 * rejected_rows.
 */
async function expectRejections(kind: InputKind, cases: [FixtureRow, string | null][]): Promise<void> {
  const rows = cases.map(([row]) => row);
  const columns = columnsOf(rows);
  const path = writeCsv(join(t.dir, `${kind}.csv`), rows, columns);
  const bad = cases.filter(([, reason]) => reason !== null).length;
  const summary = await ingestPath(t.db, kind, path);
  expect(summary).toMatchObject({ total: cases.length, accepted: cases.length - bad, updated: 0, rejected: bad });
  const expected = cases.flatMap(([row, reason], i) =>
    reason === null
      ? []
      : [
          {
            run_id: summary.run_id,
            kind,
            source: path,
            line: i + 2,
            raw: csvRaw(row, columns),
            reason: `line ${i + 2}: ${reason}`,
          },
        ],
  );
  const stored = (await dumpTable(t.db, 'rejected_rows')).map((r) => ({
    ...r,
    raw: JSON.parse(String(r.raw)) as unknown,
  }));
  expect(stored).toEqual(expected);
  const [run] = await dumpTable(t.db, 'ingest_runs', ['started_at', 'finished_at']);
  expect(run).toMatchObject({ total_rows: cases.length, accepted: cases.length - bad, updated: 0, rejected: bad });
}

/** Rows of one kind: `defaults`, then the fields a case sets. */
const rowsWith =
  (defaults: FixtureRow) =>
  (fields: FixtureRow): FixtureRow => ({ ...defaults, ...fields });

describe('bad rows are kept with the reason, file, line and raw row', () => {
  it('complaints: one file with every kind of bad row', async () => {
    const all = rowsWith({ lat: '', lon: '', cell_id: '', replied_at: '', resolution: '', satisfied: '' });
    await expectRejections('complaints', [
      [all(complaintRow('OK-1', { lat: 45.75, lon: 126.63 })), null],
      [
        all(complaintRow('BAD-TS', { received_at: '2026-13-45 25:00' })),
        'received_at "2026-13-45 25:00" is not an ISO-8601 timestamp',
      ],
      [
        all(complaintRow('BAD-CAT', { category: 'dropped_calls' })),
        `category "dropped_calls" is not one of ${CATEGORY_LIST}`,
      ],
      [all(complaintRow('BAD-LAT', { lat: 123.4, lon: 126.6 })), 'lat 123.4 is outside [-90, 90]'],
      [all(complaintRow('', {})), 'complaint_id is empty'],
      [
        all(complaintRow('BAD-TECH', { technology: '6G' })),
        'technology "6G" is not one of GSM (2G), WCDMA (3G), LTE (4G), NR (5G)',
      ],
      [all(complaintRow('LAT-ONLY', { lat: 45.7 })), 'lat and lon must be given together'],
      [
        all(complaintRow('BAD-BOOL', { satisfied: 'maybe' })),
        'satisfied "maybe" is not one of true (1/是/满意), false (0/否/不满意)',
      ],
      [all(complaintRow('BAD-LON', { lat: 45.7, lon: 200 })), 'lon 200 is outside [-180, 180]'],
      [all(complaintRow('NAN-LON', { lat: 45.7, lon: 'east' })), 'lon "east" is not a number'],
      [all(complaintRow('NO-TS', { received_at: '' })), 'received_at is empty'],
      [all(complaintRow('BAD-REPLY', { replied_at: 'soon' })), 'replied_at "soon" is not an ISO-8601 timestamp'],
      [
        all(complaintRow('BAD-RES', { resolution: 'fixed' })),
        'resolution "fixed" is not one of fault_repair (故障修复), optimisation (优化解决), ' +
          'construction (建设解决), explained (解释), unresolved (未解决)',
      ],
      [
        all(complaintRow('MANY', { city: '', category: '', technology: 'LTE-A' })),
        'city is empty; category is empty; technology "LTE-A" is not one of GSM (2G), WCDMA (3G), LTE (4G), NR (5G)',
      ],
      [all(complaintRow('OK-2', { satisfied: 'N', cell_id: 'HRB-9' })), null],
    ]);
    expect((await dumpTable(t.db, 'complaints')).map((r) => r.complaint_id)).toEqual(['OK-1', 'OK-2']);
  });

  it('subscribers: non-numeric, zero, negative and fractional counts, bad months', async () => {
    const sub = rowsWith({ city: 'Harbin', technology: 'LTE', month: '2026-11', subscribers: 1000 });
    await expectRejections('subscribers', [
      [sub({}), null],
      [sub({ technology: 'GSM', subscribers: 'lots' }), 'subscribers "lots" is not a whole number'],
      [sub({ technology: 'WCDMA', subscribers: 0 }), 'subscribers 0 must be greater than 0'],
      [sub({ technology: 'NR', subscribers: -5 }), 'subscribers "-5" is not a whole number'],
      [sub({ month: '2026-10', subscribers: 12.5 }), 'subscribers "12.5" is not a whole number'],
      [sub({ month: '2026-13' }), 'month "2026-13" is not YYYY-MM'],
      [sub({ month: '2026/11' }), 'month "2026/11" is not YYYY-MM'],
      [sub({ month: '202611' }), 'month "202611" is not YYYY-MM'],
      [sub({ month: '' }), 'month is empty'],
      [sub({ subscribers: '' }), 'subscribers is empty'],
      [
        sub({ city: '', technology: 'CDMA' }),
        'city is empty; technology "CDMA" is not one of GSM (2G), WCDMA (3G), LTE (4G), NR (5G)',
      ],
    ]);
    expect(await dumpTable(t.db, 'subscribers', ['run_id'])).toEqual([
      { city: 'Harbin', technology: 'LTE', month: '2026-11', subscribers: 1000 },
    ]);
  });

  it('sites: empty ids, missing or bad coordinates, azimuth and status', async () => {
    const site = rowsWith({
      cell_id: 'C',
      site_id: 'S',
      city: 'Harbin',
      technology: 'LTE',
      lat: 45.7,
      lon: 126.6,
      azimuth: '',
      status: '',
    });
    await expectRejections('sites', [
      [site({ cell_id: 'OK' }), null],
      [site({ cell_id: '' }), 'cell_id is empty'],
      [site({ cell_id: 'NO-SITE', site_id: '' }), 'site_id is empty'],
      [site({ cell_id: 'NO-LAT', lat: '' }), 'lat is empty'],
      [site({ cell_id: 'NAN-LON', lon: 'east' }), 'lon "east" is not a number'],
      [site({ cell_id: 'FAR', lat: -91 }), 'lat -91 is outside [-90, 90]'],
      [site({ cell_id: 'AZ', azimuth: 360 }), 'azimuth 360 is outside [0, 360)'],
      [
        site({ cell_id: 'ST', status: 'decommissioned' }),
        'status "decommissioned" is not one of active (在网/正常), fault (故障), planned (规划/在建), no_investment (无投资价值)',
      ],
    ]);
  });

  it('events: unknown kind, no place, bad radius, bad or inverted times', async () => {
    const ev = rowsWith({
      event_id: 'E',
      cell_id: 'C',
      lat: '',
      lon: '',
      radius_m: '',
      kind: 'outage',
      starts_at: '2026-11-01T00:00:00Z',
      ends_at: '',
    });
    await expectRejections('events', [
      [ev({ event_id: 'OK' }), null],
      [
        ev({ event_id: 'K', kind: 'flood' }),
        'kind "flood" is not one of outage (故障/中断), maintenance (维护/割接), ' +
          'planned_construction (建设计划/在建), no_investment (无投资价值)',
      ],
      [ev({ event_id: 'P', cell_id: '', lat: 45.7 }), 'give cell_id or lat and lon'],
      [ev({ event_id: 'R', radius_m: 0 }), 'radius_m 0 must be greater than 0'],
      [ev({ event_id: 'S', starts_at: 'next week' }), 'starts_at "next week" is not an ISO-8601 timestamp'],
      [ev({ event_id: 'T', ends_at: '2026-10-31T23:00:00Z' }), 'ends_at is before starts_at'],
    ]);
  });
});

describe('CSV line numbers', () => {
  it('count the header as line 1, and quoted commas and quotes stay inside their field', async () => {
    const {
      summary,
      rejected: [row],
    } = await ingestLines('c.csv', [
      'complaint_id,received_at,city,category,technology',
      'Q-1,2026-11-01T00:00:00Z,"Harbin, Nangang",other,LTE',
      'Q-2,2026-11-01T00:00:00Z,"Say ""hi""",nope,LTE',
    ]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
    expect([row!.line, JSON.parse(String(row!.raw)).city, row!.reason]).toEqual([
      3,
      'Say "hi"',
      `line 3: category "nope" is not one of ${CATEGORY_LIST}`,
    ]);
    expect((await dumpTable(t.db, 'complaints'))[0]!.city).toBe('Harbin, Nangang');
  });

  // DuckDB's CSV reader skips blank lines, so a row's position alone would report later rows a line too early.
  it('a blank line in the middle does not shift the line numbers of later rows', async () => {
    const {
      summary,
      rejected: [row],
    } = await ingestLines('c.csv', [
      'complaint_id,received_at,city,category,technology',
      'B-1,2026-11-01T00:00:00Z,Harbin,other,LTE',
      '',
      'B-2,2026-11-01T00:00:00Z,Harbin,nope,LTE',
    ]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
    expect(row!.reason).toBe(`line 4: category "nope" is not one of ${CATEGORY_LIST}`);
  });
});

describe('NDJSON lines are judged one by one', () => {
  it('a malformed JSON line is rejected on its own, with the line verbatim', async () => {
    const good = JSON.stringify(complaintRow('J-1'));
    const { summary, rejected } = await ingestLines('c.ndjson', [
      good,
      '{"complaint_id": "J-2", "received_at": ',
      'not json at all',
      '[1, 2]',
      JSON.stringify(complaintRow('J-3')),
    ]);
    expect(summary).toMatchObject({ total: 5, accepted: 2, rejected: 3 });
    expect(rejected.map((r) => [r.line, r.raw, r.reason])).toEqual([
      [2, '{"complaint_id": "J-2", "received_at": ', 'line 2: not a JSON object'],
      [3, 'not json at all', 'line 3: not a JSON object'],
      [4, '[1, 2]', 'line 4: not a JSON object'],
    ]);
  });

  it('blank lines are skipped without shifting the line numbers of later rows', async () => {
    const { summary, rejected } = await ingestLines('c.ndjson', [
      JSON.stringify(complaintRow('B-1')),
      '',
      '   ',
      JSON.stringify(complaintRow('B-2', { category: 'bogus' })),
      '',
    ]);
    expect(summary).toMatchObject({ total: 2, accepted: 1, rejected: 1 });
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, `line 4: category "bogus" is not one of ${CATEGORY_LIST}`],
    ]);
  });

  it('a JSON array names its items', async () => {
    const path = join(t.dir, 'c.json');
    writeFileSync(path, JSON.stringify([complaintRow('A-1'), complaintRow('A-2', { lat: 99, lon: 0 }), 42]));
    expect(await ingestPath(t.db, 'complaints', path)).toMatchObject({ total: 3, accepted: 1, rejected: 2 });
    const rejected = await dumpTable(t.db, 'rejected_rows', ['run_id']);
    expect(rejected.map((r) => [r.line, r.raw, r.reason])).toEqual([
      [2, JSON.stringify(complaintRow('A-2', { lat: 99, lon: 0 })), 'item 2: lat 99 is outside [-90, 90]'],
      [3, '42', 'item 3: not a JSON object'],
    ]);
  });

  it('Parquet names its rows', async () => {
    const path = await writeParquet(join(t.dir, 'c.parquet'), [
      complaintRow('P-1'),
      complaintRow('P-2', { technology: '6G' }),
    ]);
    expect(await ingestPath(t.db, 'complaints', path)).toMatchObject({ accepted: 1, rejected: 1 });
    const rejected = await dumpTable(t.db, 'rejected_rows', ['run_id']);
    expect(rejected.map((r) => [r.line, JSON.parse(String(r.raw)).complaint_id, r.reason])).toEqual([
      [2, 'P-2', 'row 2: technology "6G" is not one of GSM (2G), WCDMA (3G), LTE (4G), NR (5G)'],
    ]);
  });
});

describe('a file that cannot be read is refused whole and changes nothing', () => {
  async function seedThenRefuse(kind: InputKind, path: string, message: RegExp): Promise<void> {
    await ingestPath(
      t.db,
      'complaints',
      writeCsv(join(t.dir, 'seed.csv'), [complaintRow('SEED-1'), complaintRow('SEED-2', { category: 'bogus' })]),
    );
    await ingestPath(
      t.db,
      'subscribers',
      writeCsv(join(t.dir, 'seed-subs.csv'), [{ city: 'Harbin', technology: 'LTE', month: '2026-11', subscribers: 1 }]),
    );
    const before = await Promise.all(
      ['complaints', 'cell_sites', 'subscribers', 'network_events', 'rejected_rows', 'ingest_runs'].map((x) =>
        dumpTable(t.db, x),
      ),
    );
    const error = await ingest(t.db, { kind, source: { path, format: formatOf(path) } }).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string },
    );
    expect(error).toBeInstanceOf(CellpulseError);
    expect(error!.code).toBe('refused_file');
    expect(error!.message).toMatch(message);
    const after = await Promise.all(
      ['complaints', 'cell_sites', 'subscribers', 'network_events', 'rejected_rows', 'ingest_runs'].map((x) =>
        dumpTable(t.db, x),
      ),
    );
    expect(after).toEqual(before);
    // The database is still usable after a refusal.
    expect(
      await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'after.csv'), [complaintRow('AFTER')])),
    ).toMatchObject({ accepted: 1 });
    expect(await countRows(t.db, 'complaints')).toBe(2);
  }

  function formatOf(path: string): 'csv' | 'ndjson' | 'json' | 'parquet' {
    if (path.endsWith('.parquet')) return 'parquet';
    if (path.endsWith('.ndjson')) return 'ndjson';
    if (path.endsWith('.json')) return 'json';
    return 'csv';
  }

  it('a CSV missing a required column (with good and bad rows in it)', async () => {
    const path = writeCsv(join(t.dir, 'no-tech.csv'), [
      { complaint_id: 'X-1', received_at: '2026-11-01T00:00:00Z', city: 'Harbin', category: 'other' },
      { complaint_id: 'X-2', received_at: 'bad', city: 'Harbin', category: 'other' },
    ]);
    await seedThenRefuse(
      'complaints',
      path,
      new RegExp(
        'no-tech\\.csv: missing required column\\(s\\) technology/网络制式 for complaints; ' +
          'found columns: complaint_id, received_at, city, category',
      ),
    );
  });

  it('subscribers missing 用户数', async () => {
    const path = writeCsv(join(t.dir, 'subs.csv'), [{ 地市: '哈尔滨', 网络制式: 'LTE', 月份: '2026-11' }]);
    await seedThenRefuse('subscribers', path, /missing required column\(s\) subscribers\/用户数 for subscribers/);
  });

  it('NDJSON whose objects never carry a required key', async () => {
    const ndjson = writeNdjson(join(t.dir, 'c.ndjson'), [
      { complaint_id: 'N-1', received_at: '2026-11-01T00:00:00Z', city: 'Harbin', technology: 'LTE' },
    ]);
    await seedThenRefuse('complaints', ndjson, /missing required column\(s\) category\/投诉类型/);
  });

  it('Parquet without a required column', async () => {
    const parquet = await writeParquet(join(t.dir, 'c.parquet'), [
      { complaint_id: 'N-1', received_at: '2026-11-01T00:00:00Z', city: 'Harbin', category: 'other' },
    ]);
    await seedThenRefuse('complaints', parquet, /missing required column\(s\) technology/);
  });

  it('a file that does not exist', async () => {
    await seedThenRefuse('complaints', join(t.dir, 'missing.csv'), /missing\.csv: the file could not be read/);
  });

  it('an empty file', async () => {
    const path = join(t.dir, 'empty.csv');
    writeFileSync(path, '');
    await seedThenRefuse('complaints', path, /empty\.csv: missing required column/);
  });

  it('a Parquet file named .csv', async () => {
    const parquet = await writeParquet(join(t.dir, 'real.parquet'), [complaintRow('W-1')]);
    const misnamedParquet = join(t.dir, 'actually-parquet.csv');
    writeFileSync(misnamedParquet, readFileSync(parquet));
    await seedThenRefuse('complaints', misnamedParquet, /actually-parquet\.csv/);
  });

  it('a CSV named .parquet', async () => {
    const path = join(t.dir, 'actually-csv.parquet');
    writeCsv(path, [complaintRow('W-2')]);
    await seedThenRefuse('complaints', path, /actually-csv\.parquet: the file could not be read as the given format/);
  });

  it('a one-line JSON array named .ndjson', async () => {
    const path = join(t.dir, 'array.ndjson');
    writeFileSync(path, JSON.stringify([complaintRow('W-3')]));
    await seedThenRefuse('complaints', path, /array\.ndjson: missing required column/);
  });

  it('a CSV named .json', async () => {
    const path = join(t.dir, 'actually-csv.json');
    writeCsv(path, [complaintRow('W-4')]);
    await seedThenRefuse('complaints', path, /actually-csv\.json: the file could not be read as the given format/);
  });
});
