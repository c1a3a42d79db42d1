import { createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import { encodeFile, toChineseCsv } from '../../datasets/generator/chinese-sample.js';
import type { ComplaintFiles } from './complaint-files.js';

/** The bench complaint file as an operator's back office exports it. */
export interface OperatorFiles {
  /** Chinese headers, values and date forms, UTF-8. */
  zhCsv: string;
  /** The same text in GBK. */
  gbkCsv: string;
  /** The same rows in an .xlsx workbook (one sheet, text cells), made only up to `XLSX_MAX_SIZE`. */
  xlsx?: string;
}

/** Workbooks above this size take minutes to write and read; the section measures XLSX at sizes up to it. */
export const XLSX_MAX_SIZE = 100_000;

/** Makes (once per generated complaint file) the Chinese UTF-8, GBK and .xlsx twins of the bench CSV. */
export async function ensureOperatorFiles(files: ComplaintFiles, log: (line: string) => void): Promise<OperatorFiles> {
  const base = files.csv.replace(/\.csv$/, '');
  const out: OperatorFiles = { zhCsv: `${base}.zh-utf8.csv`, gbkCsv: `${base}.zh-gbk.csv` };
  if (!existsSync(out.zhCsv)) {
    log(`writing the Chinese twins of ${files.csv}`);
    await toChineseCsv('complaints', files.csv, `${out.zhCsv}.tmp`);
    renameSync(`${out.zhCsv}.tmp`, out.zhCsv);
    rmSync(out.gbkCsv, { force: true });
  }
  if (!existsSync(out.gbkCsv)) {
    await encodeFile(out.zhCsv, `${out.gbkCsv}.tmp`, 'gbk');
    renameSync(`${out.gbkCsv}.tmp`, out.gbkCsv);
  }
  if (files.size > XLSX_MAX_SIZE) return out;
  const xlsx = `${base}.zh.xlsx`;
  if (!existsSync(xlsx)) {
    log(`writing ${xlsx}`);
    await csvToXlsx(out.zhCsv, `${xlsx}.tmp`);
    renameSync(`${xlsx}.tmp`, xlsx);
  }
  return { ...out, xlsx };
}

/** A streaming workbook writer fed line by line (the bench CSV quotes nothing: its fields hold no commas). */
async function csvToXlsx(csv: string, target: string): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('投诉');
  const lines = createInterface({ input: createReadStream(csv, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line !== '') sheet.addRow(line.split(',').map((v) => (v === '' ? null : v))).commit();
  }
  sheet.commit();
  await book.commit();
}
