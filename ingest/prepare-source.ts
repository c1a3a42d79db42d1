import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectEncoding, type TextEncoding } from './detect-encoding.js';
import { readHead } from './file-bytes.js';
import type { FileFormat } from './formats.js';
import { firstInvalidUtf8, transcodeToUtf8 } from './transcode-to-utf8.js';
import { CellpulseError } from '../domain/errors.js';
import { xlsxToNdjson } from './xlsx-to-ndjson.js';

/** A file to ingest, as the CLI and the upload route describe it. */
export interface FileSource {
  path: string;
  format: FileFormat;
  /** Text encoding of a CSV/NDJSON/JSON file; detected when absent. */
  encoding?: TextEncoding;
  /** Sheet of an .xlsx workbook; the first when absent. */
  sheet?: string;
}

/** A file DuckDB reads as it is (UTF-8 text or Parquet), with the name and position label reasons use. */
export interface ReadableFile {
  path: string;
  format: Exclude<FileFormat, 'xlsx'>;
  /** The file the user gave, for messages and rejected rows. */
  name: string;
  /** How reasons name a position when not by the format's default (`sheet 投诉 row`). */
  label?: `sheet ${string} row`;
}

export interface PreparedFile {
  file: ReadableFile;
  /** Removes any temporary copy; call when the ingest is over, whatever its outcome. */
  release: () => Promise<void>;
  /** A text file read where it lies as UTF-8, judged by its start only. */
  utf8ByItsStart?: true;
}

/**
 * Makes a file DuckDB can read: UTF-8 text stays where it is; GB18030 and UTF-16 text (detected
 * or told) is streamed into a UTF-8 copy, and a workbook's sheet into NDJSON, in a private temp
 * directory. Runs before the ingest's transaction, so the writer is not held while it copies.
 * @throws CellpulseError refused_file when the encoding cannot be told or the workbook cannot be read.
 */
export async function prepareSource(source: FileSource): Promise<PreparedFile> {
  const name = source.path;
  if (source.format === 'parquet') {
    return { file: { path: source.path, format: 'parquet', name }, release: async () => undefined };
  }
  const dir = await mkdtemp(join(tmpdir(), 'cellpulse-file-'));
  const release = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    if (source.format === 'xlsx') {
      const target = join(dir, 'sheet.ndjson');
      const { sheet } = await xlsxToNdjson(source.path, target, source.sheet, name);
      return { file: { path: target, format: 'ndjson', name, label: `sheet ${sheet} row` }, release };
    }
    const detected = source.encoding ?? (await detectEncoding(source.path, name)).encoding;
    // DuckDB's CSV reader skips a UTF-8 byte-order mark itself; its line reader (NDJSON) does not.
    if (detected === 'utf-8' && (source.format === 'csv' || !(await startsWithBom(source.path)))) {
      await release();
      return {
        file: { path: source.path, format: source.format, name },
        release: async () => undefined,
        utf8ByItsStart: true,
      };
    }
    const target = join(dir, `text.${source.format}`);
    await transcodeToUtf8(source.path, detected, target, name);
    return { file: { path: target, format: source.format, name }, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * A refusal of a text file read as UTF-8 (detection judges the first 256 KiB; GBK text may start
 * later), explained when the file is not valid UTF-8 after all: where, and which flag to pass.
 * Any other error comes back as it is.
 */
export async function explainRefusal(error: unknown, prepared: PreparedFile): Promise<unknown> {
  const { file } = prepared;
  if (!(error instanceof CellpulseError) || error.code !== 'refused_file' || !prepared.utf8ByItsStart) return error;
  const offset = await firstInvalidUtf8(file.path).catch(() => undefined);
  if (offset === undefined) return error;
  return new CellpulseError(
    'refused_file',
    `${file.name}: the file is not valid UTF-8 after byte ${offset} (its start looked like UTF-8); if it is GBK, ` +
      'pass --encoding gb18030 (over HTTP: ?encoding=gb18030), or save it as UTF-8',
  );
}

async function startsWithBom(path: string): Promise<boolean> {
  const head = await readHead(path, 3);
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}
