import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toChineseCsv } from '../../../datasets/generator/chinese-sample.js';
import type { InputKind } from '../../../domain/enums.js';
import type { TextEncoding } from '../../../ingest/detect-encoding.js';
import { detectFormat } from '../../../ingest/formats.js';
import { ingest } from '../../../ingest/ingest.js';
import { DATA_TABLES, dumpTable } from '../../helpers/table-dump.js';
import { makeTmpDir, openTmpDb, removeDir, type TmpDb } from '../../helpers/tmp-db.js';

const SAMPLE = fileURLToPath(new URL('../../../datasets/sample/', import.meta.url));
/** In load order: sites first, so complaints named by their cell are located. */
const KINDS: InputKind[] = ['sites', 'subscribers', 'events', 'complaints'];
const NUMERIC = new Set(['纬度', '经度', '方位角', '用户数', '半径']);
const DATE_CELLS = new Set(['受理时间', '开始时间']);
const SHEETS: Record<InputKind, string> = { sites: '基站', subscribers: '用户数', events: '事件', complaints: '投诉' };

let dir: string;
let english: Record<string, unknown[]>;

/** Every data table of a database holding the four files of one form, read in load order. */
async function loadForm(
  files: Record<InputKind, string>,
  options: { encoding?: TextEncoding; sheet?: (k: InputKind) => string } = {},
): Promise<Record<string, unknown[]>> {
  const t: TmpDb = await openTmpDb();
  try {
    for (const kind of KINDS) {
      const path = files[kind];
      const source = {
        path,
        format: detectFormat(path),
        ...(options.encoding ? { encoding: options.encoding } : {}),
        ...(options.sheet ? { sheet: options.sheet(kind) } : {}),
      };
      const summary = await ingest(t.db, { kind, source, actor: 'test' });
      expect(summary.rejected, `${kind} ${path}`).toBe(0);
    }
    const tables: Record<string, unknown[]> = {};
    for (const table of DATA_TABLES) tables[table] = await dumpTable(t.db, table, ['run_id']);
    return tables;
  } finally {
    await t.cleanup();
  }
}

/** The sample's Chinese UTF-8 text of a kind, as the generator's --zh writes it (before encoding). */
const zhText = (kind: InputKind): string => readFileSync(join(dir, 'zh', `${kind}.csv`), 'utf8');

async function asTsv(kind: InputKind): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const target = join(dir, 'zh', `${kind}.tsv`);
  await conn.run(
    `COPY (SELECT * FROM read_csv('${join(dir, 'zh', `${kind}.csv`)}', all_varchar = true, header = true))
      TO '${target}' (FORMAT csv, HEADER, DELIMITER '\t')`,
  );
  conn.closeSync();
  instance.closeSync();
  return readFileSync(target, 'utf8');
}

async function csvRows(kind: InputKind): Promise<Record<string, string | null>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const rows = (
    await conn.runAndReadAll(
      `SELECT * FROM read_csv('${join(dir, 'zh', `${kind}.csv`)}', all_varchar = true, header = true)`,
    )
  ).getRowObjectsJS();
  conn.closeSync();
  instance.closeSync();
  return rows as Record<string, string | null>[];
}

/** A workbook as Excel saves one: a notes sheet first, then the data with numbers as numbers and Excel date cells. */
async function writeWorkbook(kind: InputKind, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明').addRow(['由运维系统导出']);
  const sheet = workbook.addWorksheet(SHEETS[kind]);
  const rows = await csvRows(kind);
  const headers = Object.keys(rows[0]!);
  sheet.addRow(headers);
  for (const row of rows) {
    sheet.addRow(
      headers.map((h) => {
        const value = row[h];
        if (value === null || value === undefined) return null;
        if (NUMERIC.has(h)) return Number(value);
        if (DATE_CELLS.has(h)) return excelDate(value);
        return value;
      }),
    );
  }
  await workbook.xlsx.writeFile(path);
}

/** `2026年10月5日 10:00:00` as an Excel date cell: exceljs takes the wall clock as a UTC Date. */
function excelDate(text: string): Date {
  const [, y, m, d, time] = /^(\d{4})年(\d+)月(\d+)日 (.+)$/.exec(text)!;
  return new Date(`${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}T${time}Z`);
}

beforeAll(async () => {
  dir = makeTmpDir('cellpulse-operator-files-');
  mkdirSync(join(dir, 'zh'));
  for (const kind of KINDS) await toChineseCsv(kind, join(SAMPLE, `${kind}.csv`), join(dir, 'zh', `${kind}.csv`));
  english = await loadForm(
    Object.fromEntries(KINDS.map((k) => [k, join(SAMPLE, `${k}.csv`)])) as Record<InputKind, string>,
  );
}, 120_000);
afterAll(() => removeDir(dir));

/** Writes each kind's file of one form and returns their paths. */
async function writeForm(
  name: string,
  ext: string,
  bytes: (kind: InputKind) => Promise<Buffer> | Buffer,
): Promise<Record<InputKind, string>> {
  const files = {} as Record<InputKind, string>;
  for (const kind of KINDS) {
    files[kind] = join(dir, `${name}-${kind}.${ext}`);
    writeFileSync(files[kind], await bytes(kind));
  }
  return files;
}

describe('the sample data set in every operator form gives the rows of the English UTF-8 files', () => {
  it('sanity: the English load is the whole sample and the Chinese text really is Chinese', () => {
    expect(english.complaints).toHaveLength(5886);
    expect(zhText('complaints').split('\n')[0]).toBe(
      '工单号,受理时间,地市,投诉类型,网络制式,纬度,经度,小区ID,回复时间,解决时间,处理结果,回访满意',
    );
    expect(zhText('complaints')).toMatch(/,(弱覆盖|无信号|掉话),(2G|3G|4G|5G),/);
  });

  it.each([
    [
      'UTF-8 with BOM and CRLF',
      'csv',
      (k: InputKind) =>
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(zhText(k).replaceAll('\n', '\r\n'))]),
    ],
    ['GBK', 'csv', (k: InputKind) => iconv.encode(zhText(k), 'gbk')],
    [
      'UTF-16LE with BOM, tab-separated',
      'txt',
      async (k: InputKind) => iconv.encode(await asTsv(k), 'utf16le', { addBOM: true }),
    ],
    [
      'UTF-16BE with BOM, tab-separated',
      'txt',
      async (k: InputKind) => iconv.encode(await asTsv(k), 'utf16be', { addBOM: true }),
    ],
  ] as const)(
    '%s, detected',
    async (name, ext, bytes) => {
      const files = await writeForm(name.replace(/\W+/g, '-'), ext, bytes);
      expect(await loadForm(files)).toEqual(english);
    },
    120_000,
  );

  it('an .xlsx workbook (data on a named sheet, Excel date cells)', async () => {
    const files = {} as Record<InputKind, string>;
    for (const kind of KINDS) {
      files[kind] = join(dir, `${kind}.xlsx`);
      await writeWorkbook(kind, files[kind]);
    }
    expect(await loadForm(files, { sheet: (k) => SHEETS[k] })).toEqual(english);
  }, 180_000);
});
