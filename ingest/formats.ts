import { extname } from 'node:path';
import { CellpulseError } from '../domain/errors.js';

export const FORMATS = ['csv', 'ndjson', 'json', 'parquet', 'xlsx'] as const;
export type FileFormat = (typeof FORMATS)[number];

/**
 * The format of an input file, from an explicit choice or the file extension
 * (a trailing .gz is looked through: DuckDB reads gzip itself).
 * @throws CellpulseError refused_file for an extension we do not read.
 */
export function detectFormat(path: string, explicit?: string): FileFormat {
  if (explicit !== undefined) {
    if ((FORMATS as readonly string[]).includes(explicit)) return explicit as FileFormat;
    throw new CellpulseError('refused_file', `unknown format; use one of ${FORMATS.join(', ')}`, explicit);
  }
  const ext = extname(path.replace(/\.(gz|zst)$/i, '')).toLowerCase();
  switch (ext) {
    case '.csv':
    case '.tsv':
    case '.txt':
      return 'csv';
    case '.ndjson':
    case '.jsonl':
      return 'ndjson';
    case '.json':
      return 'json';
    case '.parquet':
      return 'parquet';
    case '.xlsx':
      return 'xlsx';
    case '.xls':
      throw new CellpulseError(
        'refused_file',
        `${path}: Excel 97–2003 workbooks (.xls) are not read; save it as .xlsx or CSV`,
      );
    default:
      throw new CellpulseError(
        'refused_file',
        `${path}: cannot tell the format from the extension "${ext}"; name it .csv, ` +
          `.ndjson, .json, .parquet or .xlsx, or pass --format`,
      );
  }
}
