import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellAt, ingestPath, storedComplaint, storedPoint } from '../../helpers/ingest-rows.js';
import { dumpTable } from '../../helpers/table-dump.js';
import { tmpDbPerTest } from '../../helpers/tmp-db.js';
import { writeCsv, writeNdjson, writeParquet } from '../../helpers/write-fixture.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ingest/', import.meta.url));

const t = tmpDbPerTest();

describe('Chinese headers (an Excel "CSV UTF-8" export, with its byte-order mark)', () => {
  it('sites, subscribers, events and complaints load with every field in place', async () => {
    expect(await ingestPath(t.db, 'sites', join(FIXTURES, 'sites-zh.csv'))).toMatchObject({ accepted: 2, rejected: 0 });
    expect(await ingestPath(t.db, 'subscribers', join(FIXTURES, 'subscribers-zh.csv'))).toMatchObject({
      accepted: 2,
      rejected: 0,
    });
    expect(await ingestPath(t.db, 'events', join(FIXTURES, 'events-zh.ndjson'))).toMatchObject({
      accepted: 1,
      rejected: 0,
    });
    expect(await ingestPath(t.db, 'complaints', join(FIXTURES, 'complaints-zh.csv'))).toMatchObject({
      accepted: 3,
      updated: 0,
      rejected: 0,
    });

    expect(await dumpTable(t.db, 'cell_sites', ['run_id'])).toEqual([
      {
        cell_id: 'HRB-001',
        site_id: 'HRB-S1',
        city: '哈尔滨',
        technology: 'LTE',
        lat: 45.7567,
        lon: 126.6424,
        azimuth: 120,
        status: 'active',
        h3: cellAt(45.7567, 126.6424),
      },
      {
        cell_id: 'QQH-001',
        site_id: 'QQH-S9',
        city: '齐齐哈尔',
        technology: 'WCDMA',
        lat: 47.3543,
        lon: 123.9182,
        azimuth: 240,
        status: 'planned',
        h3: cellAt(47.3543, 123.9182),
      },
    ]);
    expect(await dumpTable(t.db, 'subscribers', ['run_id'])).toEqual([
      { city: '哈尔滨', technology: 'LTE', month: '2026-11', subscribers: 2450000 },
      { city: '齐齐哈尔', technology: 'WCDMA', month: '2026-11', subscribers: 180000 },
    ]);
    expect(await dumpTable(t.db, 'network_events', ['run_id'])).toEqual([
      {
        event_id: 'EV-1',
        cell_id: 'HRB-001',
        lat: null,
        lon: null,
        radius_m: 500,
        kind: 'maintenance',
        starts_at: '2026-10-31T17:00:00.000Z',
        ends_at: '2026-10-31T21:00:00.000Z',
        note: '割接',
      },
    ]);
    expect(await dumpTable(t.db, 'complaints', ['run_id'])).toEqual([
      storedComplaint({
        complaint_id: 'ZH-001',
        received_at: '2026-10-31T15:30:00.000Z',
        city: '哈尔滨',
        category: 'weak_coverage',
        technology: 'LTE',
        ...storedPoint(45.756, 126.642),
        cell_id: 'HRB-001',
        replied_at: '2026-11-01T00:00:00.000Z',
        resolved_at: '2026-11-02T02:00:00.000Z',
        resolution: 'optimisation',
        satisfied: true,
      }),
      storedComplaint({
        complaint_id: 'ZH-002',
        received_at: '2026-10-31T16:30:00.000Z',
        city: '齐齐哈尔',
        category: 'no_signal',
        technology: 'WCDMA',
        ...storedPoint(47.3543, 123.9182, 'cell'),
        cell_id: 'QQH-001',
      }),
      storedComplaint({
        complaint_id: 'ZH-003',
        received_at: '2026-11-01T01:00:00.000Z',
        city: '大庆',
        category: 'call_drop',
        technology: 'GSM',
        resolution: 'unresolved',
        satisfied: false,
      }),
    ]);
  });

  it('the same file without the byte-order mark loads the same rows', async () => {
    const withBom = readFileSync(join(FIXTURES, 'complaints-zh.csv'));
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const plain = join(t.dir, 'complaints-zh-plain.csv');
    writeFileSync(plain, withBom.subarray(3));
    copyFileSync(join(FIXTURES, 'complaints-zh.csv'), join(t.dir, 'bom.csv'));
    await ingestPath(t.db, 'complaints', join(t.dir, 'bom.csv'));
    const first = await dumpTable(t.db, 'complaints', ['run_id']);
    expect(await ingestPath(t.db, 'complaints', plain)).toMatchObject({ accepted: 0, updated: 3, rejected: 0 });
    expect(await dumpTable(t.db, 'complaints', ['run_id'])).toEqual(first);
  });

  it('a bad row keeps its Chinese header names in the raw row', async () => {
    const path = writeCsv(join(t.dir, 'bad-zh.csv'), [
      { 工单号: 'ZH-9', 受理时间: '2026-11-01 00:30:00', 地市: '哈尔滨', 投诉类型: '覆盖差', 网络制式: 'LTE' },
    ]);
    expect(await ingestPath(t.db, 'complaints', path)).toMatchObject({ accepted: 0, rejected: 1 });
    const [row] = await dumpTable(t.db, 'rejected_rows', ['run_id']);
    expect(row!.reason).toBe(
      'line 2: category "覆盖差" is not one of weak_coverage (弱覆盖), no_signal ' +
        '(无信号), call_drop (掉话), slow_data (上网慢/网速慢), ' +
        'voice_quality (通话质量/话音质量), no_service (无服务), other (其他/其它)',
    );
    expect(JSON.parse(String(row!.raw))).toEqual({
      工单号: 'ZH-9',
      受理时间: '2026-11-01 00:30:00',
      地市: '哈尔滨',
      投诉类型: '覆盖差',
      网络制式: 'LTE',
    });
  });

  it('Chinese keys in NDJSON and Chinese column names in Parquet', async () => {
    const row = {
      工单号: 'ZH-P',
      受理时间: '2026-11-01 00:30:00',
      地市: '哈尔滨',
      投诉类型: 'slow_data',
      网络制式: 'NR',
      纬度: 45.7,
      经度: 126.6,
      回访满意: 'true',
    };
    await ingestPath(t.db, 'complaints', writeNdjson(join(t.dir, 'zh.ndjson'), [row]));
    const fromNdjson = await dumpTable(t.db, 'complaints', ['run_id']);
    expect(fromNdjson).toMatchObject([
      {
        complaint_id: 'ZH-P',
        received_at: '2026-10-31T16:30:00.000Z',
        city: '哈尔滨',
        technology: 'NR',
        lat: 45.7,
        lon: 126.6,
        satisfied: true,
      },
    ]);
    const parquet = await writeParquet(join(t.dir, 'zh.parquet'), [row], { 纬度: 'DOUBLE', 经度: 'DOUBLE' });
    expect(await ingestPath(t.db, 'complaints', parquet)).toMatchObject({ accepted: 0, updated: 1, rejected: 0 });
    expect(await dumpTable(t.db, 'complaints', ['run_id'])).toEqual(fromNdjson);
  });
});

describe('English headers in any case', () => {
  const mixed = {
    Complaint_ID: 'EN-1',
    RECEIVED_AT: '2026-11-01T00:30:00+08:00',
    City: 'Harbin',
    CATEGORY: 'no_signal',
    Technology: 'LTE',
    LAT: 45.75,
    Lon: 126.63,
    Cell_ID: 'X-1',
    Replied_At: '2026-11-01T01:30:00+08:00',
    SATISFIED: 'no',
  };
  const expected = {
    complaint_id: 'EN-1',
    received_at: '2026-10-31T16:30:00.000Z',
    city: 'Harbin',
    category: 'no_signal',
    technology: 'LTE',
    lat: 45.75,
    lon: 126.63,
    located_by: 'point',
    h3: cellAt(45.75, 126.63),
    cell_id: 'X-1',
    replied_at: '2026-10-31T17:30:00.000Z',
    resolved_at: null,
    resolution: null,
    satisfied: false,
    route: null,
    route_reason: null,
  };

  it('in CSV', async () => {
    expect(await ingestPath(t.db, 'complaints', writeCsv(join(t.dir, 'en.csv'), [mixed]))).toMatchObject({
      accepted: 1,
      rejected: 0,
    });
    expect(await dumpTable(t.db, 'complaints', ['run_id'])).toEqual([expected]);
  });

  it('in NDJSON', async () => {
    expect(await ingestPath(t.db, 'complaints', writeNdjson(join(t.dir, 'en.ndjson'), [mixed]))).toMatchObject({
      accepted: 1,
      rejected: 0,
    });
    expect(await dumpTable(t.db, 'complaints', ['run_id'])).toEqual([expected]);
  });

  it('for subscribers, with the latitude/longitude spellings for sites', async () => {
    const subs = writeCsv(join(t.dir, 's.csv'), [
      { CITY: 'Harbin', TECHNOLOGY: 'lte', Month: '2026-11', Subscribers: 7 },
    ]);
    expect(await ingestPath(t.db, 'subscribers', subs)).toMatchObject({ accepted: 1 });
    expect(await dumpTable(t.db, 'subscribers', ['run_id'])).toEqual([
      { city: 'Harbin', technology: 'LTE', month: '2026-11', subscribers: 7 },
    ]);
    const sites = writeCsv(join(t.dir, 'sites.csv'), [
      { Cell_Id: 'A', Site_Id: 'S', City: 'Harbin', Technology: 'LTE', Latitude: 45.1, Longitude: 126.2 },
    ]);
    expect(await ingestPath(t.db, 'sites', sites)).toMatchObject({ accepted: 1 });
    expect(await dumpTable(t.db, 'cell_sites', ['run_id'])).toMatchObject([
      { cell_id: 'A', lat: 45.1, lon: 126.2, h3: cellAt(45.1, 126.2) },
    ]);
  });
});
