import { rmSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { Database } from '../../../store/database.js';
import { loadDataset } from '../../services/load-dataset.js';
import { ingestProgressBar } from '../progress-bar.js';

const SAMPLE_DIR = fileURLToPath(new URL('../../../datasets/sample/', import.meta.url));

interface DemoOptions {
  db: string;
  data: string;
  host: string;
  port: string;
  serve: boolean;
}

/** `cellpulse demo`: the sample province into a fresh database, then the API and dashboard. */
export function demoCommand(): Command {
  return new Command('demo')
    .description('load the sample data set into a fresh database and serve it')
    .option('--db <file>', 'database file to (re)create', 'data/demo.duckdb')
    .option('--data <dir>', 'data set directory (as written by datasets/generate.ts)', SAMPLE_DIR)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '8080')
    .option('--no-serve', 'load only, do not start the server')
    .action(async (options: DemoOptions) => {
      const db = await freshDatabase(options.db);
      const loaded = await loadDataset(db, options.data, (kind) => {
        const bar = ingestProgressBar(kind);
        return (stage, done, total) => {
          bar.onProgress(stage, done, total);
          if (stage === 'write') bar.stop();
        };
      });
      const counts = Object.fromEntries(Object.entries(loaded).map(([kind, s]) => [kind, { accepted: s.accepted, updated: s.updated, rejected: s.rejected }]));
      console.error(`cellpulse: loaded ${options.data} into ${options.db}`);
      console.log(JSON.stringify(counts));
      if (!options.serve) return db.close();
      const { startServer } = await import('../../server.js');
      await startServer({ db, host: options.host, port: Number(options.port) });
    });
}

async function freshDatabase(path: string): Promise<Database> {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  return Database.open(file);
}
