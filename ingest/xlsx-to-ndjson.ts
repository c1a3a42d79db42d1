import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { CellpulseError } from '../domain/errors.js';

/** What was read out of a workbook: the sheet taken (its name goes into rejected-row reasons). */
export interface SheetExport {
  sheet: string;
}

type CellValue = ExcelJS.CellValue;

/**
 * Streams one sheet of an .xlsx workbook (`sheet`, else the workbook's first) into an NDJSON file
 * whose line n is the sheet's row n as Excel numbers it: the first non-empty row names the
 * columns, each later row becomes an object keyed by them, and header and empty rows become
 * empty lines, so the NDJSON reader's line numbers are Excel's row numbers. A date cell is
 * written as its wall-clock time (`2026-10-05 10:00:00`, read in the database's zone).
 * exceljs's WorkbookReader parses the zip and XML as streams: rows are never all in memory.
 * @throws CellpulseError refused_file for an unreadable workbook, a missing sheet or a sheet without a header row.
 */
export async function xlsxToNdjson(
  path: string,
  target: string,
  sheet: string | undefined,
  name = path,
): Promise<SheetExport> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const seen: string[] = [];
  try {
    for await (const worksheet of reader) {
      const sheetName = (worksheet as unknown as { name: string }).name;
      seen.push(sheetName);
      if (!isWanted(reader, sheetName, sheet)) {
        await skipSheet(worksheet);
        continue;
      }
      await writeSheet(worksheet, target, `${name} sheet ${sheetName}`);
      return { sheet: sheetName };
    }
  } catch (error) {
    if (error instanceof CellpulseError) throw error;
    const first = String((error as Error)?.message ?? error).split('\n')[0];
    throw new CellpulseError('refused_file', `${name}: the workbook could not be read as .xlsx: ${first}`);
  }
  const found = seen.length === 0 ? 'it has no sheets' : `its sheets are ${seen.join(', ')}`;
  const missing = `no sheet named "${sheet ?? ''}"`;
  throw new CellpulseError('refused_file', `${name}: ${missing}; ${found} (choose one with --sheet)`);
}

/**
 * Reads a sheet that is not wanted to its end: exceljs parks a sheet met before the shared strings
 * in a temp file, and one left unread had that file removed under a later open (ENOENT, uncaught).
 */
async function skipSheet(worksheet: AsyncIterable<unknown>): Promise<void> {
  for await (const row of worksheet) void row;
}

/** The asked-for sheet, or else the first of the workbook's own order (the zip may list sheets otherwise). */
function isWanted(reader: ExcelJS.stream.xlsx.WorkbookReader, sheetName: string, sheet: string | undefined): boolean {
  if (sheet !== undefined) return sheetName === sheet;
  const first = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets?.[0]?.name;
  return first === undefined || first === sheetName;
}

async function writeSheet(worksheet: AsyncIterable<ExcelJS.Row>, target: string, label: string): Promise<void> {
  const out = createWriteStream(target);
  let headers: (string | undefined)[] | undefined;
  let written = 0;
  try {
    for await (const row of worksheet) {
      const values = (row.values as CellValue[]).slice(1);
      if (values.every((v) => cellText(v) === undefined)) continue;
      // Empty lines up to the row's own number keep NDJSON lines equal to Excel rows.
      const gap = '\n'.repeat(row.number - 1 - written);
      written = row.number;
      if (headers === undefined) {
        headers = values.map((v) => cellText(v)?.trim() || undefined);
        await write(out, `${gap}\n`);
        continue;
      }
      await write(out, `${gap}${JSON.stringify(rowObject(headers, values))}\n`);
    }
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
  if (headers === undefined) throw new CellpulseError('refused_file', `${label} is empty: it needs a header row`);
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** The row as {header: text}; a column without a header, or named twice, keeps its first. */
function rowObject(
  headers: readonly (string | undefined)[],
  values: readonly CellValue[],
): Record<string, string | null> {
  const record: Record<string, string | null> = {};
  headers.forEach((header, i) => {
    if (header === undefined || header in record) return;
    record[header] = cellText(values[i]) ?? null;
  });
  return record;
}

/** A cell as the text a CSV export of it would hold; undefined when empty. */
function cellText(value: CellValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return wallClock(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as CellValue);
  if ('text' in value) return cellText(value.text as CellValue);
  if ('error' in value) return String(value.error);
  return undefined;
}

/**
 * exceljs gives an Excel date as the UTC instant of its wall-clock reading: print that reading,
 * to the second (an Excel serial day fraction is not exact in milliseconds).
 */
function wallClock(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'invalid date';
  return new Date(Math.round(date.getTime() / 1000) * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.000Z$/, '');
}
