import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputKind } from '../../../domain/enums.js';
import { ingest, type IngestSummary } from '../../../ingest/ingest.js';
import { BOOK_TABLES, DATA_TABLES, dumpTable } from '../../helpers/table-dump.js';
import { tmpDbPerTest } from '../../helpers/tmp-db.js';
import { writeLines } from '../../helpers/write-fixture.js';

const t = tmpDbPerTest();

async function snapshot(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of [...DATA_TABLES, ...BOOK_TABLES]) tables[table] = await dumpTable(t.db, table);
  return tables;
}

/** Writes `lines` as the CSV file of `kind` and ingests it. */
function ingestCsvLines(kind: InputKind, lines: readonly string[]): Promise<IngestSummary> {
  return ingest(t.db, { kind, source: { path: writeLines(join(t.dir, `${kind}.csv`), lines), format: 'csv' } });
}

/** Short and mostly ASCII: four Chinese characters are too little text to tell GBK from Big5 or Latin-1. */
const SHORT_GBK =
  'complaint_id,received_at,city,category,technology\nA-1,2026-10-05 ' +
  '10:00,Harbin,掉话,4G\nA-2,2026/10/5 11:00,Harbin,弱覆盖,LTE\n';

describe('a file whose encoding cannot be told', () => {
  it('is refused, naming the likely encodings and --encoding, and nothing is written', async () => {
    const path = join(t.dir, 'short.csv');
    writeFileSync(path, iconv.encode(SHORT_GBK, 'gbk'));
    const before = await snapshot();
    const refusal = ingest(t.db, { kind: 'complaints', source: { path, format: 'csv' } });
    await expect(refusal).rejects.toMatchObject({ code: 'refused_file' });
    await expect(refusal).rejects.toThrow(
      /cannot tell the file's text encoding.*likely encodings are gb18030, utf-8.*--encoding gb18030/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('is read right with --encoding gb18030', async () => {
    const path = join(t.dir, 'short.csv');
    writeFileSync(path, iconv.encode(SHORT_GBK, 'gbk'));
    expect(
      await ingest(t.db, { kind: 'complaints', source: { path, format: 'csv', encoding: 'gb18030' } }),
    ).toMatchObject({ accepted: 2, rejected: 0 });
    const rows =
      await t.db.all(`SELECT complaint_id, category, technology, strftime(received_at AT TIME ZONE 'Asia/Shanghai',
        '%Y-%m-%d %H:%M') AS at
      FROM complaints ORDER BY 1`);
    expect(rows).toEqual([
      { complaint_id: 'A-1', category: 'call_drop', technology: 'LTE', at: '2026-10-05 10:00' },
      { complaint_id: 'A-2', category: 'weak_coverage', technology: 'LTE', at: '2026-10-05 11:00' },
    ]);
  });

  it('a GBK file read as the wrong encoding is refused at its first bad bytes', async () => {
    const path = join(t.dir, 'gbk-as-utf16.csv');
    writeFileSync(path, iconv.encode(SHORT_GBK, 'gbk'));
    await expect(
      ingest(t.db, { kind: 'complaints', source: { path, format: 'csv', encoding: 'utf-8' } }),
    ).rejects.toThrow(/could not be read|not valid/);
    expect(await dumpTable(t.db, 'complaints')).toEqual([]);
  });
});

describe('Chinese values', () => {
  it('full-width and mixed-case spellings store the canonical values; bad ones name the Chinese aliases', async () => {
    const path = writeLines(join(t.dir, 'values.csv'), [
      '工单号,受理时间,地市,投诉类型,网络制式,处理结果,回访满意',
      'V-1,２０２６年１０月５日　１０：００,哈尔滨, 网速慢 ,４Ｇ,优化解决,满意',
      'V-2,2026年10月5日 10:30,哈尔滨,Call_Drop,ｎｒ,,不满意',
      'V-3,2026年10月5日 11:00,哈尔滨,覆盖差,6G,已修复,还行',
    ]);
    expect(await ingest(t.db, { kind: 'complaints', source: { path, format: 'csv' } })).toMatchObject({
      accepted: 2,
      rejected: 1,
    });
    expect(
      await t.db.all(`SELECT complaint_id, category, technology, resolution, satisfied, received_at = TIMESTAMPTZ
        '2026-10-05 02:00:00Z' AS ten
      FROM complaints ORDER BY 1`),
    ).toEqual([
      {
        complaint_id: 'V-1',
        category: 'slow_data',
        technology: 'LTE',
        resolution: 'optimisation',
        satisfied: true,
        ten: true,
      },
      { complaint_id: 'V-2', category: 'call_drop', technology: 'NR', resolution: null, satisfied: false, ten: false },
    ]);
    const [reject] = await dumpTable(t.db, 'rejected_rows');
    expect(reject!.reason).toBe(
      [
        'line 4: category "覆盖差" is not one of weak_coverage (弱覆盖), no_signal ' +
          '(无信号), call_drop (掉话), slow_data (上网慢/网速慢), ' +
          'voice_quality (通话质量/话音质量), no_service (无服务), other (其他/其它)',
        'technology "6G" is not one of GSM (2G), WCDMA (3G), LTE (4G), NR (5G)',
        'resolution "已修复" is not one of fault_repair (故障修复), optimisation (优化解决), ' +
          'construction (建设解决), explained (解释), unresolved (未解决)',
        'satisfied "还行" is not one of true (1/是/满意), false (0/否/不满意)',
      ].join('; '),
    );
  });

  it('site status and event kinds in Chinese', async () => {
    const sites = [
      '小区ID,基站ID,地市,网络制式,纬度,经度,状态',
      'S-1,B-1,哈尔滨,4G,45.75,126.63,在建',
      'S-2,B-1,哈尔滨,5G,45.75,126.63,拆除',
    ];
    expect(await ingestCsvLines('sites', sites)).toMatchObject({ accepted: 1, rejected: 1 });
    const events = ['事件ID,小区ID,事件类型,开始时间,结束时间', 'E-1,S-1,割接,2026/10/5 01:00,2026年10月5日 05:00'];
    expect(await ingestCsvLines('events', events)).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await t.db.all('SELECT cell_id, technology, status FROM cell_sites')).toEqual([
      { cell_id: 'S-1', technology: 'LTE', status: 'planned' },
    ]);
    expect(await t.db.all(`SELECT kind, epoch(ends_at - starts_at) AS seconds FROM network_events`)).toEqual([
      { kind: 'maintenance', seconds: 14400 },
    ]);
    const [reject] = await dumpTable(t.db, 'rejected_rows');
    expect(reject!.reason).toBe(
      'line 3: status "拆除" is not one of active (在网/正常), fault (故障), planned (规划/在建), no_investment (无投资价值)',
    );
  });
});

describe('an .xlsx workbook', () => {
  async function workbook(rows: unknown[][], name = '投诉'): Promise<string> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(name);
    rows.forEach((row, i) => {
      if (row.length > 0) sheet.getRow(i + 1).values = row as ExcelJS.CellValue[];
    });
    const path = join(t.dir, 'book.xlsx');
    await book.xlsx.writeFile(path);
    return path;
  }

  it('a rejected row names the sheet and the row as Excel numbers it; text and date cells both read', async () => {
    const path = await workbook([
      ['工单号', '受理时间', '地市', '投诉类型', '网络制式'],
      ['X-1', new Date('2026-10-05T10:00:00Z'), '哈尔滨', '掉话', '4G'],
      [],
      ['X-2', '2026/10/5 10:20', '哈尔滨', '上网贵', '4G'],
      ['X-3', '2026年10月5日 10:40', '哈尔滨', '无信号', '5G'],
    ]);
    expect(await ingest(t.db, { kind: 'complaints', source: { path, format: 'xlsx' } })).toMatchObject({
      accepted: 2,
      rejected: 1,
    });
    const [reject] = await dumpTable(t.db, 'rejected_rows');
    expect(reject!.reason).toMatch(/^sheet 投诉 row 4: category "上网贵" is not one of weak_coverage \(弱覆盖\)/);
    expect(JSON.parse(String(reject!.raw))).toMatchObject({ 工单号: 'X-2', 投诉类型: '上网贵' });
    expect(
      await t.db.all(
        `SELECT complaint_id, strftime(received_at AT TIME ZONE 'Asia/Shanghai', '%Y-%m-%d %H:%M') AS at
          FROM complaints ORDER BY 1`,
      ),
    ).toEqual([
      { complaint_id: 'X-1', at: '2026-10-05 10:00' },
      { complaint_id: 'X-3', at: '2026-10-05 10:40' },
    ]);
  });

  it('a sheet that is not there is refused, naming the sheets there are', async () => {
    const path = await workbook([['工单号'], ['X-1']], '工单');
    const before = await snapshot();
    await expect(ingest(t.db, { kind: 'complaints', source: { path, format: 'xlsx', sheet: '投诉' } })).rejects.toThrow(
      'no sheet named "投诉"; its sheets are 工单 (choose one with --sheet)',
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('a GBK file whose first 256 KiB are plain ASCII', () => {
  it('is refused with where it stops being UTF-8 and flag to pass; read whole with --encoding gb18030', async () => {
    const lines = ['complaint_id,received_at,city,category,technology'];
    for (let i = 0; i < 6000; i += 1) lines.push(`C-${i},2026-10-05 10:00,Harbin,call_drop,LTE`);
    lines.push('Z-1,2026-10-05 10:00,哈尔滨,掉话,4G');
    const path = join(t.dir, 'late.csv');
    writeFileSync(path, iconv.encode(`${lines.join('\n')}\n`, 'gbk'));
    const before = await snapshot();
    await expect(ingest(t.db, { kind: 'complaints', source: { path, format: 'csv' } })).rejects.toThrow(
      /is not valid UTF-8 after byte \d+ .*--encoding gb18030/,
    );
    expect(await snapshot()).toEqual(before);
    expect(
      await ingest(t.db, { kind: 'complaints', source: { path, format: 'csv', encoding: 'gb18030' } }),
    ).toMatchObject({ accepted: 6001 });
    expect(await t.db.all(`SELECT city, category FROM complaints WHERE complaint_id = 'Z-1'`)).toEqual([
      { city: '哈尔滨', category: 'call_drop' },
    ]);
  });
});
