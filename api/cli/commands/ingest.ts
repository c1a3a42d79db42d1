import { Command, Option } from 'commander';
import { INPUT_KINDS, InputKind } from '../../../domain/enums.js';
import { CRS_VALUES, type Crs } from '../../../ingest/gcj02.js';
import { ENCODINGS, type TextEncoding } from '../../../ingest/detect-encoding.js';
import { detectFormat, FORMATS } from '../../../ingest/formats.js';
import type { IngestSummary } from '../../../ingest/ingest.js';
import type { Database } from '../../../store/database.js';
import { ingestFile } from '../../services/ingest-service.js';
import { withDatabase, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { ingestProgressBar } from '../progress-bar.js';

interface IngestOptions extends DbOptions {
  crs: Crs;
  format?: string;
  encoding?: TextEncoding;
  sheet?: string;
}

type Counts = Pick<IngestSummary, 'accepted' | 'updated' | 'rejected'>;

/**
 * `cellpulse ingest <kind> <file>`: prints the JSON summary as the last line of stdout. While a
 * server holds the database, the file goes through its upload route with `CELLPULSE_API_KEY`.
 */
export function ingestCommand(): Command {
  return withDatabaseOptions(new Command('ingest'))
    .description('load complaints, cell sites, subscribers or network events from CSV, NDJSON, Parquet or .xlsx')
    .argument('<kind>', `one of ${INPUT_KINDS.join(', ')}`)
    .argument('<file>', 'input file (.csv, .ndjson, .json, .parquet, .xlsx; .gz is read too)')
    .addOption(new Option('--crs <crs>', 'coordinate system of lat/lon').choices(CRS_VALUES).default('wgs84'))
    .addOption(new Option('--format <format>', 'override the format told by the extension').choices(FORMATS))
    .addOption(
      new Option('--encoding <encoding>', 'text encoding of a CSV/NDJSON file (default: detected)').choices(ENCODINGS),
    )
    .option('--sheet <name>', 'sheet of an .xlsx workbook (default: the first)')
    .action(async (kindArg: string, file: string, options: IngestOptions) => {
      const kind = InputKind.parse(kindArg);
      const format = detectFormat(file, options.format);
      const source = {
        path: file,
        format,
        ...(options.encoding ? { encoding: options.encoding } : {}),
        ...(options.sheet ? { sheet: options.sheet } : {}),
      };
      const summary = await withDatabase<Counts>(options, {
        local: (db) => ingestLocally(db, kind, source, options.crs),
        remote: (server) => {
          const { crs, format: given, encoding, sheet } = options;
          return server.upload(kind, file, { crs, format: given, encoding, sheet });
        },
      });
      console.log(JSON.stringify({ accepted: summary.accepted, updated: summary.updated, rejected: summary.rejected }));
    });
}

type FileSource = Extract<Parameters<typeof ingestFile>[1]['source'], { path: string }>;

async function ingestLocally(db: Database, kind: InputKind, source: FileSource, crs: Crs): Promise<Counts> {
  const bar = ingestProgressBar(`${kind}`);
  try {
    return await ingestFile(db, { kind, source, crs, onProgress: bar.onProgress });
  } finally {
    bar.stop();
  }
}
