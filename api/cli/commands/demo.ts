import { rmSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { chineseGbkDataset } from '../../../datasets/generator/chinese-sample.js';
import { generateDataset } from '../../../datasets/generator/generate-dataset.js';
import { Database } from '../../../store/database.js';
import { loadDataset } from '../../services/load-dataset.js';
import { ingestProgressBar } from '../progress-bar.js';
import { refuseIfServed, writeServerRecord } from '../server-record.js';

interface DemoOptions {
  db: string;
  data?: string;
  host: string;
  port: string;
  serve: boolean;
  zh?: boolean;
}

/**
 * `cellpulse demo` (SPEC §7): generates the sample data set (default options and seed) into
 * `sample/` next to the database file, ingests it into a fresh database and serves it;
 * `--data <dir>` loads an existing data set directory instead of generating one.
 */
export function demoCommand(): Command {
  return new Command('demo')
    .description('generate the sample data set, load it into a fresh database and serve it')
    .option('--db <file>', 'database file to (re)create', 'data/demo.duckdb')
    .option(
      '--data <dir>',
      'load this data set directory (as written by datasets/generate.ts) instead of generating one',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--no-serve', 'load only, do not start the server')
    .option('--zh', 'write the sample as a Chinese back office exports it (GBK, Chinese headers, values and dates)')
    .action(async (options: DemoOptions) => {
      await refuseIfServed(options.db);
      const dir = options.data ?? (await generateSample(options.db, options.zh ?? false));
      const db = await freshDatabase(options.db);
      const loaded = await loadDataset(db, dir, (kind) => {
        const bar = ingestProgressBar(kind);
        return (stage, done, total) => {
          bar.onProgress(stage, done, total);
          if (stage === 'write') bar.stop();
        };
      });
      const counts = Object.fromEntries(
        Object.entries(loaded).map(([kind, s]) => [
          kind,
          { accepted: s.accepted, updated: s.updated, rejected: s.rejected },
        ]),
      );
      console.error(`cellpulse: loaded ${dir} into ${options.db}`);
      console.log(JSON.stringify(counts));
      if (!options.serve) return db.close();
      const { startServer } = await import('../../server.js');
      const server = await startServer({
        db,
        host: options.host,
        port: Number(options.port),
        config: { scanSchedule: true },
      });
      writeServerRecord(options.db, server.url);
    });
}

/**
 * Writes the default sample data set into `sample/` beside the database file (in Chinese GBK with
 * `zh`); returns the directory.
 */
async function generateSample(dbPath: string, zh: boolean): Promise<string> {
  const out = join(dirname(resolve(dbPath)), 'sample');
  const bar = ingestProgressBar('sample complaints');
  const summary = await generateDataset({ out, onProgress: (done, total) => bar.onProgress('write', done, total) });
  bar.stop();
  const { sites, subscribers, events, complaints } = summary.files;
  if (zh) await chineseGbkDataset({ sites, subscribers, events, complaints });
  console.error(`cellpulse: generated ${summary.complaints.total} complaints and ${summary.cells} cells into ${out}`);
  return out;
}

async function freshDatabase(path: string): Promise<Database> {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  return Database.open(file);
}
