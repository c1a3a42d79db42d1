import { Command } from 'commander';
import { CellpulseError } from '../../../domain/errors.js';
import { openFromOptions, withDatabaseOptions, type DbOptions } from '../database-options.js';
import { refuseIfServed, writeServerRecord } from '../server-record.js';
import { scanConfig, withScanOptions, type ScanScheduleOptions } from '../scan-options.js';

interface ServeOptions extends DbOptions, ScanScheduleOptions {
  host: string;
  port: string;
}

/** `cellpulse serve --db <file> [--host 127.0.0.1] [--port 8080]`: the HTTP API and the dashboard. */
export function serveCommand(): Command {
  return withScanOptions(withDatabaseOptions(new Command('serve')))
    .description('serve the HTTP API (OpenAPI at /docs) and the dashboard; keys from CELLPULSE_API_KEYS')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '8080')
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CellpulseError('invalid_parameter', '--port must be an integer in [0, 65535]', options.port);
      await refuseIfServed(options.db);
      // The API's modules load while DuckDB opens the file on its own threads (after a crash that
      // includes replaying the WAL), so the two waits overlap instead of adding up.
      const server = import('../../server.js');
      void server.catch(() => undefined);
      const db = await openFromOptions(options);
      try {
        const { startServer } = await server;
        const running = await startServer({ db, host: options.host, port, config: scanConfig(options) });
        // Other commands on this --db find the server through this record and read through its API.
        writeServerRecord(options.db, running.url);
      } catch (error) {
        await db.close();
        throw error;
      }
    });
}
