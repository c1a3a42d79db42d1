import { describe, expect, it } from 'vitest';
import type { InputKind } from '../../../domain/enums.js';
import {
  COMPLAINT_ROWS,
  COMPLAINTS_STORED,
  EVENT_ROWS,
  EVENTS_STORED,
  ingestPath,
  SITE_ROWS,
  SITES_STORED,
  SUBSCRIBER_ROWS,
  SUBSCRIBERS_STORED,
} from '../../helpers/ingest-rows.js';
import { dumpTable } from '../../helpers/table-dump.js';
import { tmpDbPerTest } from '../../helpers/tmp-db.js';
import { writeFixture, writeParquet, type FixtureFormat, type FixtureRow } from '../../helpers/write-fixture.js';

const FORMATS: FixtureFormat[] = ['csv', 'ndjson', 'json', 'parquet'];

const CASES: { kind: InputKind; table: string; rows: FixtureRow[]; stored: Record<string, unknown>[] }[] = [
  { kind: 'sites', table: 'cell_sites', rows: SITE_ROWS, stored: SITES_STORED },
  { kind: 'complaints', table: 'complaints', rows: COMPLAINT_ROWS, stored: COMPLAINTS_STORED },
  { kind: 'subscribers', table: 'subscribers', rows: SUBSCRIBER_ROWS, stored: SUBSCRIBERS_STORED },
  { kind: 'events', table: 'network_events', rows: EVENT_ROWS, stored: EVENTS_STORED },
];

const t = tmpDbPerTest();

describe.each(FORMATS)('every input kind from %s', (format) => {
  it.each(CASES)('$kind: counts, then the table field by field', async ({ kind, table, rows, stored }) => {
    const path = await writeFixture(t.dir, kind, format, rows);
    const summary = await ingestPath(t.db, kind, path);
    expect(summary).toMatchObject({ kind, total: rows.length, accepted: rows.length, updated: 0, rejected: 0 });

    const dump = await dumpTable(t.db, table);
    expect(dump).toHaveLength(stored.length);
    expect(dump.every((r) => r.run_id === summary.run_id)).toBe(true);
    const withoutRun = dump.map(({ run_id: _run, ...rest }) => rest);
    if (kind === 'events') {
      // The third event has no id: it gets one derived from its content.
      const derived = withoutRun.find((r) => r.kind === 'no_investment')!;
      expect(derived.event_id).toMatch(/^evt_[0-9a-f]{12}$/);
      expect(withoutRun.map(({ event_id: _id, ...rest }) => rest)).toEqual(
        stored.map(({ event_id: _id, ...rest }) => rest),
      );
      expect(withoutRun.filter((r) => r !== derived).map((r) => r.event_id)).toEqual(['E-1', 'E-2']);
    } else {
      expect(withoutRun).toEqual(stored);
    }
    expect(await t.db.all('SELECT * FROM rejected_rows')).toEqual([]);
    const runs = await dumpTable(t.db, 'ingest_runs', ['started_at', 'finished_at']);
    expect(runs).toEqual([
      {
        run_id: summary.run_id,
        kind,
        source: path,
        format,
        crs: 'wgs84',
        actor: 'test',
        total_rows: rows.length,
        accepted: rows.length,
        updated: 0,
        rejected: 0,
      },
    ]);
  });
});

describe('typed Parquet (as a database export writes it)', () => {
  it('complaints with TIMESTAMP, TIMESTAMPTZ, DOUBLE and BOOLEAN columns', async () => {
    const path = await writeParquet(
      `${t.dir}/typed.parquet`,
      [
        {
          complaint_id: 'T-1',
          received_at: '2026-10-31 23:30:00',
          city: 'Harbin',
          category: 'slow_data',
          technology: 'LTE',
          lat: 45.123456789,
          lon: 126.987654321,
          replied_at: '2026-11-01T02:00:00Z',
          satisfied: 'true',
        },
        {
          complaint_id: 'T-2',
          received_at: '2026-11-01 00:30:00',
          city: 'Harbin',
          category: 'other',
          technology: 'GSM',
          lat: null,
          lon: null,
          replied_at: null,
          satisfied: 'false',
        },
      ],
      { received_at: 'TIMESTAMP', replied_at: 'TIMESTAMPTZ', lat: 'DOUBLE', lon: 'DOUBLE', satisfied: 'BOOLEAN' },
    );
    const summary = await ingestPath(t.db, 'complaints', path);
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    const rows = await dumpTable(t.db, 'complaints', ['run_id']);
    expect(rows.map((r) => [r.complaint_id, r.received_at, r.replied_at, r.lat, r.lon, r.satisfied])).toEqual([
      // A TIMESTAMP column has no zone: it is local time in the database's zone, like an offset-less text.
      ['T-1', '2026-10-31T15:30:00.000Z', '2026-11-01T02:00:00.000Z', 45.123456789, 126.987654321, true],
      ['T-2', '2026-10-31T16:30:00.000Z', null, null, null, false],
    ]);
  });

  it('subscribers with a BIGINT column and sites with DOUBLE columns', async () => {
    const subs = await writeParquet(`${t.dir}/subs.parquet`, SUBSCRIBER_ROWS, { subscribers: 'BIGINT' });
    expect(await ingestPath(t.db, 'subscribers', subs)).toMatchObject({ accepted: 3, rejected: 0 });
    expect(await dumpTable(t.db, 'subscribers', ['run_id'])).toEqual(SUBSCRIBERS_STORED);
    const sites = await writeParquet(`${t.dir}/sites.parquet`, SITE_ROWS, {
      lat: 'DOUBLE',
      lon: 'DOUBLE',
      azimuth: 'DOUBLE',
    });
    expect(await ingestPath(t.db, 'sites', sites)).toMatchObject({ accepted: 3, rejected: 0 });
    expect(await dumpTable(t.db, 'cell_sites', ['run_id'])).toEqual(SITES_STORED);
  });
});

describe('the rows of a request body (records)', () => {
  it('are ingested like a file and named by item', async () => {
    const { ingest } = await import('../../../ingest/ingest.js');
    const summary = await ingest(t.db, {
      kind: 'complaints',
      source: { records: [...COMPLAINT_ROWS, 'not an object'], name: 'POST /v1/complaints' },
      withOutcomes: true,
    });
    expect(summary).toMatchObject({ accepted: 3, updated: 0, rejected: 1 });
    expect(summary.outcomes).toEqual([
      { line: 1, id: 'C-1', status: 'accepted' },
      { line: 2, id: 'C-2', status: 'accepted' },
      { line: 3, id: 'C-3', status: 'accepted' },
      { line: 4, id: null, status: 'rejected', reason: 'item 4: not a JSON object' },
    ]);
    expect(await dumpTable(t.db, 'complaints', ['run_id'])).toEqual(COMPLAINTS_STORED);
  });
});

describe('compressed files', () => {
  it('.csv.gz and .ndjson.gz are read like their plain twins', async () => {
    const { gzipSync } = await import('node:zlib');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const csv = await writeFixture(t.dir, 'complaints', 'csv', COMPLAINT_ROWS);
    writeFileSync(`${csv}.gz`, gzipSync(readFileSync(csv)));
    expect(await ingestPath(t.db, 'complaints', `${csv}.gz`)).toMatchObject({ accepted: 3, rejected: 0 });
    expect(await dumpTable(t.db, 'complaints', ['run_id'])).toEqual(COMPLAINTS_STORED);
    const ndjson = await writeFixture(t.dir, 'sites', 'ndjson', SITE_ROWS);
    writeFileSync(`${ndjson}.gz`, gzipSync(readFileSync(ndjson)));
    expect(await ingestPath(t.db, 'sites', `${ndjson}.gz`)).toMatchObject({ accepted: 3, rejected: 0 });
    expect(await dumpTable(t.db, 'cell_sites', ['run_id'])).toEqual(SITES_STORED);
  });
});
