import { runCase } from './harness/child-case.js';
import { interleave, statusText, type Summary } from './harness/interleave.js';
import { emptySection, type BenchContext, type Section } from './harness/section.js';
import { formatCount, formatRatio, sizeLabel } from './harness/stats.js';
import { ensureOperatorFiles, XLSX_MAX_SIZE } from './inputs/operator-files.js';

/** Target of issue 19: a GBK export ingests within 1.3× of the same rows as UTF-8. */
export const FILES_TARGETS = { maxGbkRatio: 1.3 };

export interface FilesRecord {
  size: number;
  utf8: Summary;
  zhUtf8: Summary;
  gbk: Summary;
  xlsx?: Summary;
  gbkRatio?: number;
  /** GBK against the same Chinese text in UTF-8: the cost of the encoding alone. */
  gbkZhRatio?: number;
  xlsxRatio?: number;
}

const HEADERS = [
  'size',
  'UTF-8 CSV (English)',
  'UTF-8 CSV (Chinese)',
  'GBK CSV (Chinese)',
  'GBK / UTF-8',
  'GBK / Chinese UTF-8',
  '.xlsx (Chinese)',
  'xlsx rows/s',
  '.xlsx / UTF-8',
];

/** 6. Operator files: the bench complaint file as UTF-8, as a Chinese GBK export and as a workbook. */
export async function runFilesBench(ctx: BenchContext): Promise<Section> {
  const title = '6. Operator files (GBK CSV and .xlsx with Chinese headers and values) vs the UTF-8 CSV';
  const section = emptySection('files', title, HEADERS);
  for (const size of ctx.sizes) {
    const files = await ctx.files(size);
    const twins = await ensureOperatorFiles(files, ctx.log);
    const label = `files ${sizeLabel(size)}`;
    const ingestOf = (file: string, format: string) => () => runCase('ingest-cellpulse', { file, format });
    const [utf8, zhUtf8, gbk, xlsx] = await interleave(
      ctx.repeatsFor(size),
      [
        { label: `${label} utf-8`, run: ingestOf(files.csv, 'csv') },
        { label: `${label} zh utf-8`, run: ingestOf(twins.zhCsv, 'csv') },
        { label: `${label} gbk`, run: ingestOf(twins.gbkCsv, 'csv') },
        ...(twins.xlsx ? [{ label: `${label} xlsx`, run: ingestOf(twins.xlsx, 'xlsx') }] : []),
      ],
      ctx.log,
    );
    const record = filesRecord(size, utf8!, zhUtf8!, gbk!, xlsx);
    section.records.push(record);
    section.rows.push(filesRow(record));
    section.targets.push({
      name: `ingest ${sizeLabel(size)} GBK CSV: ratio to the UTF-8 CSV`,
      goal: `≤ ${FILES_TARGETS.maxGbkRatio}×`,
      measured: formatRatio(record.gbkRatio),
      met: record.gbkRatio === undefined ? null : record.gbkRatio <= FILES_TARGETS.maxGbkRatio,
      profile: { caseName: 'ingest-cellpulse', args: { file: twins.gbkCsv, format: 'csv' }, size },
    });
  }
  section.notes.push(
    'Each case is `ingest(db, {kind: "complaints"})` into a fresh database file ' +
      '(as in section 1): a ratio compares whole ingests.',
    "UTF-8 (English) is section 1's file; the Chinese twins hold the same rows with Chinese headers, values (掉话, 4G, " +
      '是 …) and date forms (2026年10月5日 10:00:00, 2026/10/5 …); GBK is that text encoded by iconv-lite. GBK adds ' +
      'detection and a streaming transcode to a temp UTF-8 file (WHATWG TextDecoder) before the transaction.',
    `.xlsx is measured only at sizes up to ${sizeLabel(XLSX_MAX_SIZE)} ` +
      `(exceljs's streaming reader parses the sheet's XML ` +
      'in JavaScript; a 1M-row workbook takes minutes to write and read).',
  );
  return section;
}

function filesRecord(size: number, utf8: Summary, zhUtf8: Summary, gbk: Summary, xlsx?: Summary): FilesRecord {
  const over = (s: Summary | undefined, base: Summary): number | undefined =>
    s?.ms !== undefined && base.ms !== undefined ? s.ms / base.ms : undefined;
  return {
    size,
    utf8,
    zhUtf8,
    gbk,
    ...(xlsx ? { xlsx } : {}),
    gbkRatio: over(gbk, utf8),
    gbkZhRatio: over(gbk, zhUtf8),
    xlsxRatio: over(xlsx, utf8),
  };
}

function filesRow(r: FilesRecord): string[] {
  const xlsxRate = r.xlsx?.ms === undefined ? undefined : r.size / (r.xlsx.ms / 1000);
  return [
    sizeLabel(r.size),
    statusText(r.utf8),
    statusText(r.zhUtf8),
    statusText(r.gbk),
    formatRatio(r.gbkRatio),
    formatRatio(r.gbkZhRatio),
    r.xlsx ? statusText(r.xlsx) : '—',
    r.xlsx ? formatCount(xlsxRate) : '—',
    r.xlsx ? formatRatio(r.xlsxRatio) : '—',
  ];
}
